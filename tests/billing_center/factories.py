"""Factories of the Billing Center's own objects."""

import datetime
from decimal import Decimal

import factory
from django.conf import settings

from billing_center.models import BillingInfo, Invoice, PaymentMethod
from tests.factories import AccountFactory, SubscriptionFactory

# A test card as the Payment Method form takes it (PaymentMethodFactory is what it keeps).
CARD = {
    "cardholder": "Ana Ortega",
    "card_number": "4242 4242 4242 4242",
    "exp_month": "12",
    "exp_year": "2030",
    "cvc": "123",
}


class PaymentMethodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PaymentMethod

    account = factory.SubFactory(AccountFactory)
    brand = "Visa"
    last4 = "4242"
    exp_month = 12
    exp_year = 2030


class BillingInfoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BillingInfo

    account = factory.SubFactory(AccountFactory)
    company_name = "Example Inc."
    address_line1 = "1 Main Street"
    city = "Springfield"
    postal_code = "12345"
    country = "US"


class InvoiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invoice

    subscription = factory.SubFactory(SubscriptionFactory)
    account = factory.SelfAttribute("subscription.account")
    product = factory.SelfAttribute("subscription.product")
    plan_tier = factory.SelfAttribute("subscription.plan_tier")
    number = factory.Sequence(lambda n: f"TEST-{n:05d}")
    kind = Invoice.Kind.RENEWAL
    issued_on = factory.LazyFunction(lambda: settings.SANDBOX_TODAY)
    billing_frequency = factory.SelfAttribute("subscription.billing_frequency")
    quantity = 5
    unit_price = Decimal("10.00")
    period_start = factory.LazyFunction(lambda: settings.SANDBOX_TODAY)
    period_end = factory.LazyFunction(lambda: settings.SANDBOX_TODAY + datetime.timedelta(days=30))
    total = Decimal("50.00")
    currency = "USD"
