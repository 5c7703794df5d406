from django.urls import path

from . import views

app_name = "corp_portal"

# Like every center's URL conf, on purpose: a path per page, each a class-based view
# (docs/architecture.md, "Views").

urlpatterns = [
    path("", views.SignInView.as_view(), name="sign-in"),
    path("sign-out/", views.SignOutView.as_view(), name="sign-out"),
    path("forgot-password/", views.ForgotPasswordView.as_view(), name="forgot-password"),
    path("invoices/", views.InvoicesView.as_view(), name="invoices"),
    path("reset-password/<str:key>/", views.ResetPasswordView.as_view(), name="reset-password"),
    path("invoices/<int:pk>/", views.InvoiceView.as_view(), name="invoice"),
    path("invoices/<int:pk>/pay/", views.PayNowView.as_view(), name="pay-now"),
    path("quotes/", views.QuotesView.as_view(), name="quotes"),
    path("quotes/<int:pk>/", views.QuoteView.as_view(), name="quote"),
    path("invoice-contacts/", views.InvoiceContactsView.as_view(), name="invoice-contacts"),
    path(
        "invoice-contacts/<int:pk>/remove/",
        views.InvoiceContactRemoveView.as_view(),
        name="invoice-contact-remove",
    ),
    path("purchase-orders/", views.PurchaseOrdersView.as_view(), name="purchase-orders"),
    path("bill-to/", views.BillToView.as_view(), name="bill-to"),
    path("payment-profile/", views.PaymentProfileView.as_view(), name="payment-profile"),
    path("subscriptions/", views.SubscriptionsView.as_view(), name="subscriptions"),
    path("subscriptions/<int:pk>/add-seats/", views.AddSeatsView.as_view(), name="add-seats"),
    path(
        "subscriptions/<int:pk>/auto-renewal/",
        views.AutoRenewalView.as_view(),
        name="auto-renewal",
    ),
]
