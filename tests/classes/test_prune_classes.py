"""`prune_classes`: classes idle for too long end; recent ones and the default seat stay (its
seats of no class: tests/production/test_seat_limits.py)."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.models import User
from classes.services import class_create
from sandbox.worlds import seat_create
from seats.models import Classroom, Seat
from seats.scope import seat_scope

pytestmark = pytest.mark.django_db


def prune(*args) -> str:
    out = io.StringIO()
    call_command("prune_classes", *args, stdout=out)
    return out.getvalue()


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


@pytest.fixture
def classes(sample_data):
    """An old class nobody touched, an old class used 3 days ago, a class made today."""
    idle = class_create(name="Idle", seat_count=1, language="en")
    used = class_create(name="Used", seat_count=2, language="en")
    fresh = class_create(name="Fresh", seat_count=1, language="en")
    Classroom.objects.filter(pk__in=[idle.pk, used.pk]).update(created_at=days_ago(30))
    used.seats.filter(number=2).update(last_activity_at=days_ago(3))
    return idle, used, fresh


def test_prune_ends_the_idle_classes_only_and_says_which(classes, settings):
    idle, used, fresh = classes
    idle_seat = idle.seats.get()
    api_seat = seat_create()  # made today: stays

    output = prune()
    assert f"Ended the class {idle.code}." in output
    assert set(Classroom.objects.values_list("code", flat=True)) == {used.code, fresh.code}
    assert not Seat.objects.filter(pk=idle_seat.pk).exists()
    with seat_scope(idle_seat.pk):
        assert not User.objects.exists()  # its sample world went with it
    assert Seat.objects.filter(pk=api_seat.pk).exists()
    default = Seat.objects.get(is_default=True)
    with seat_scope(default):
        assert User.objects.filter(email="ana.billing@acme.example").exists()


def test_prune_days_come_from_the_option_or_the_setting(classes, settings):
    idle, used, fresh = classes
    settings.SANDBOX_CLASS_IDLE_DAYS = 60
    assert "No class was idle for more than 60 day(s)." in prune()
    assert Classroom.objects.count() == 3
    prune("--days", "2")  # activity 3 days ago is too old now
    assert list(Classroom.objects.values_list("code", flat=True)) == [fresh.code]


def test_prune_never_deletes_the_default_seat(sample_data):
    default = Seat.objects.default()
    Seat.objects.filter(pk=default.pk).update(created_at=days_ago(365))
    prune("--days", "1")
    assert Seat.objects.filter(pk=default.pk, is_default=True).exists()
