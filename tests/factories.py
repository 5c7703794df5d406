"""factory-boy factories for the domain: the same kinds of objects as the sample data."""

import datetime
from decimal import Decimal

import factory
from django.conf import settings

from accounts.models import (
    Account,
    BillingFrequency,
    PlanPrice,
    PlanTier,
    Product,
    Subscription,
    User,
)


class AccountFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Account
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Account {n}")
    billing = Account.Billing.STANDARD
    currency = Account.Currency.USD

    class Params:
        corporate = factory.Trait(billing=Account.Billing.CORPORATE)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.com")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    account = factory.SubFactory(AccountFactory)
    password = factory.django.Password(settings.SANDBOX_PASSWORD)

    class Params:
        account_admin = factory.Trait(is_account_admin=True)
        billing_admin = factory.Trait(is_account_admin=True, is_billing_admin=True)


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product

    code = factory.Sequence(lambda n: f"product-{n}")
    name = factory.Sequence(lambda n: f"Product {n}")
    license_unit = "agent"
    license_unit_plural = "Agents"


class PlanTierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanTier
        skip_postgeneration_save = True

    product = factory.SubFactory(ProductFactory)
    code = factory.Sequence(lambda n: f"plan-{n}")
    name = "Standard"
    rank = 1

    @factory.post_generation
    def prices(self, create, extracted, **kwargs):
        """Every currency and frequency gets a price, unless `prices=False`."""
        if not create or extracted is False:
            return
        for currency in Account.Currency.values:
            PlanPrice.objects.create(
                plan_tier=self,
                currency=currency,
                billing_frequency=BillingFrequency.MONTHLY,
                amount=Decimal("10.00"),
            )
            PlanPrice.objects.create(
                plan_tier=self,
                currency=currency,
                billing_frequency=BillingFrequency.ANNUAL,
                amount=Decimal("100.00"),
            )


class SubscriptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subscription

    account = factory.SubFactory(AccountFactory)
    plan_tier = factory.SubFactory(PlanTierFactory)
    product = factory.SelfAttribute("plan_tier.product")
    licenses = 5
    billing_frequency = BillingFrequency.MONTHLY
    renewal_date = factory.LazyFunction(
        lambda: settings.SANDBOX_TODAY + datetime.timedelta(days=30)
    )
