"""The trainer's LMS page (under the language prefix)."""

from django.urls import path

from . import views

app_name = "lms"
urlpatterns = [
    path("lms/", views.PlatformListView.as_view(), name="platforms"),
]
