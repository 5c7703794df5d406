"""The board reads the whole class in a handful of queries: a class of 5 busy seats costs what
a class of 2 does. Recording progress costs a seat one INSERT per outcome page, and the
default seat nothing at all."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from classes.joining import seat_free
from classes.models import OutcomeReached, PersonaSignedIn
from classes.services import class_create
from corp_portal.models import PortalLogin
from sandbox.worlds import SEAT_TOUCH_EVERY
from seats.models import Seat
from seats.scope import seat_scope
from tests.commits import committed

from .trainees import (
    locked_out,
    order_placed_in,
    seat_client,
    service_order_placed_in,
    sign_in_now,
)

pytestmark = pytest.mark.django_db


def busy_class(seat_count: int):
    """A class whose every seat fills every column of its row: an outcome and a persona
    signed in, orders in both centers, a LogMeIn ID and a portal User ID locked."""
    classroom = class_create(name=f"{seat_count} seats", seat_count=seat_count, language="en")
    for seat in classroom.seats.all():
        trainee = seat_client(seat)
        sign_in_now(trainee, "ana")
        locked_out(trainee, "bruno")
        order_placed_in(seat)
        service_order_placed_in(seat)
        with seat_scope(seat):
            PortalLogin.objects.update(locked_until=timezone.now() + datetime.timedelta(minutes=10))
    return classroom


def queries(client, path) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured)


def test_the_board_does_not_query_per_seat(sample_data, trainer_client):
    small, large = busy_class(2), busy_class(5)
    for name in ("classes:board", "classes:board-csv"):
        counts = [
            queries(trainer_client, reverse(name, kwargs={"code": classroom.code}))
            for classroom in (small, large)
        ]
        assert counts[0] == counts[1], f"{name}: {counts}"
    rows = trainer_client.get(reverse("classes:board", kwargs={"code": large.code})).context["rows"]
    assert all(row.orders == 2 and len(row.lockouts) == 2 for row in rows)


def _tables_written(captured) -> set[str]:
    return {
        table
        for query in captured
        for table in ("sandbox_outcomereached", "seats_seat", "sandbox_personasignedin")
        if table in query["sql"] and not query["sql"].lstrip().upper().startswith("SELECT")
    }


def test_an_outcome_page_in_the_default_seat_records_nothing(client, persona):
    client.force_login(persona("ana"))
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("billing_center:subscriptions"))
    assert response.context["outcome"] == "BC-1"
    assert _tables_written(captured) == set()


def test_an_outcome_page_in_a_seat_records_it_in_one_insert(classroom):
    seat = classroom.seats.get(number=1)
    trainee = seat_client(seat)
    sign_in_now(trainee, "ana")
    # Within SEAT_TOUCH_EVERY of the last request: the seat's last activity is not written.
    with CaptureQueriesContext(connection) as captured:
        trainee.get(reverse("billing_center:subscriptions"))
    written = [q["sql"] for q in captured if "sandbox_outcomereached" in q["sql"]]
    assert len(written) == 1 and written[0].lstrip().upper().startswith("INSERT")
    assert "seats_seat" not in _tables_written(captured)


def test_an_outcome_page_shown_again_writes_nothing(classroom):
    """Once the record is committed, this process remembers it: showing the page again takes
    no write (on SQLite, no turn at the one write lock)."""
    seat = classroom.seats.get(number=1)
    trainee = seat_client(seat)
    with committed():
        sign_in_now(trainee, "ana")
    with CaptureQueriesContext(connection) as captured:
        response = trainee.get(reverse("billing_center:subscriptions"))
    assert response.context["outcome"] == "BC-1"
    assert _tables_written(captured) == set()
    assert OutcomeReached.objects.filter(seat=seat, outcome="BC-1").count() == 1


def test_a_record_rolled_back_is_written_again(classroom):
    """Remembered only once committed: a record whose transaction did not commit (here, the
    test's own) is written at the next showing."""
    seat = classroom.seats.get(number=1)
    trainee = seat_client(seat)
    sign_in_now(trainee, "ana")
    with CaptureQueriesContext(connection) as captured:
        trainee.get(reverse("billing_center:subscriptions"))
    assert "sandbox_outcomereached" in _tables_written(captured)


def test_a_freed_seat_records_its_next_trainee_s_outcomes(classroom):
    """Freeing a seat deletes its records and gives it a new token: what this process
    remembered of the old trainee does not hide the new one's progress."""
    seat = classroom.seats.get(number=1)
    with committed():
        sign_in_now(seat_client(seat), "ana")
    seat_free(seat=seat)
    assert not OutcomeReached.objects.filter(seat=seat).exists()
    seat.refresh_from_db()
    with committed():
        sign_in_now(seat_client(seat), "ana")
    assert OutcomeReached.objects.filter(seat=seat, outcome="BC-1").exists()
    assert PersonaSignedIn.objects.filter(seat=seat, email="ana.billing@acme.example").exists()


def test_signing_in_again_as_the_same_persona_writes_nothing(classroom):
    seat = classroom.seats.get(number=1)
    with committed():
        sign_in_now(seat_client(seat), "ana")
    with CaptureQueriesContext(connection) as captured:
        sign_in_now(seat_client(seat), "ana")
    assert "sandbox_personasignedin" not in _tables_written(captured)
    assert PersonaSignedIn.objects.filter(seat=seat).count() == 1


def test_a_seat_s_last_activity_is_written_when_it_grew_stale(classroom):
    seat = classroom.seats.get(number=1)
    trainee = seat_client(seat)
    stale = timezone.now() - SEAT_TOUCH_EVERY - datetime.timedelta(seconds=1)
    Seat.objects.filter(pk=seat.pk).update(last_activity_at=stale)
    trainee.get(reverse("sandbox:guide"))
    seat.refresh_from_db()
    assert seat.last_activity_at > stale
    fresh = seat.last_activity_at
    trainee.get(reverse("sandbox:guide"))
    seat.refresh_from_db()
    assert seat.last_activity_at == fresh  # not again within SEAT_TOUCH_EVERY
