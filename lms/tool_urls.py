"""The addresses an LMS calls, outside the language prefix: pasted once in the LMS, they
never change with the language."""

from django.urls import path

from . import views

app_name = "lms-tool"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("launch/", views.LaunchView.as_view(), name="launch"),
    path("jwks.json", views.KeySetView.as_view(), name="jwks"),
]
