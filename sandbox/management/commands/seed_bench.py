"""`python manage.py seed_bench`: a large account beside the sample data, for `make bench`.

Bench Industries: 5,000 users, 50 subscriptions (one per product: 50 bench products) and 1,000
Billing Center invoices, all with bulk_create; Globex, whose portal login the benchmark's portal
flow signs in with, gets 1,000 more portal invoices. Run after `load_sandbox`; running it again
changes nothing. Smaller sizes with --users, --subscriptions, --invoices.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.clock import sandbox_today
from accounts.hashers import public_password_hash
from accounts.models import (
    Account,
    BillingFrequency,
    PlanPrice,
    PlanTier,
    Product,
    Subscription,
    User,
)
from billing_center.models import Invoice
from corp_portal.models import Invoice as PortalInvoice
from sandbox.sample_data import GLOBEX

BENCH_ACCOUNT = "Bench Industries"
BILLING_ADMIN = "bench.billing@bench.example"
ACCOUNT_ADMIN = "bench.admin@bench.example"
USERS, SUBSCRIPTIONS, INVOICES = 5000, 50, 1000


def seed(*, users: int = USERS, subscriptions: int = SUBSCRIPTIONS, invoices: int = INVOICES):
    """Create or update the large account; returns what was written, part by part."""
    report = {}
    today = sandbox_today()
    with transaction.atomic():
        account, _ = Account.objects.update_or_create(
            name=BENCH_ACCOUNT, defaults={"billing": "standard", "currency": "USD"}
        )
        # The personas' public password, with their cheap hash, one for everyone.
        password = public_password_hash(settings.SANDBOX_PASSWORD)
        existing = set(account.users.values_list("email", flat=True))
        new_users = [
            User(
                email=f"bench.user{i:05d}@bench.example",
                first_name="Bench",
                last_name=f"User {i:05d}",
                account=account,
                password=password,
            )
            for i in range(users - 2)
            if f"bench.user{i:05d}@bench.example" not in existing
        ]
        User.objects.bulk_create(new_users, batch_size=500)
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
        for i in range(subscriptions):
            product, _ = Product.objects.update_or_create(
                code=f"bench-{i:02d}",
                defaults={
                    "name": f"Bench Product {i:02d}",
                    "license_unit": "agent",
                    "license_unit_plural": "Agents",
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
    report["invoices"] = _seed_invoices(account, today, invoices)
    return report


def _seed_invoices(account: Account, today: datetime.date, invoices: int) -> str:
    """Billing Center invoices for the large account (its billing history), and as many
    portal invoices for Globex, whose portal login (Diego's) the portal flow signs in with."""
    held = list(account.subscriptions.select_related("product", "plan_tier"))
    globex = Account.objects.get(name=GLOBEX)
    with transaction.atomic():
        Invoice.objects.filter(account=account).delete()
        Invoice.objects.bulk_create(
            [
                Invoice(
                    account=account,
                    number=f"BENCH-{i:05d}",
                    kind=Invoice.Kind.RENEWAL,
                    issued_on=today - datetime.timedelta(days=i),
                    subscription=subscription,
                    product=subscription.product,
                    plan_tier=subscription.plan_tier,
                    billing_frequency=subscription.billing_frequency,
                    quantity=subscription.licenses,
                    unit_price=Decimal("12.00"),
                    period_start=today - datetime.timedelta(days=i),
                    period_end=today - datetime.timedelta(days=i) + datetime.timedelta(days=365),
                    total=Decimal("12.00") * subscription.licenses,
                    currency=account.currency,
                )
                for i, subscription in ((i, held[i % len(held)]) for i in range(invoices))
            ],
            batch_size=500,
        )
        PortalInvoice.objects.filter(number__startswith="BENCH-GLX-").delete()
        PortalInvoice.objects.bulk_create(
            [
                PortalInvoice(
                    account=globex,
                    number=f"BENCH-GLX-{i:05d}",
                    issued_on=today - datetime.timedelta(days=1000 + i),
                    period_start=today - datetime.timedelta(days=1000 + i),
                    period_end=today - datetime.timedelta(days=970 + i),
                    due_on=today - datetime.timedelta(days=970 + i),
                    currency=globex.currency,
                    total=Decimal("1200.00"),
                    status=PortalInvoice.Status.PAID,
                )
                for i in range(invoices)
            ],
            batch_size=500,
        )
    return f"{invoices} Billing Center invoices, {invoices} portal invoices (Globex)"


class Command(BaseCommand):
    help = "Seed a large account beside the sample data, for the benchmark (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--users", type=int, default=USERS)
        parser.add_argument("--subscriptions", type=int, default=SUBSCRIPTIONS)
        parser.add_argument("--invoices", type=int, default=INVOICES)

    def handle(self, *args, **options):
        report = seed(
            users=options["users"],
            subscriptions=options["subscriptions"],
            invoices=options["invoices"],
        )
        for part, written in report.items():
            self.stdout.write(f"{part}: {written}")
