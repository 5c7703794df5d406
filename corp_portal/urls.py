from django.urls import path

from . import views

app_name = "corp_portal"

urlpatterns = [
    path("", views.sign_in, name="sign-in"),
    path("sign-out/", views.sign_out, name="sign-out"),
    path("forgot-password/", views.forgot_password, name="forgot-password"),
    path("invoices/", views.invoices, name="invoices"),
    path("invoices/<int:pk>/", views.invoice, name="invoice"),
    path("bill-to/", views.bill_to, name="bill-to"),
    path("payment-profile/", views.payment_profile, name="payment-profile"),
    path("subscriptions/", views.subscriptions, name="subscriptions"),
    path("subscriptions/<int:pk>/add-seats/", views.add_seats, name="add-seats"),
]
