"""A page is a handful of SQL queries, the same number for an account of 5 users or 5,000:
every page each persona reaches, counted, then counted again after every account grew."""

import datetime

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


def _query_counts(client, pages) -> dict[str, int]:
    counts = {}
    for path in pages:
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        counts[path] = len(queries)
    return counts


@pytest.mark.parametrize("persona_key", PERSONAS)
def test_query_counts_do_not_grow_with_the_account(sample_data, persona_key):
    client = persona_client(Client(), persona_key)
    pages, _ = crawl(client)
    small = _query_counts(client, pages)
    _grow_every_account()
    large = _query_counts(client, pages)
    grew = {path: (small[path], large[path]) for path in pages if large[path] != small[path]}
    assert grew == {}, f"queries grew with the account size (before, after): {grew}"
