"""The services on their own: proration, concurrent orders, limits, sample data."""

import datetime
import threading
import time
import uuid
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import OperationalError

from accounts.models import MAX_LICENSES, Subscription
from billing_center import services
from billing_center.cards import card_brand, luhn_valid
from billing_center.models import BillingInfo, Invoice, PaymentMethod
from sandbox.services import sandbox_load, sandbox_reset
from tests.factories import SubscriptionFactory, UserFactory
from tests.threads import joined

TODAY = datetime.date(2026, 11, 21)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("frequency", "days", "quantity", "expected"),
    [
        ("monthly", 30, 1, Decimal("10.00")),
        ("monthly", 15, 2, Decimal("10.00")),
        ("monthly", 0, 2, Decimal("0.00")),
        ("annual", 365, 1, Decimal("100.00")),
        ("annual", 73, 3, Decimal("60.00")),
        ("annual", 400, 1, Decimal("100.00")),  # never more than a whole period
    ],
)
def test_add_licenses_proration(frequency, days, quantity, expected):
    subscription = SubscriptionFactory(
        billing_frequency=frequency, renewal_date=TODAY + datetime.timedelta(days=days)
    )
    summary = services.order_summary_add_licenses(
        subscription=subscription, quantity=quantity, today=TODAY
    )
    assert summary.total_due == expected
    assert summary.licenses_after == subscription.licenses + quantity
    assert (summary.period_start, summary.period_end) == (TODAY, subscription.renewal_date)


@pytest.mark.django_db
def test_two_orders_from_pages_read_before_either_both_count():
    """Two orders from pages both read at 5 licenses, placed one after the other: the service
    trusts no count from the page. (Two orders interleaved inside the service itself:
    tests/production/test_concurrency.py.)"""
    subscription = SubscriptionFactory(licenses=5)
    admin = UserFactory(billing_admin=True, account=subscription.account)
    stale_a = Subscription.objects.get(pk=subscription.pk)
    stale_b = Subscription.objects.get(pk=subscription.pk)
    for stale, quantity in ((stale_a, 2), (stale_b, 3)):
        services.order_place(
            actor=admin,
            account=stale.account,
            subscription_id=stale.pk,
            quantity=quantity,
            order_key=uuid.uuid4(),
        )
    subscription.refresh_from_db()
    assert subscription.licenses == 10
    assert Invoice.objects.filter(subscription=subscription).count() == 2


@pytest.mark.django_db(transaction=True)
def test_concurrent_orders_in_threads_both_count():
    """Two requests at once: PostgreSQL waits on the row lock, SQLite on the database lock."""
    subscription = SubscriptionFactory(licenses=5)
    admin = UserFactory(billing_admin=True, account=subscription.account)
    barrier = threading.Barrier(2)
    errors = []

    def order(quantity):
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            # The in-memory SQLite test database refuses (rather than waits on) a locked
            # table: retry as a busy client would. PostgreSQL waits on the row lock.
            for _attempt in range(500):
                try:
                    services.order_place(
                        actor=admin,
                        account=subscription.account,
                        subscription_id=subscription.pk,
                        quantity=quantity,
                        order_key=uuid.uuid4(),
                    )
                    return
                except OperationalError as error:
                    if "locked" not in str(error):
                        raise
                    time.sleep(0.01)
            errors.append(f"order of {quantity} never got the lock")
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=order, args=(q,)) for q in (2, 3)]
    for thread in threads:
        thread.start()
    joined(threads, timeout=60)
    assert not errors
    subscription.refresh_from_db()
    assert subscription.licenses == 10


@pytest.mark.django_db
def test_order_over_the_maximum_is_refused():
    subscription = SubscriptionFactory(licenses=MAX_LICENSES - 1)
    admin = UserFactory(billing_admin=True, account=subscription.account)
    with pytest.raises(ValidationError):
        services.order_place(
            actor=admin,
            account=subscription.account,
            subscription_id=subscription.pk,
            quantity=2,
            order_key=uuid.uuid4(),
        )
    subscription.refresh_from_db()
    assert subscription.licenses == MAX_LICENSES - 1
    assert not Invoice.objects.exists()


@pytest.mark.django_db
def test_order_on_another_accounts_subscription_is_refused():
    subscription = SubscriptionFactory()
    intruder = UserFactory(billing_admin=True)
    with pytest.raises(Subscription.DoesNotExist):
        services.order_place(
            actor=intruder,
            account=intruder.account,
            subscription_id=subscription.pk,
            quantity=1,
            order_key=uuid.uuid4(),
        )


@pytest.mark.django_db
def test_cancel_undo_after_renewal_is_refused():
    subscription = SubscriptionFactory(
        status=Subscription.Status.PENDING_CANCELLATION, renewal_date=TODAY
    )
    admin = UserFactory(billing_admin=True, account=subscription.account)
    with pytest.raises(ValidationError):
        services.subscription_cancel_undo(
            actor=admin, account=subscription.account, subscription_id=subscription.pk
        )


@pytest.mark.parametrize(
    ("number", "valid", "brand"),
    [
        ("4242424242424242", True, "Visa"),
        ("4000000000000002", True, "Visa"),
        ("5555555555554444", True, "Mastercard"),
        ("378282246310005", True, "American Express"),
        ("4242424242424241", False, "Visa"),
    ],
)
def test_cards(number, valid, brand):
    assert luhn_valid(number) is valid
    assert card_brand(number) == brand


@pytest.mark.django_db
def test_loading_keeps_orders_and_reset_removes_them(persona):
    ana = persona("ana")

    def counts():
        return Invoice.objects.count(), PaymentMethod.objects.count(), BillingInfo.objects.count()

    assert counts() == (7, 2, 2)  # Acme: 1 annual + 3 monthly, Paulista: 3 monthly
    services.order_place(
        actor=ana,
        account=ana.account,
        subscription_id=ana.account.subscriptions.first().pk,
        quantity=1,
        order_key=uuid.uuid4(),
    )
    sandbox_load()
    sandbox_load()
    assert counts() == (8, 2, 2)  # a restart keeps the order's invoice
    sandbox_reset()
    assert counts() == (7, 2, 2)
    dates = sorted(set(Invoice.objects.values_list("issued_on", flat=True)))
    # Renewals in 143 (annual), 12 and 17 days (monthly): the periods already invoiced.
    offsets = (222, 78, 73, 48, 43, 18, 13)
    assert dates == [TODAY - datetime.timedelta(days=d) for d in offsets]


@pytest.mark.django_db
def test_the_same_summary_placed_twice_at_the_same_moment_is_placed_once():
    """Deterministic on SQLite: both requests read the subscription before either writes,
    with the same order summary's key; the key's unique constraint lets one through."""
    from accounts.services import OrderAlreadyPlaced

    subscription = SubscriptionFactory(licenses=5)
    admin = UserFactory(billing_admin=True, account=subscription.account)
    order_key = uuid.uuid4()
    stale = [Subscription.objects.get(pk=subscription.pk) for _ in range(2)]
    first = services.order_place(
        actor=admin,
        account=stale[0].account,
        subscription_id=stale[0].pk,
        quantity=2,
        order_key=order_key,
    )
    with pytest.raises(OrderAlreadyPlaced) as placed:
        services.order_place(
            actor=admin,
            account=stale[1].account,
            subscription_id=stale[1].pk,
            quantity=2,
            order_key=order_key,
        )
    assert placed.value.order.reference == first.number
    subscription.refresh_from_db()
    assert subscription.licenses == 7
    assert Invoice.objects.filter(subscription=subscription).count() == 1
