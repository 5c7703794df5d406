"""Two writers change the same subscription at once: with real row locks, nothing is lost.

SQLite locks the whole database, so these run on PostgreSQL only (`make test-postgres`, which
.ci/run does). WRITERS lists the functions under test: each takes a subscription and a number
of licenses to add, as two people placing an order or changing seats at once would. The
centers' own services join the list as they arrive, e.g.
    ("billing_center.order_place", lambda subscription, n: order_place(...)),
"""

import threading
import time

import pytest
from django.db import close_old_connections, connection, transaction
from django.db.models import F

from accounts.models import Subscription

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs real row locks (PostgreSQL)"
)


def licenses_add_locked(subscription: Subscription, licenses: int) -> None:
    """The pattern every seat-changing service follows: lock the row, then write with F()."""
    with transaction.atomic():
        locked = Subscription.objects.select_for_update().get(pk=subscription.pk)
        time.sleep(0.01)  # widen the window in which a second writer would interleave
        Subscription.objects.filter(pk=locked.pk).update(licenses=F("licenses") + licenses)


WRITERS = [
    pytest.param(licenses_add_locked, id="select_for_update+F"),
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


@pytest.mark.parametrize("writer", WRITERS)
def test_concurrent_license_changes_lose_nothing(transactional_db, writer):
    from sandbox.services import sandbox_load

    sandbox_load()
    subscription = Subscription.objects.order_by("pk").first()
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
