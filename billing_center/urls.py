from django.urls import path
from django.views.generic import TemplateView

from accounts.views import SignInView

app_name = "billing_center"

urlpatterns = [
    path(
        "sign-in/", SignInView.as_view(template_name="billing_center/sign_in.html"), name="sign-in"
    ),
    path(
        "subscriptions/",
        TemplateView.as_view(template_name="billing_center/sign_in.html"),
        name="subscriptions",
    ),  # placeholder until the billing-center branch lands
]
