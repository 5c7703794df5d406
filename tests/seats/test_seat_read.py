"""Every request in a seat reads its seat and its class first, in one statement written once a
process (`seats.middleware.seat_with_class`): the same instances, with the same values, as the
ORM's `select_related("classroom")` gives."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from seats.middleware import seat_with_class
from seats.models import Classroom, Seat

pytestmark = pytest.mark.django_db


def values(instance) -> dict:
    return {field.attname: getattr(instance, field.attname) for field in instance._meta.fields}


@pytest.mark.parametrize("in_a_class", [True, False])
def test_the_seat_read_is_the_orms(in_a_class):
    classroom = (
        Classroom.objects.create(name="Monday", language="es", time_zone="Europe/Madrid")
        if in_a_class
        else None
    )
    seat = Seat.objects.create(
        classroom=classroom,
        number=3,
        display_name="Ana Trainee",
        today=datetime.date(2026, 3, 2),
        rejoin_requested_at=timezone.now(),
        last_activity_at=timezone.now(),
    )
    expected = Seat.objects.select_related("classroom").get(pk=seat.pk)

    with CaptureQueriesContext(connection) as queries:
        found = seat_with_class(seat.pk)
        found_classroom = found.classroom  # read with the seat: no query of its own
    assert len(queries) == 1
    assert values(found) == values(expected)
    assert isinstance(found.today, datetime.date) and found.created_at.tzinfo is not None
    assert found.is_default is False and not found._state.adding
    if in_a_class:
        assert values(found_classroom) == values(expected.classroom)
    else:
        assert found_classroom is None


def test_a_seat_that_is_gone_is_none():
    assert seat_with_class(10**9) is None
