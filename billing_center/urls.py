from django.urls import path

from . import views

app_name = "billing_center"

urlpatterns = [
    path("sign-in/", views.BillingCenterSignInView.as_view(), name="sign-in"),
    path("sign-out/", views.BillingCenterSignOutView.as_view(), name="sign-out"),
    path("", views.LandingView.as_view(), name="landing"),
    path("wrong-location/", views.WrongLocationView.as_view(), name="wrong-location"),
    path("my-account/", views.MyAccountView.as_view(), name="my-account"),
    path("subscriptions/", views.SubscriptionsView.as_view(), name="subscriptions"),
    path("subscriptions/new/", views.NewSubscriptionView.as_view(), name="new-subscription"),
    path(
        "subscriptions/<int:pk>/add-licenses/",
        views.AddLicensesView.as_view(),
        name="add-licenses",
    ),
    path("cart/", views.CartView.as_view(), name="cart"),
    path("checkout/", views.CheckoutView.as_view(), name="checkout"),
    path("subscriptions/<int:pk>/edit/", views.EditSubscriptionView.as_view(), name="edit"),
    path("subscriptions/<int:pk>/cancel/", views.CancelSubscriptionView.as_view(), name="cancel"),
    path("payment-method/", views.PaymentMethodView.as_view(), name="payment-method"),
    path("billing-info/", views.BillingInfoView.as_view(), name="billing-info"),
    path("billing-history/", views.BillingHistoryView.as_view(), name="billing-history"),
    path("billing-history/<int:pk>/", views.InvoiceView.as_view(), name="invoice"),
    path("activity/", views.ActivityView.as_view(), name="activity"),
]
