from django.urls import path
from django.views.generic import TemplateView

app_name = "corp_portal"

urlpatterns = [
    path("", TemplateView.as_view(template_name="corp_portal/sign_in.html"), name="sign-in"),
]
