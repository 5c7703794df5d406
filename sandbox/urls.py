from django.urls import path

from . import views

app_name = "sandbox"

urlpatterns = [
    path("", views.home, name="home"),
    path("mailbox/", views.MailboxView.as_view(), name="mailbox"),
    path("health/", views.health, name="health"),
    path("mailbox/<int:pk>/", views.MailboxMessageView.as_view(), name="mailbox-message"),
]
