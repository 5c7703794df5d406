"""Seed a large account beside the sample data, for the benchmark (bench/run.py).

5,000 users, 50 subscriptions (one per product: 50 bench products) and 1,000 invoices, all with
bulk_create. Each part is optional: the invoices' model arrives with another branch, and is
seeded only if it can be imported; its fields are filled by type. Run through Django's setup:
`python bench/seed.py` with DJANGO_SETTINGS_MODULE and DATABASE_URL set.
"""

import datetime
import importlib
import os
import sys
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

BENCH_ACCOUNT = "Bench Industries"
BILLING_ADMIN = "bench.billing@bench.example"
ACCOUNT_ADMIN = "bench.admin@bench.example"
USERS, SUBSCRIPTIONS, INVOICES = 5000, 50, 1000
INVOICE_MODELS = ["billing_center.models.Invoice", "corp_portal.models.Invoice"]


def seed() -> dict[str, str]:
    from django.conf import settings
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from accounts.clock import sandbox_today
    from accounts.models import (
        Account,
        BillingFrequency,
        PlanPrice,
        PlanTier,
        Product,
        Subscription,
        User,
    )

    report = {}
    today = sandbox_today()
    with transaction.atomic():
        account, _ = Account.objects.update_or_create(
            name=BENCH_ACCOUNT, defaults={"billing": "standard", "currency": "USD"}
        )
        # One hash for everyone: hashing 5,000 passwords one by one would dominate the seed.
        password = make_password(settings.SANDBOX_PASSWORD)
        existing = set(account.users.values_list("email", flat=True))
        users = [
            User(
                email=f"bench.user{i:05d}@bench.example",
                first_name="Bench",
                last_name=f"User {i:05d}",
                account=account,
                password=password,
            )
            for i in range(USERS - 2)
            if f"bench.user{i:05d}@bench.example" not in existing
        ]
        User.objects.bulk_create(users, batch_size=500)
        for email, billing in [(ACCOUNT_ADMIN, False), (BILLING_ADMIN, True)]:
            User.objects.update_or_create(
                email=email,
                defaults={
                    "first_name": "Bench",
                    "last_name": "Billing admin" if billing else "Account admin",
                    "account": account,
                    "is_account_admin": True,
                    "is_billing_admin": billing,
                    "password": password,
                },
            )
        report["users"] = str(account.users.count())

        products = []
        for i in range(SUBSCRIPTIONS):
            product, _ = Product.objects.update_or_create(
                code=f"bench-{i:02d}",
                defaults={
                    "name": f"Bench Product {i:02d}",
                    "license_unit": "agent",
                    "sort_order": 100 + i,
                },
            )
            tier, _ = PlanTier.objects.update_or_create(
                product=product, code="standard", defaults={"name": "Standard", "rank": 1}
            )
            for frequency in BillingFrequency.values:
                PlanPrice.objects.update_or_create(
                    plan_tier=tier,
                    currency="USD",
                    billing_frequency=frequency,
                    defaults={"amount": Decimal("12.00")},
                )
            products.append((product, tier))
        have = set(account.subscriptions.values_list("product_id", flat=True))
        Subscription.objects.bulk_create(
            [
                Subscription(
                    account=account,
                    product=product,
                    plan_tier=tier,
                    licenses=100,
                    billing_frequency=BillingFrequency.ANNUAL,
                    renewal_date=today + datetime.timedelta(days=30 + i),
                )
                for i, (product, tier) in enumerate(products)
                if product.pk not in have
            ]
        )
        report["subscriptions"] = str(account.subscriptions.count())
    report["invoices"] = _seed_invoices(account, today)
    return report


def _invoice_model():
    for dotted in INVOICE_MODELS:
        module, name = dotted.rsplit(".", 1)
        try:
            return getattr(importlib.import_module(module), name)
        except (ImportError, AttributeError):
            continue
    return None


def _value_for(field, account, index, today):
    from django.db import models

    if field.choices:
        return field.choices[0][0]
    if isinstance(field, models.ForeignKey):
        if field.related_model._meta.label == "accounts.Account":
            return account
        return field.related_model._default_manager.filter(account=account).first()
    if isinstance(field, models.DecimalField):
        return Decimal("1200.00")
    if isinstance(field, models.DateTimeField):
        return datetime.datetime.combine(today, datetime.time(), tzinfo=datetime.UTC)
    if isinstance(field, models.DateField):
        return today - datetime.timedelta(days=index)
    if isinstance(field, (models.IntegerField, models.PositiveIntegerField)):
        return index + 1
    if isinstance(field, models.JSONField):
        return {}
    if isinstance(field, (models.CharField, models.TextField)):
        return f"BENCH-{index:05d}"[: field.max_length or None]
    return None


def _seed_invoices(account, today) -> str:
    from django.db import models, transaction

    model = _invoice_model()
    if model is None:
        return "not seeded: no Invoice model in this branch"
    fields = [
        f
        for f in model._meta.concrete_fields
        if not f.primary_key
        and not f.has_default()
        and not f.null
        and not f.blank
        and not getattr(f, "auto_now", False)
        and not getattr(f, "auto_now_add", False)
    ]
    account_fields = [f for f in fields if isinstance(f, models.ForeignKey)]
    try:
        with transaction.atomic():
            if any(f.related_model._meta.label == "accounts.Account" for f in account_fields):
                model._default_manager.filter(
                    **{
                        f.name: account
                        for f in account_fields
                        if f.related_model._meta.label == "accounts.Account"
                    }
                ).delete()
            model._default_manager.bulk_create(
                [
                    model(**{f.name: _value_for(f, account, i, today) for f in fields})
                    for i in range(INVOICES)
                ],
                batch_size=500,
            )
    except Exception as error:  # noqa: BLE001 - the model is another branch's: report, go on
        return f"not seeded: {type(error).__name__}: {error}"[:200]
    return str(INVOICES)


if __name__ == "__main__":
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
    django.setup()
    for part, outcome in seed().items():
        print(f"{part}: {outcome}")
