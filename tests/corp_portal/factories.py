"""Factories of the portal's objects, on top of the domain factories of tests/factories.py."""

import datetime
from decimal import Decimal

import factory
from django.contrib.auth.hashers import make_password

from corp_portal.models import (
    BillTo,
    Country,
    Invoice,
    InvoiceLine,
    PaymentProfile,
    PortalLogin,
    Quote,
)
from tests.factories import AccountFactory, UserFactory

PORTAL_PASSWORD = "portal-pass-1"


class PortalLoginFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PortalLogin

    user_id = factory.Sequence(lambda n: f"CORP-{n:04d}")
    password = factory.LazyFunction(lambda: make_password(PORTAL_PASSWORD))
    account = factory.SubFactory(AccountFactory, corporate=True)
    holder = factory.SubFactory(
        UserFactory, account=factory.SelfAttribute("..account"), account_admin=True
    )


class InvoiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invoice

    account = factory.SubFactory(AccountFactory, corporate=True)
    number = factory.Sequence(lambda n: f"INV-{n:05d}")
    issued_on = factory.Sequence(lambda n: datetime.date(2026, 11, 1) - datetime.timedelta(n))
    period_start = factory.SelfAttribute("issued_on")
    period_end = factory.LazyAttribute(lambda o: o.issued_on + datetime.timedelta(days=29))
    due_on = factory.LazyAttribute(lambda o: o.issued_on + datetime.timedelta(days=30))
    currency = factory.SelfAttribute("account.currency")
    total = Decimal("120.00")
    status = Invoice.Status.PAID


class InvoiceLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InvoiceLine

    invoice = factory.SubFactory(InvoiceFactory)
    description = "GoToMeeting Business"
    quantity = 4
    unit_price = Decimal("30.00")
    amount = Decimal("120.00")


class BillToFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BillTo

    account = factory.SubFactory(AccountFactory, corporate=True)
    company_name = "Initech"
    street = "1 Main Street"
    city = "Austin"
    region = "TX"
    postal_code = "78701"
    country = Country.US
    email = "ap@initech.example"


class PaymentProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PaymentProfile

    account = factory.SubFactory(AccountFactory, corporate=True)
    payment_type = PaymentProfile.PaymentType.CARD
    card_brand = "Visa"
    card_last4 = "4242"


class QuoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Quote

    account = factory.SubFactory(AccountFactory, corporate=True)
    subscription = factory.SubFactory(
        "tests.factories.SubscriptionFactory", account=factory.SelfAttribute("..account")
    )
    number = factory.Sequence(lambda n: f"Q-{n:05d}")
    seats = 12
    price_per_seat = Decimal("10.00")
    currency = factory.SelfAttribute("account.currency")
    issued_on = datetime.date(2026, 11, 18)
    valid_until = datetime.date(2027, 1, 17)
