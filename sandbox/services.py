"""Writing the sample data of `sample_data.py` into the database."""

import datetime

from django.conf import settings
from django.db import transaction

from accounts.clock import sandbox_today
from accounts.models import Account, PlanPrice, PlanTier, Product, Subscription, User

from . import sample_data
from .models import Persona
from .signals import sample_data_loaded

LANGUAGE_FIELDS = ("en", "es", "pt_br")


def _translated(field: str, texts: dict[str, str]) -> dict[str, str]:
    """{"en": ...} -> {"name_en": ..., "name_es": ..., "name_pt_br": ...} for modeltranslation."""
    return {f"{field}_{lang}": texts[lang] for lang in LANGUAGE_FIELDS}


@transaction.atomic
def sandbox_load(*, today: datetime.date | None = None) -> None:
    """Create or update every object of the sample data; running it twice changes nothing."""
    today = today or sandbox_today()
    products = _load_products()
    accounts = _load_accounts(products, today)
    _load_personas(accounts)
    sample_data_loaded.send(sender=sandbox_load, accounts=accounts, today=today)


def _load_products() -> dict[str, Product]:
    products = {}
    for order, data in enumerate(sample_data.PRODUCTS, start=1):
        product, _ = Product.objects.update_or_create(
            code=data.code,
            defaults={
                "name": data.name,
                "sort_order": order,
                **_translated("license_unit", data.license_unit),
            },
        )
        for plan_data in data.plans:
            plan, _ = PlanTier.objects.update_or_create(
                product=product,
                code=plan_data.code,
                defaults={"rank": plan_data.rank, **_translated("name", plan_data.name)},
            )
            for (currency, frequency), amount in plan_data.prices.items():
                PlanPrice.objects.update_or_create(
                    plan_tier=plan,
                    currency=currency,
                    billing_frequency=frequency,
                    defaults={"amount": amount},
                )
        products[data.code] = product
    return products


def _load_accounts(products: dict[str, Product], today: datetime.date) -> dict[str, Account]:
    accounts = {}
    for data in sample_data.ACCOUNTS:
        account, _ = Account.objects.update_or_create(
            name=data.name, defaults={"billing": data.billing, "currency": data.currency}
        )
        kept = []
        for sub in data.subscriptions:
            product = products[sub.product]
            subscription, _ = Subscription.objects.update_or_create(
                account=account,
                product=product,
                defaults={
                    "plan_tier": product.plan_tiers.get(code=sub.plan),
                    "licenses": sub.licenses,
                    "billing_frequency": sub.billing_frequency,
                    "renewal_date": today + datetime.timedelta(days=sub.renews_in_days),
                    "status": Subscription.Status.ACTIVE,
                },
            )
            kept.append(subscription.pk)
        account.subscriptions.exclude(pk__in=kept).delete()
        accounts[data.name] = account
    return accounts


def _load_personas(accounts: dict[str, Account]) -> None:
    # Clear billing admins first, so moving the role between personas never trips the
    # one-billing-admin-per-account constraint half way.
    User.objects.filter(email__in=[p.email for p in sample_data.PERSONAS]).update(
        is_billing_admin=False
    )
    for order, data in enumerate(sample_data.PERSONAS, start=1):
        user, _ = User.objects.update_or_create(
            email=data.email,
            defaults={
                "first_name": data.first_name,
                "last_name": data.last_name,
                "account": accounts[data.account] if data.account else None,
                "is_account_admin": data.is_account_admin,
                "is_billing_admin": data.is_billing_admin,
                "is_staff": data.is_staff,
                "is_superuser": data.is_staff,
                "is_active": True,
            },
        )
        if not user.check_password(settings.SANDBOX_PASSWORD):
            user.set_password(settings.SANDBOX_PASSWORD)
            user.save(update_fields=["password"])
        Persona.objects.update_or_create(
            key=data.key,
            defaults={
                "user": user,
                "sort_order": order,
                **_translated("description", data.description),
            },
        )
