"""Two writers change the same subscription at once: with real row locks, nothing is lost.

SQLite locks the whole database, so these run on PostgreSQL only (`make test-postgres`, which
.ci/run does). WRITERS lists the functions under test, with the account whose subscription
they change: each takes a subscription and a number of licenses to add, as two people placing
an order or changing seats at once would.
"""

import threading
import time
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.db import close_old_connections, connection, transaction
from django.db.models import F

from accounts.models import Subscription, User
from billing_center.services import order_place
from corp_portal.models import PortalLogin
from corp_portal.services import service_order_place
from sandbox.sample_data import ACME, GLOBEX

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs real row locks (PostgreSQL)"
)


def licenses_add_locked(subscription: Subscription, licenses: int) -> None:
    """The pattern every seat-changing service follows: lock the row, then write with F()."""
    with transaction.atomic():
        locked = Subscription.objects.select_for_update().get(pk=subscription.pk)
        time.sleep(0.01)  # widen the window in which a second writer would interleave
        Subscription.objects.filter(pk=locked.pk).update(licenses=F("licenses") + licenses)


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
    pytest.param(licenses_add_locked, ACME, id="select_for_update+F"),
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
    for thread in threads:
        thread.join(timeout=120)
    return errors


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


def test_the_row_lock_really_makes_the_second_writer_wait(transactional_db):
    """Proof the database gives real row locks: a writer blocks while another holds the row."""
    from sandbox.services import sandbox_load

    sandbox_load()
    subscription = Subscription.objects.order_by("pk").first()
    holding, released = threading.Event(), threading.Event()
    waited = []

    def work(index):
        if index == 0:
            with transaction.atomic():
                Subscription.objects.select_for_update().get(pk=subscription.pk)
                holding.set()
                time.sleep(0.5)
            released.set()
        else:
            holding.wait(timeout=30)
            started = time.monotonic()
            licenses_add_locked(subscription, 1)
            waited.append((time.monotonic() - started, released.is_set()))

    assert _run_at_once(work, 2) == []
    seconds, after_release = waited[0]
    assert after_release and seconds >= 0.3
