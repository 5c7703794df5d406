"""The trainer's actions on the board: reset a seat or the whole class, clear one seat's
lockouts, end the class. Each touches only what it names."""

import pytest
from django.urls import reverse

from accounts.models import Activity, PlacedOrder
from classes.models import OutcomeReached
from corp_portal.models import PortalLogin, ServiceOrder
from seats.models import Classroom, Seat
from seats.scope import seat_scope

from .trainees import (
    locked_out,
    order_placed_in,
    seat_client,
    service_order_placed_in,
    sign_in_now,
)

pytestmark = pytest.mark.django_db


def url(name, classroom, **kwargs):
    return reverse(f"classes:{name}", kwargs={"code": classroom.code, **kwargs})


def orders_in(seat) -> int:
    return PlacedOrder._base_manager.filter(seat=seat).count()


def flash(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


@pytest.mark.parametrize(
    ("name", "kwargs", "testid"),
    [
        ("seat-reset", {"number": 2}, "seat-reset-confirm"),
        ("class-reset", {}, "class-reset-confirm"),
        ("class-end", {}, "class-end-confirm"),
    ],
)
def test_destructive_actions_ask_first(trainer_client, classroom, name, kwargs, testid):
    order_placed_in(classroom.seats.get(number=2))
    response = trainer_client.get(url(name, classroom, **kwargs))
    assert response.status_code == 200
    assert f'data-testid="{testid}"' in response.content.decode()
    assert orders_in(classroom.seats.get(number=2)) == 1  # asking changed nothing
    assert Classroom.objects.filter(pk=classroom.pk).exists()


def test_reset_one_seat(trainer_client, classroom):
    first, second = classroom.seats.get(number=1), classroom.seats.get(number=2)
    order_placed_in(first)
    order_placed_in(second)
    response = trainer_client.post(url("seat-reset", classroom, number=1), follow=True)
    assert response.redirect_chain[-1][0] == url("seat", classroom, number=1)  # the seat's page
    assert flash(response) == ["Seat 1 was reset to the sample data."]
    assert orders_in(first) == 0
    assert orders_in(second) == 1
    with seat_scope(first):
        assert Activity.objects.filter(action="seat_reset").exists()


def test_reset_the_whole_class(trainer_client, classroom):
    first, second = classroom.seats.get(number=1), classroom.seats.get(number=2)
    order_placed_in(first)
    order_placed_in(second)
    sign_in_now(seat_client(first), "ana")
    response = trainer_client.post(url("class-reset", classroom), follow=True)
    assert flash(response) == ["Every seat of Monday class was reset to the sample data."]
    assert orders_in(first) == orders_in(second) == 0
    assert OutcomeReached.objects.filter(seat=first).count() == 1  # progress stays
    assert PlacedOrder._base_manager.filter(seat=Seat.objects.default()).count() == 0


def test_end_the_class(client, trainer_client, classroom):
    first = classroom.seats.get(number=1)
    trainee = seat_client(first)
    sign_in_now(trainee, "ana")
    response = trainer_client.post(url("class-end", classroom), follow=True)
    # The class list comes with its own branch; until it is merged, the home page.
    assert response.redirect_chain[-1][0] in {"/en/classes/", reverse("sandbox:home")}
    assert flash(response) == ["The class Monday class ended."]
    assert not Classroom.objects.filter(pk=classroom.pk).exists()
    assert not Seat.objects.filter(classroom_id=classroom.pk).exists()
    assert not OutcomeReached.objects.exists()
    assert Seat.objects.default()  # the default seat stays
    assert 'data-testid="seat-badge"' not in trainee.get(reverse("sandbox:home")).content.decode()


def test_clear_one_seat_s_lockouts(trainer_client, classroom):
    first, second = classroom.seats.get(number=1), classroom.seats.get(number=2)
    trainee = seat_client(first)
    locked_out(trainee, "ana")
    locked_out(seat_client(second), "bruno")
    board = trainer_client.get(url("board", classroom))
    locks = {row.seat.number: row.locked_names for row in board.context["rows"]}
    assert locks == {1: ["Ana Ortega"], 2: ["Bruno Silva"], 3: []}
    # The Clear button is on each locked seat's own page, not on the board's compact rows.
    pages = {n: trainer_client.get(url("seat", classroom, number=n)) for n in (1, 2, 3)}
    clear = 'data-testid="seat-lockouts-clear"'
    assert [clear in pages[n].content.decode() for n in (1, 2, 3)] == [True, True, False]
    assert clear not in board.content.decode()

    response = trainer_client.post(url("seat-lockouts-clear", classroom, number=1), follow=True)
    assert response.redirect_chain[-1][0] == url("seat", classroom, number=1)
    assert flash(response) == ["1 lock cleared in seat 1."]
    assert response.context["row"].locked_names == []
    board = trainer_client.get(url("board", classroom))
    locks = {row.seat.number: row.locked_names for row in board.context["rows"]}
    assert locks == {1: [], 2: ["Bruno Silva"], 3: []}
    signed_in = trainee.post(
        reverse("billing_center:sign-in"),
        {"username": "ana.billing@acme.example", "password": "sandbox-2026"},
    )
    assert signed_in.status_code == 302


def test_the_board_shows_portal_locks_and_orders_per_seat(trainer_client, classroom):
    first, second = classroom.seats.get(number=1), classroom.seats.get(number=2)
    order_placed_in(first)
    order_placed_in(first)
    service_order_placed_in(second)
    with seat_scope(second):
        PortalLogin.objects.update(locked_until="2999-01-01T00:00:00Z")
    rows = {
        row.seat.number: row for row in trainer_client.get(url("board", classroom)).context["rows"]
    }
    assert (rows[1].orders, rows[1].service_orders) == (2, 0)
    # The portal's Add Seats is an order placed too, and counted as the portal's.
    assert (rows[2].orders, rows[2].service_orders) == (1, 1)
    assert ServiceOrder._base_manager.filter(seat=second).count() == 1
    assert (rows[3].orders, rows[3].service_orders) == (0, 0)
    assert rows[2].locked_names == ["GLOBEX-4471"] and rows[1].locked_names == []

    trainer_client.post(url("seat-lockouts-clear", classroom, number=2))
    with seat_scope(second):
        assert PortalLogin.objects.get().locked_until is None


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("seat-reset", {"number": 1}),
        ("class-reset", {}),
        ("class-end", {}),
        ("seat-lockouts-clear", {"number": 1}),
    ],
)
def test_only_the_trainer_acts(client, persona, classroom, name, kwargs):
    order_placed_in(classroom.seats.get(number=1))
    path = url(name, classroom, **kwargs)
    signed_out = client.post(path)
    assert signed_out.status_code == 302 and "next=" in signed_out["Location"]
    client.force_login(persona("ana"))
    assert client.post(path).status_code == 404
    assert client.get(path).status_code == 404
    assert orders_in(classroom.seats.get(number=1)) == 1
    assert Classroom.objects.filter(pk=classroom.pk).exists()


def test_an_unknown_seat_is_a_404(trainer_client, classroom):
    assert trainer_client.post(url("seat-reset", classroom, number=9)).status_code == 404
    assert trainer_client.post(url("seat-lockouts-clear", classroom, number=9)).status_code == 404


def test_clearing_locks_is_post_only(trainer_client, classroom):
    assert trainer_client.get(url("seat-lockouts-clear", classroom, number=1)).status_code == 405
