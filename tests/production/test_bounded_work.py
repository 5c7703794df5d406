"""Bounded work for every request (issue 24, finding 1): one anonymous request used to replay
thousands of years of a seat's clock in one transaction (`{"today": "9999-12-31"}`), locking
the database for every other request. The clock now stays in its window (docs/clock.md):
a date outside it is a 400 naming `today`, in a handful of queries; the longest legal move is
a bounded number of queries (bench/clock.py times it). Each request runs under a query budget
that stops it at once when its work grows past it, so these tests fail fast, never hang.

What else grows with what a person sends (class size, CSV export, resets, starting states,
course material) is bounded by construction; the checks are at the end of this file and in
docs/performance.md."""

import datetime
import json

import pytest
from django.test import Client
from django.urls import reverse

from accounts.clock import sandbox_last_day
from seats.models import MAX_SEATS_PER_CLASS, Seat

from .bounded import LONGEST_MOVE_BUDGET, REFUSAL_BUDGET, hostile_dates, query_budget

pytestmark = pytest.mark.django_db


def api_seat(client) -> dict:
    """A seat made as the issue's script made it: no credentials, on an open sandbox."""
    created = client.post("/api/v1/seats/", {"language": "en"}, content_type="application/json")
    assert created.status_code == 201, created.content
    return created.json()


def api_clock(client, seat: dict, today: str):
    return client.post(
        f"/api/v1/seats/{seat['id']}/clock/",
        json.dumps({"today": today}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Seat {seat['token']}",
    )


@pytest.mark.parametrize("today", hostile_dates())
def test_the_api_refuses_a_date_outside_the_window_at_once(sample_data, today):
    client = Client()
    seat = api_seat(client)
    with query_budget(REFUSAL_BUDGET):
        refused = api_clock(client, seat, today)
    assert refused.status_code == 400, refused.content
    body = refused.json()
    assert body["code"] == "invalid" and list(body["fields"]) == ["today"]
    assert Seat.objects.get(pk=seat["id"]).today is None


def test_the_api_error_names_the_window_in_the_request_s_language(sample_data):
    client = Client()
    seat = api_seat(client)
    refused = api_clock(client, seat, "9999-12-31")
    [message] = refused.json()["fields"]["today"]
    assert sandbox_last_day().isoformat() in message
    refused = client.post(
        f"/api/v1/seats/{seat['id']}/clock/",
        json.dumps({"today": "9999-12-31"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Seat {seat['token']}",
        HTTP_ACCEPT_LANGUAGE="es",
    )
    [message] = refused.json()["fields"]["today"]
    assert "El reloj" in message


def self_paced_seat_client() -> Client:
    """A browser in a seat of its own, as the issue's second path made it: the self-paced
    course, started without signing in."""
    browser = Client()
    started = browser.post(reverse("lessons:course-start"))
    assert started.status_code == 302, started.status_code
    assert browser.get(reverse("sandbox:clock")).status_code == 200
    return browser


@pytest.mark.parametrize("today", hostile_dates())
def test_the_clock_page_refuses_a_date_outside_the_window_on_the_form(sample_data, today):
    browser = self_paced_seat_client()
    seat = Seat.objects.get(pk=browser.session["seat_id"])
    with query_budget(REFUSAL_BUDGET):
        refused = browser.post(reverse("sandbox:clock"), {"today": today})
    assert refused.status_code == 400
    assert refused.context["form"].errors["today"]
    page = refused.content.decode()
    assert 'data-testid="clock-date-error"' in page and 'aria-invalid="true"' in page
    seat.refresh_from_db()
    assert seat.today is None


def test_the_clock_page_says_it_in_the_page_s_language(sample_data):
    browser = self_paced_seat_client()
    refused = browser.post("/es/clock/", {"today": "9999-12-31"})
    assert refused.status_code == 400
    assert "El reloj no puede ir más allá" in refused.content.decode()


def test_a_button_past_the_window_is_refused_on_the_clock_page(sample_data):
    browser = self_paced_seat_client()
    seat = Seat.objects.get(pk=browser.session["seat_id"])
    last = sandbox_last_day()
    assert browser.post(reverse("sandbox:clock"), {"today": last.isoformat()}).status_code == 302
    with query_budget(REFUSAL_BUDGET):
        refused = browser.post(reverse("sandbox:clock"), {"step": "day"})
    assert refused.status_code == 400
    assert 'data-testid="clock-date-error"' in refused.content.decode()
    seat.refresh_from_db()
    assert seat.today == last


@pytest.mark.parametrize("today", hostile_dates())
def test_the_seat_page_refuses_a_date_outside_the_window(sample_data, persona, today):
    from classes.services import class_create

    classroom = class_create(name="Bounded", seat_count=2, language="en")
    trainer = Client()
    trainer.force_login(persona("trainer"))
    url = reverse("classes:seat-clock", kwargs={"code": classroom.code, "number": 2})
    with query_budget(REFUSAL_BUDGET * 3):  # the seat's page itself is rendered again
        refused = trainer.post(url, {"step": "", "today": today})
    assert refused.status_code == 400
    page = refused.content.decode()
    assert page.count('data-testid="seat-clock-error"') == 1
    assert 'id="clock-error-2"' in page
    assert not any(seat.today for seat in classroom.seats.all())


def test_the_longest_legal_move_is_bounded_work(sample_data):
    """Forward across the whole window, then back by a day (the start restored and the whole
    window replayed): each well within a budget of queries that does not grow with the date."""
    client = Client()
    seat = api_seat(client)
    last = sandbox_last_day()
    with query_budget(LONGEST_MOVE_BUDGET):
        moved = api_clock(client, seat, last.isoformat())
    assert moved.status_code == 200 and moved.json()["today"] == last.isoformat()
    back = (last - datetime.timedelta(days=1)).isoformat()
    with query_budget(LONGEST_MOVE_BUDGET):
        moved = api_clock(client, seat, back)
    assert moved.status_code == 200 and moved.json()["today"] == back


def test_a_class_is_at_most_sixty_seats(sample_data, persona):
    """A class's size is what a board, its CSV, a class reset and a starting state for the
    class grow with: the form refuses more than 60 seats before anything is made."""
    trainer = Client()
    trainer.force_login(persona("trainer"))
    with query_budget(REFUSAL_BUDGET):
        refused = trainer.post(
            reverse("classes:list"),
            {"name": "Too big", "seat_count": str(MAX_SEATS_PER_CLASS + 1), "language": "en"},
        )
    assert refused.status_code in (200, 400)
    assert refused.context["form"].errors["seat_count"]
    assert not Seat.objects.filter(classroom__name="Too big").exists()


def test_the_course_material_runs_one_capture_at_a_time(tmp_path, monkeypatch):
    """The Course material button starts the capture in the background and answers at once;
    pressed again while one runs (in this process or another), it starts nothing."""
    from course import course_material, runs

    builds = []
    monkeypatch.setattr(runs, "course_material_build", lambda *, out: builds.append(out))
    course_material.Progress(started_at="2026-11-21T09:00:00+00:00").write(tmp_path)
    assert runs.course_material_start(out=tmp_path) is False
    assert builds == []
