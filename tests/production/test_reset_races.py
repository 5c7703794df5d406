"""A seat's reset at the very moment its trainee presses Place Order, or the trainer moves its
clock or sets a starting state: the two queue, never deadlock.

Each round starts the two at once (threads behind a barrier, each with its own connection)
and checks both ends: the reset happened (the seat's world is the sample data again), the
other side either happened before it or not at all, and the trainee's browser got a page that
says which (the order placed, or "your seat was reset: nothing was ordered"), never a 500.

They need real row locks and two connections, so they run on PostgreSQL only: .ci/run runs
the suite again on PostgreSQL (DATABASE_URL), where they play every round.
"""

import datetime
import threading

import pytest
from django.db import close_old_connections, connection
from django.test import Client
from django.urls import reverse

from accounts.clock import sandbox_start
from accounts.models import PlacedOrder, Subscription
from classes.services import class_create, class_reset
from sandbox.clock import seat_clock_move
from sandbox.sample_data import PERSONAS_BY_KEY
from sandbox.services import sandbox_load
from sandbox.states import seat_state_apply
from sandbox.worlds import seat_reset
from seats.models import Seat
from seats.scope import seat_scope
from tests.threads import joined

from ..billing_center.test_orders import add_to_cart, checkout

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs real row locks and two connections: .ci/run plays it on PostgreSQL",
)

ROUNDS = 5
QUICK_ROUNDS = 3  # a clock move and a starting state each reset the seat themselves: slower
SAMPLE_LICENSES = 10  # Acme's GoToAssist Remote Support v5 in the sample data


def race(*works) -> list:
    """Run `works` at the same moment, one thread each; every thread is joined and each
    work's result (or the exception it raised) is returned in order."""
    barrier = threading.Barrier(len(works))
    results: list = [None] * len(works)

    def run(index, work):
        try:
            barrier.wait(timeout=30)
            results[index] = work()
        except BaseException as error:  # noqa: BLE001 - returned to the test
            results[index] = error
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=run, args=(index, work)) for index, work in enumerate(works)]
    for thread in threads:
        thread.start()
    joined(threads, timeout=120)
    return results


def seat_reset_of(seat):
    return lambda: seat_reset(seat=seat)


def class_reset_of(seat):
    return lambda: class_reset(classroom=seat.classroom)


RESETS = [pytest.param(seat_reset_of, id="seat-reset"), pytest.param(class_reset_of, id="class")]


@pytest.fixture
def seat(transactional_db):
    sandbox_load()
    classroom = class_create(name="Race", seat_count=1, language="en")
    return classroom.seats.get()


def ana_at_checkout(seat) -> tuple[Client, dict]:
    """Ana signed in in `seat`, one license in her cart, on the checkout: the Place Order
    form's data, as her browser sends it."""
    client = Client()
    assert client.get(reverse("seats:enter", args=[seat.token])).status_code == 302
    signed_in = client.post(
        reverse("billing_center:sign-in"),
        {"username": PERSONAS_BY_KEY["ana"].email, "password": "sandbox-2026"},
    )
    assert signed_in.status_code == 302
    with seat_scope(seat):
        rs5 = Subscription.objects.get(
            account__users__email=PERSONAS_BY_KEY["ana"].email, product__code="gotoassist-rs5"
        )
    add_to_cart(client, rs5, 1)
    return client, checkout(client)


def the_seat_is_the_sample_data(seat) -> None:
    with seat_scope(seat):
        rs5 = Subscription.objects.get(account__name="Acme Support", product__code="gotoassist-rs5")
        assert rs5.licenses == SAMPLE_LICENSES
        assert not PlacedOrder.objects.exists()


@pytest.mark.parametrize("reset", RESETS)
def test_a_reset_at_the_moment_of_place_order(seat, reset):
    seen = []
    for _round in range(ROUNDS):
        client, data = ana_at_checkout(seat)
        placing, resetting = race(
            lambda client=client, data=data: client.post(reverse("billing_center:checkout"), data),
            reset(seat),
        )
        assert not isinstance(resetting, BaseException), resetting
        assert not isinstance(placing, BaseException), placing
        content = placing.content.decode()
        if placing.status_code == 302:  # placed before the reset (which then undid it)
            assert placing["Location"] == reverse("billing_center:subscriptions")
            seen.append("placed")
        else:
            assert placing.status_code == 409, (placing.status_code, content[:2000])
            assert 'data-testid="order-not-placed"' in content
            seen.append("not placed")
        the_seat_is_the_sample_data(seat)
    assert len(seen) == ROUNDS


@pytest.mark.parametrize("reset", RESETS)
def test_a_reset_at_the_moment_of_a_clock_move(seat, reset):
    later = sandbox_start() + datetime.timedelta(days=40)
    for _round in range(QUICK_ROUNDS):
        moving, resetting = race(lambda: seat_clock_move(seat=seat, today=later), reset(seat))
        assert not isinstance(resetting, BaseException), resetting
        assert not isinstance(moving, BaseException), moving
        # Either order is right: the reset last (the start), or the move last (40 days on).
        assert Seat.objects.get(pk=seat.pk).today in (None, later)
        seat_reset(seat=seat)


@pytest.mark.parametrize("reset", RESETS)
def test_a_reset_at_the_moment_of_a_state_change(seat, reset):
    for _round in range(QUICK_ROUNDS):
        applying, resetting = race(
            lambda: seat_state_apply(seat=seat, name="ana-pending-cancellation"), reset(seat)
        )
        assert not isinstance(resetting, BaseException), resetting
        assert not isinstance(applying, BaseException), applying
        assert Seat.objects.get(pk=seat.pk).state in ("", "ana-pending-cancellation")
