"""A page is a handful of SQL queries, the same number for an account of 5 users or 5,000:
every page each persona reaches, counted, then counted again after every list a page shows
grew: users, products and subscriptions, invoices of both centers (with their lines), orders
and service orders, the activity log and the mailbox."""

import datetime
import uuid

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.models import Account, PlanPrice, PlanTier, Product, Subscription, User

from .crawler import crawl, persona_client

PERSONAS = ["ana", "bruno", "carla", "diego", "elena", "fernanda", "trainer"]
EXTRA_USERS, EXTRA_PRODUCTS = 40, 4


def _grow_every_account():
    products = []
    for i in range(EXTRA_PRODUCTS):
        product = Product.objects.create(
            code=f"grown-{i}", name=f"Grown {i}", license_unit="agent", sort_order=50 + i
        )
        tier = PlanTier.objects.create(product=product, code="standard", name="Standard")
        for currency in Account.Currency.values:
            for frequency in ("monthly", "annual"):
                PlanPrice.objects.create(
                    plan_tier=tier, currency=currency, billing_frequency=frequency, amount=9
                )
        products.append((product, tier))
    for account in Account.objects.all():
        User.objects.bulk_create(
            User(email=f"grown{i}@{account.pk}.example", account=account, last_name=f"G{i}")
            for i in range(EXTRA_USERS)
        )
        Subscription.objects.bulk_create(
            Subscription(
                account=account,
                product=product,
                plan_tier=tier,
                licenses=3,
                billing_frequency="annual",
                renewal_date=datetime.date(2027, 1, 1),
            )
            for product, tier in products
        )


ORDERS_PER_ACCOUNT, PORTAL_INVOICE_COPIES = 6, 6


def _grow_every_list(orders: int, copies: int):
    """Orders placed through the product's own services (each an invoice, an activity entry
    and an email), and more portal invoices, each with its lines."""
    from billing_center.services import order_place
    from corp_portal.models import Invoice as PortalInvoice
    from corp_portal.models import InvoiceLine, PortalLogin
    from corp_portal.services import service_order_place

    for admin in User.objects.filter(is_billing_admin=True, account__billing="standard"):
        subscription = Subscription.objects.filter(account=admin.account).order_by("pk").first()
        for _ in range(orders):
            order_place(
                actor=admin,
                account=admin.account,
                subscription_id=subscription.pk,
                quantity=1,
                order_key=uuid.uuid4(),
            )
    for login in PortalLogin.objects.all():
        subscription = Subscription.objects.filter(account=login.account).order_by("pk").first()
        for _ in range(orders):
            seats = Subscription.objects.get(pk=subscription.pk).licenses
            service_order_place(
                portal_login=login,
                subscription_id=subscription.pk,
                seats=seats + 1,
                seats_reviewed=seats,
                order_key=uuid.uuid4(),
            )
    for invoice in list(PortalInvoice.objects.prefetch_related("lines")):
        lines = list(invoice.lines.all())
        for copy in range(copies):
            clone = PortalInvoice.objects.get(pk=invoice.pk)
            clone.pk, clone.number = None, f"{invoice.number}-{orders}-{copy}"
            clone.save()
            InvoiceLine.objects.bulk_create(
                InvoiceLine(**{**_fields(line), "invoice": clone}) for line in lines * 3
            )


def _every_list_short():
    """Lists the sample data fills up to their page size (the portal's last 20 invoices) start
    with two rows, so growing them shows whether each row costs a query."""
    from corp_portal.models import Invoice as PortalInvoice

    for account_id in PortalInvoice.objects.values_list("account_id", flat=True).distinct():
        newest = PortalInvoice.objects.filter(account_id=account_id).order_by("-pk")[:2]
        PortalInvoice.objects.filter(account_id=account_id).exclude(
            pk__in=list(newest.values_list("pk", flat=True))
        ).delete()


def _fields(row) -> dict:
    return {
        f.name: getattr(row, f.name)
        for f in row._meta.concrete_fields
        if not f.primary_key and f.name != "invoice"
    }


def _query_counts(client, pages) -> dict[str, int]:
    counts = {}
    for path in pages:
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        counts[path] = len(queries)
    return counts


@pytest.mark.parametrize("persona_key", PERSONAS)
def test_query_counts_do_not_grow_with_the_account(sample_data, persona_key):
    _every_list_short()
    _grow_every_list(orders=1, copies=0)  # every list shows a row: an empty one costs less
    client = persona_client(Client(), persona_key)
    pages, _ = crawl(client)
    small = _query_counts(client, pages)
    _grow_every_account()
    _grow_every_list(orders=ORDERS_PER_ACCOUNT, copies=PORTAL_INVOICE_COPIES)
    large = _query_counts(client, pages)
    grew = {path: (small[path], large[path]) for path in pages if large[path] != small[path]}
    assert grew == {}, f"queries grew with the account size (before, after): {grew}"
