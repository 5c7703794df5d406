from django.urls import path

from accounts.views import SignInView

app_name = "billing_center"

urlpatterns = [
    path(
        "sign-in/", SignInView.as_view(template_name="billing_center/sign_in.html"), name="sign-in"
    ),
]
