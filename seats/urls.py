from django.urls import path

from . import views

app_name = "seats"
urlpatterns = [
    path("seats/<str:token>/enter/", views.EnterView.as_view(), name="enter"),
]
