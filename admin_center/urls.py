from django.urls import path

from accounts.views import SignInView

app_name = "admin_center"

urlpatterns = [
    path("sign-in/", SignInView.as_view(template_name="admin_center/sign_in.html"), name="sign-in"),
]
