"""The starting states on the pages: the Starting states page, the guide's "start here", the
class board's per-seat and whole-class forms, and who may apply what."""

import re

import pytest
from django.test import Client

from accounts.models import Subscription
from classes.services import class_create
from sandbox.states import STATES
from sandbox.worlds import seat_create
from seats.models import Seat
from seats.scope import seat_scope
from tests.classes.trainees import seat_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def trainee_of(sample_data):
    """A class of one seat, and a browser that joined it."""

    def make():
        classroom = class_create(name="Monday", seat_count=1, language="en")
        browser = Client()
        browser.post(f"/en/join/{classroom.code}/", {"display_name": "Maria"})
        return classroom, browser

    return make


@pytest.fixture
def trainer(trainer_client):
    """This file's name for the trainer's client (tests/conftest.py)."""
    return trainer_client


def _pending(seat) -> int:
    with seat_scope(seat):
        return Subscription.objects.filter(status=Subscription.Status.PENDING_CANCELLATION).count()


def test_the_states_page_lists_every_state_with_its_outcomes(sample_data):
    page = Client().get("/en/states/").content.decode()
    rows = dict(re.findall(r'data-state="([^"]+)" data-outcomes="([^"]*)"', page))
    assert rows == {state.name: " ".join(o.value for o in state.outcomes) for state in STATES}
    # In the default seat: how to get a seat, no form that would apply a state.
    assert 'data-testid="states-no-seat"' in page
    assert 'data-testid="state-start-how"' in page
    assert "sandbox:my-seat-state" not in page and "/my-seat/state/" not in page


def test_a_self_paced_seat_applies_a_state_and_lands_on_its_sign_in(sample_data):
    seat = seat_create()
    browser = seat_client(seat)
    page = browser.get("/en/states/").content.decode()
    assert 'data-testid="states-own-seat"' in page
    response = browser.post("/en/my-seat/state/", {"state": "fernanda-brazil"})
    assert response.status_code == 302
    assert (
        response["Location"] == "/pt-br/billing/sign-in/?email=fernanda.billing%40paulista.example"
    )
    seat.refresh_from_db()
    assert seat.state == "fernanda-brazil"
    # Still in the seat: the badge says so, and the page says which state it is set to.
    page = browser.get("/en/states/").content.decode()
    assert 'data-testid="seat-badge"' in page and "Fernanda in Brazil" in page
    assert 'data-testid="nav-states"' in page


def test_a_class_trainee_and_the_default_seat_cannot_apply_one(sample_data, trainee_of):
    classroom, browser = trainee_of()
    seat = classroom.seats.get(number=1)
    page = browser.get("/en/states/").content.decode()
    assert 'data-testid="state-start-class-seat"' in page
    browser.post("/en/my-seat/state/", {"state": "ana-pending-cancellation"})
    assert _pending(seat) == 0
    Client().post("/en/my-seat/state/", {"state": "ana-pending-cancellation"})
    assert _pending(Seat.objects.default()) == 0


def test_an_unknown_state_changes_nothing(sample_data):
    seat = seat_create()
    browser = seat_client(seat)
    response = browser.post("/en/my-seat/state/", {"state": "nope"}, follow=True)
    assert "Choose a starting state." in response.content.decode()
    seat.refresh_from_db()
    assert seat.state == ""


def test_the_trainer_applies_a_state_from_the_board(sample_data, trainer):
    classroom = class_create(name="Monday", seat_count=2, language="en")
    one, two = classroom.seats.order_by("number")
    board = f"/en/classes/{classroom.code}/"
    seat_page = f"/en/classes/{classroom.code}/seats/1/"
    assert 'data-testid="seat-state-form"' not in trainer.get(board).content.decode()
    page = trainer.get(seat_page).content.decode()
    assert page.count('data-testid="seat-state-form"') == 1
    assert f'name="next" value="{seat_page}"' in page
    response = trainer.post(
        "/en/states/apply/",
        {"seat": one.pk, "state": "ana-pending-cancellation", "next": seat_page},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == seat_page
    assert _pending(one) == 1 and _pending(two) == 0
    assert re.search(
        r'data-seat="1"[^>]*>.*?data-testid="seat-state" data-state="ana-pending-cancellation"',
        trainer.get(board).content.decode(),
        re.S,
    )


def test_the_trainer_applies_a_state_to_the_whole_class(sample_data, trainer):
    classroom = class_create(name="Monday", seat_count=2, language="en")
    response = trainer.post(
        f"/en/classes/{classroom.code}/state/", {"state": "ana-pending-cancellation"}, follow=True
    )
    assert "2 seats are set to" in response.content.decode()
    assert [_pending(seat) for seat in classroom.seats.all()] == [1, 1]
    assert set(classroom.seats.values_list("state", flat=True)) == {"ana-pending-cancellation"}


def test_only_the_trainer_applies_to_any_seat(sample_data):
    seat = seat_create()
    response = seat_client(seat).post(
        "/en/states/apply/", {"seat": seat.pk, "state": "fernanda-brazil"}
    )
    assert response.status_code in (302, 403)
    seat.refresh_from_db()
    assert seat.state == ""
    classroom = class_create(name="Monday", seat_count=1, language="en")
    Client().post(f"/en/classes/{classroom.code}/state/", {"state": "fernanda-brazil"})
    assert classroom.seats.get().state == ""


def test_the_trainer_cannot_pick_the_default_seat(sample_data, trainer):
    default = Seat.objects.default()
    trainer.post("/en/states/apply/", {"seat": default.pk, "state": "ana-pending-cancellation"})
    assert _pending(default) == 0


@pytest.mark.parametrize("language", ["en", "es", "pt-br"])
def test_the_guide_offers_start_here_next_to_the_outcomes(sample_data, language):
    page = Client().get(f"/{language}/guide/").content.decode()
    # AC-2's branch lists the two states that demonstrate it.
    block = re.search(r'data-testid="guide-states-admin-center-AC-2">(.*?)</ul>', page, re.S).group(
        1
    )
    assert re.findall(r'data-state="([^"]+)"', block) == [
        "acme-no-billing-admin",
        "card-declined-on-renewal",
    ]
    assert 'data-testid="state-start-how"' in block


def test_the_guide_s_start_here_posts_for_a_seat_and_for_the_trainer(sample_data, trainer):
    seat = seat_create()
    page = seat_client(seat).get("/en/guide/").content.decode()
    assert 'action="/en/my-seat/state/"' in page
    page = trainer.get("/en/guide/").content.decode()
    assert 'action="/en/states/apply/"' in page
    assert f'<option value="{seat.pk}">' in page
