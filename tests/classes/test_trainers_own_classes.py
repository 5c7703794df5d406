"""Trainers each with their own classes (issue 26): a trainer sees, runs, resets and ends
their own classes and their seats' lockouts, faults and clocks; a lead trainer sees all.

The walk: every trainer page of the URL conf (as tests/production/test_trainer_pages.py finds
them), opened by a second trainer, fails on any that shows or changes the first trainer's
class or seats. A page of one class is a 404 to another trainer, never a 403 that says the
class exists; the pages of no class show nothing of it."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from api.tokens import trainer_token_create
from classes.services import class_create
from corp_portal.models import PortalLogin
from sandbox.lockouts import lockouts_active
from sandbox.trainers import is_lead, trainer_add
from seats.models import Classroom, Seat
from seats.scope import seat_scope
from tests.production.test_trainer_pages import concrete, trainer_only_routes

pytestmark = pytest.mark.django_db

UNKNOWN = "/en/no-such-page/"
ROUTES = trainer_only_routes()


@pytest.fixture
def lead(persona):
    return persona("trainer")


@pytest.fixture
def rosa(sample_data):
    trainer, _link = trainer_add(email="rosa@training.example", name="Rosa Díaz", link_base="")
    return trainer


@pytest.fixture
def leads_class(lead):
    classroom = class_create(name="Lead Tuesday class", seat_count=1, language="en", owner=lead)
    seat = classroom.seats.get()
    with seat_scope(seat):  # a lock in the lead's seat, for the Lockouts page
        login = PortalLogin.objects.get(user_id="GLOBEX-4471")
        login.locked_until = timezone.now() + datetime.timedelta(minutes=10)
        login.save()
    return classroom


@pytest.fixture
def rosas_class(rosa):
    return class_create(name="Rosa Wednesday class", seat_count=1, language="en", owner=rosa)


def browser(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_first_trainer_leads_and_an_added_trainer_does_not(lead, rosa):
    assert is_lead(lead) and not is_lead(rosa)


def test_a_trainer_lists_their_own_classes_and_a_lead_every_class(
    lead, rosa, leads_class, rosas_class
):
    mine = browser(rosa).get(reverse("classes:list")).content.decode()
    assert rosas_class.code in mine and leads_class.code not in mine
    every = browser(lead).get(reverse("classes:list")).content.decode()
    assert rosas_class.code in every and leads_class.code in every
    assert list(Classroom.objects.run_by(rosa)) == [rosas_class]
    assert set(Seat.objects.run_by(rosa)) == set(rosas_class.seats.all())


def test_a_class_made_on_the_page_is_its_trainer_s(rosa):
    answer = browser(rosa).post(
        reverse("classes:list"),
        {"name": "Rosa's Friday", "seat_count": 1, "language": "en", "time_zone": ""},
    )
    assert answer.status_code == 302
    assert Classroom.objects.get(name="Rosa's Friday").owner == rosa


def test_a_second_trainer_walks_every_trainer_page_and_finds_nothing_of_the_first_s(
    lead, rosa, leads_class
):
    """GET and POST of every page of the lead's class: the 404 of an unknown address; every
    other trainer page: nothing of the class (its name, its code, its seat) shown."""
    client = browser(rosa)
    seat = leads_class.seats.get()
    unknown = client.get(UNKNOWN)
    assert unknown.status_code == 404
    shown = {}
    for route in ROUTES:
        path = concrete(route, leads_class.code)
        if "<str:code>" in route or route.startswith("en/trainers/") or "reset/" in route:
            for method in ("get", "post"):
                status = getattr(client, method)(path).status_code
                # 405: a method the page never takes, whatever the code (it tells nothing)
                if status not in (404, 405):
                    shown[f"{method.upper()} {route}"] = status
        else:
            page = client.get(path).content.decode(errors="replace")
            if any(word in page for word in (leads_class.code, leads_class.name, str(seat))):
                shown[f"GET {route}"] = "shows the lead's class"
    assert not shown, shown
    # The posts that name no class in their address: the starting state of the lead's seat,
    # and the Lockouts page's Clear, leave the lead's seat as it was.
    state = {"seat": seat.pk, "state": "ana-pending-cancellation"}
    client.post(reverse("sandbox:state-apply"), state)
    client.post(reverse("sandbox:lockouts"), {"all": "1"})
    seat.refresh_from_db()
    assert seat.state == ""
    assert [lock.identity for lock in lockouts_active(seats=[seat])] == ["GLOBEX-4471"]
    assert Classroom.objects.filter(pk=leads_class.pk).exists()


def test_a_trainer_s_lockouts_page_shows_and_clears_their_seats_only(
    lead, rosa, leads_class, rosas_class
):
    theirs = rosas_class.seats.get()
    with seat_scope(theirs):
        login = PortalLogin.objects.get(user_id="GLOBEX-4471")
        login.locked_until = timezone.now() + datetime.timedelta(minutes=10)
        login.save()
    page = browser(rosa).get(reverse("sandbox:lockouts")).content.decode()
    assert rosas_class.name in page and leads_class.name not in page
    browser(rosa).post(reverse("sandbox:lockouts"), {"all": "1"})
    assert lockouts_active(seats=[theirs]) == []
    assert len(lockouts_active(seats=[leads_class.seats.get()])) == 1
    # The lead sees (and clears) every seat's.
    assert leads_class.name in browser(lead).get(reverse("sandbox:lockouts")).content.decode()


def test_a_trainer_s_token_acts_within_that_trainer_s_classes(lead, rosa, leads_class, rosas_class):
    _token, key = trainer_token_create(name="Rosa's script", trainer=rosa)
    api = Client(HTTP_AUTHORIZATION=f"Token {key}")
    leads_seat, rosas_seat = leads_class.seats.get(), rosas_class.seats.get()
    for name in ("seat", "seat-faults", "mailbox", "activity"):
        assert api.get(reverse(f"api:{name}", args=[leads_seat.pk])).status_code == 404, name
        assert api.get(reverse(f"api:{name}", args=[rosas_seat.pk])).status_code == 200, name
    assert api.post(reverse("api:seat-reset", args=[leads_seat.pk])).status_code == 404
    # The lead's token reaches every seat, as the one trainer's always did.
    _token, lead_key = trainer_token_create(name="Lead's script", trainer=lead)
    lead_api = Client(HTTP_AUTHORIZATION=f"Token {lead_key}")
    assert lead_api.get(reverse("api:seat", args=[rosas_seat.pk])).status_code == 200


def test_a_deactivated_trainer_s_classes_stay_for_the_lead_and_their_token_stops(
    lead, rosa, rosas_class
):
    _token, key = trainer_token_create(name="Rosa's script", trainer=rosa)
    answer = browser(lead).post(reverse("sandbox:trainer-deactivate", args=[rosa.pk]))
    assert answer.status_code == 302
    rosa.refresh_from_db()
    assert not rosa.is_active
    api = Client(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.get(reverse("api:seat", args=[rosas_class.seats.get().pk])).status_code == 401
    board = browser(lead).get(reverse("classes:board", kwargs={"code": rosas_class.code}))
    assert board.status_code == 200
