"""A page is a handful of SQL queries, the same number for an account of 5 users or 5,000:
every page each persona reaches, counted, then counted again after every list a page shows
grew: users, products and subscriptions, invoices of both centers (with their lines), orders
and service orders, the activity log and the mailbox. And the same number with one seat or
many loaded, in the default seat and inside a seat (where a page costs exactly one query
more, finding the seat, and an outcome page one more again, the class board's mark)."""

import datetime
import uuid
from collections import Counter
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.models import Account, PlanPrice, PlanTier, Product, Subscription, User
from faults.catalog import faults_that_may_apply
from sandbox.worlds import seat_create
from seats.models import Seat

from .crawler import crawl, persona_client, seat_persona_client, view_name

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


# With many seats loaded, a page costs what it cost with one: the seat is a filter on an
# index, never a query per seat. Inside a seat a page costs exactly one query more than the
# same page in the default seat: the middleware finding the seat (with its class); and an
# outcome page one more again: the class board's mark that the seat reached the outcome; and
# a page some deliberate fault could spoil (faults/catalog.py) one more: which faults are on.
EXTRA_SEATS = 10
SEAT_PERSONAS = [None, *PERSONAS]
QUERIES_TO_FIND_THE_SEAT = 1
QUERIES_TO_MARK_AN_OUTCOME_REACHED = 1
QUERIES_TO_READ_THE_FAULTS_ON = 1


def _faults_may_spoil(path: str) -> bool:
    return bool(faults_that_may_apply(view_name=view_name(path), language="en", method="GET"))


def _seat_clients(seat, personas) -> dict:
    """persona -> (client signed in in `seat` as the README says, the pages its crawl reached)."""
    clients = {}
    for persona_key in personas:
        client = seat_persona_client(Client(), seat, persona_key)
        pages, _ = crawl(client)
        clients[persona_key] = (client, pages)
    return clients


def _counts(clients) -> dict:
    return {key: _query_counts(client, pages) for key, (client, pages) in clients.items()}


def _by_shape(pages) -> dict[tuple, str]:
    """Each page by what it is regardless of ids: (URL name, query, how many such before it).
    A seat is a copy of the sample world, so its n-th subscription page is the default
    seat's n-th."""
    shapes, seen = {}, Counter()
    for path in pages:
        kind = (view_name(path), urlsplit(path).query)
        shapes[(*kind, seen[kind])] = path
        seen[kind] += 1
    return shapes


def _same_pages(default_pages, seat_pages) -> list[tuple[str, str]]:
    """The default seat's pages beside the same pages in a seat (a seat has pages of its own
    besides: its Reset my seat)."""
    in_default, in_seat = _by_shape(default_pages), _by_shape(seat_pages)
    assert set(in_default) <= set(in_seat), "a page of the default seat is missing in a seat"
    return [(path, in_seat[shape]) for shape, path in in_default.items()]


def _outcome_pages(client, pages) -> set[str]:
    """The pages that show an outcome (data-outcome on <body>)."""
    return {path for path in pages if b"data-outcome=" in client.get(path).content}


def test_query_counts_do_not_grow_with_the_seats(sample_data, monkeypatch):
    # A seat's "last activity" for the board is written at most every 30 s, whichever page
    # it falls on: not the cost of a page, so never in these counts.
    monkeypatch.setattr("sandbox.worlds.SEAT_TOUCH_EVERY", datetime.timedelta(days=1))
    in_default = _seat_clients(Seat.objects.default(), SEAT_PERSONAS)
    default_one = _counts(in_default)  # the default seat is the only one
    seat = seat_create()
    in_seat = _seat_clients(seat, [key for key in SEAT_PERSONAS if key != "trainer"])
    seat_one = _counts(in_seat)

    for _ in range(EXTRA_SEATS):
        seat_create()
    default_many, seat_many = _counts(in_default), _counts(in_seat)

    grew = {
        (key, path): (default_one[key][path], default_many[key][path])
        for key, counts in default_one.items()
        for path in counts
        if default_many[key][path] != counts[path]
    }
    grew |= {
        (key, f"{path} in {seat}"): (seat_one[key][path], seat_many[key][path])
        for key, counts in seat_one.items()
        for path in counts
        if seat_many[key][path] != counts[path]
    }
    assert grew == {}, f"queries grew with the seats (one seat, {EXTRA_SEATS + 2} seats): {grew}"

    not_as_counted = {}
    for key, (client, seat_pages) in in_seat.items():
        outcomes = _outcome_pages(client, seat_pages)
        for default_path, seat_path in _same_pages(in_default[key][1], seat_pages):
            more = QUERIES_TO_FIND_THE_SEAT
            if seat_path in outcomes:
                more += QUERIES_TO_MARK_AN_OUTCOME_REACHED
            if _faults_may_spoil(seat_path):
                more += QUERIES_TO_READ_THE_FAULTS_ON
            if seat_one[key][seat_path] != default_one[key][default_path] + more:
                not_as_counted[key, seat_path] = (
                    default_one[key][default_path],
                    seat_one[key][seat_path],
                )
    assert not_as_counted == {}, f"a page in a seat costs (default seat, seat): {not_as_counted}"
