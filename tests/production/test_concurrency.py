"""Two writers change the same subscription at once: nothing is lost.

The first test runs everywhere, SQLite included: a second order is placed exactly between the
moment the first one read the subscription and the moment it writes (the product's own
service, with a hook at that point), so an order service that writes a count it read earlier
loses the second order, every time, not by luck.

The others need real row locks and two connections, so they run on PostgreSQL only
(`make test-postgres`, which .ci/run does). WRITERS lists the product's services under test,
with the account whose subscription they change.
"""

import threading
import time
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.db import close_old_connections, connection

from accounts.models import Activity, Subscription, User
from billing_center.services import order_place
from corp_portal.models import PortalLogin
from corp_portal.services import service_order_place
from sandbox.sample_data import ACME, GLOBEX
from tests.threads import joined

needs_row_locks = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs real row locks (PostgreSQL)"
)


@pytest.mark.django_db
def test_an_order_placed_between_another_orders_read_and_write_is_not_lost(
    sample_data, monkeypatch
):
    """Deterministic on every database: order B runs inside order A's read-to-write window."""
    from accounts import services

    subscription = Subscription.objects.filter(account__name=ACME).order_by("pk").first()
    admin = User.objects.get(account=subscription.account, is_billing_admin=True)
    before = subscription.licenses
    quote = services.licenses_quote
    interleaved = []

    def summary_then_another_order(**kwargs):
        # A has read the subscription; B is placed now, before A writes.
        if not interleaved:
            interleaved.append(True)
            order_place(
                actor=admin,
                account=admin.account,
                subscription_id=subscription.pk,
                quantity=3,
                order_key=uuid.uuid4(),
            )
        return quote(**kwargs)

    monkeypatch.setattr(services, "licenses_quote", summary_then_another_order)
    order_place(
        actor=admin,
        account=admin.account,
        subscription_id=subscription.pk,
        quantity=2,
        order_key=uuid.uuid4(),
    )
    assert interleaved, "the hook between read and write never ran"
    subscription.refresh_from_db()
    assert subscription.licenses == before + 2 + 3
    assert Activity.objects.filter(action="order_placed").count() == 2


def billing_center_order(subscription: Subscription, licenses: int) -> None:
    """The billing admin places an "add licenses" order in the Billing Center."""
    billing_admin = User.objects.get(account=subscription.account, is_billing_admin=True)
    order_place(
        actor=billing_admin,
        account=subscription.account,
        subscription_id=subscription.pk,
        quantity=licenses,
        order_key=uuid.uuid4(),
    )


def portal_add_seats(subscription: Subscription, licenses: int) -> None:
    """The portal's Add Seats: an order reviewed on stale seats is refused and reviewed again,
    as the holder would; what counts is that no placed order is lost."""
    portal_login = PortalLogin.objects.get(account=subscription.account)
    while True:
        current = Subscription.objects.get(pk=subscription.pk).licenses
        try:
            service_order_place(
                portal_login=portal_login,
                subscription_id=subscription.pk,
                seats=current + licenses,
                seats_reviewed=current,
                order_key=uuid.uuid4(),
            )
            return
        except ValidationError:
            continue


WRITERS = [
    pytest.param(billing_center_order, ACME, id="billing_center.order_place"),
    pytest.param(portal_add_seats, GLOBEX, id="corp_portal.service_order_place"),
]

THREADS = 2
WRITES_PER_THREAD = 10


def _run_at_once(work, count: int) -> list[BaseException]:
    barrier = threading.Barrier(count)
    errors: list[BaseException] = []

    def run(index):
        try:
            barrier.wait(timeout=30)
            work(index)
        except BaseException as error:  # noqa: BLE001 - reported by the test
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    joined(threads, timeout=120)
    return errors


@needs_row_locks
@pytest.mark.parametrize(("writer", "account_name"), WRITERS)
def test_concurrent_license_changes_lose_nothing(transactional_db, writer, account_name):
    from sandbox.services import sandbox_load

    sandbox_load()
    subscription = Subscription.objects.filter(account__name=account_name).order_by("pk").first()
    before = subscription.licenses

    def work(index):
        for _ in range(WRITES_PER_THREAD):
            writer(Subscription.objects.get(pk=subscription.pk), 1)

    errors = _run_at_once(work, THREADS)
    assert errors == []
    subscription.refresh_from_db()
    assert subscription.licenses == before + THREADS * WRITES_PER_THREAD


@needs_row_locks
def test_the_row_lock_really_makes_the_second_writer_wait(transactional_db, monkeypatch):
    """Proof the product's order service holds a real row lock: while one order is paused
    between its read and its write, a second order waits for it."""
    from accounts import services
    from sandbox.services import sandbox_load

    sandbox_load()
    subscription = Subscription.objects.filter(account__name=ACME).order_by("pk").first()
    before = subscription.licenses
    holding, released = threading.Event(), threading.Event()
    waited = []
    quote = services.licenses_quote

    def pausing_summary(**kwargs):
        if threading.current_thread().name == "first":
            holding.set()
            time.sleep(0.5)  # the first order holds the row lock this long
            released.set()
        return quote(**kwargs)

    monkeypatch.setattr(services, "licenses_quote", pausing_summary)

    def work(index):
        if index == 0:
            threading.current_thread().name = "first"
            billing_center_order(subscription, 1)
        else:
            holding.wait(timeout=30)
            started = time.monotonic()
            billing_center_order(subscription, 1)
            waited.append((time.monotonic() - started, released.is_set()))

    assert _run_at_once(work, 2) == []
    seconds, after_release = waited[0]
    assert after_release and seconds >= 0.3
    subscription.refresh_from_db()
    assert subscription.licenses == before + 2
