"""A class's time zone: chosen when the class is made (default: the server's TIME_ZONE),
and every time of its board, its CSV and its seats' pages is written in it."""

import csv
import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from classes.models import OutcomeReached
from classes.services import class_create
from seats.models import Classroom, Seat

pytestmark = pytest.mark.django_db

# 08:00 UTC on a November day: 09:00 in Madrid (CET, UTC+1), 05:00 in São Paulo (UTC-3).
REACHED = datetime.datetime(2026, 11, 20, 8, 0, tzinfo=datetime.UTC)


def madrid_class(language="en"):
    classroom = class_create(
        name="Clase de Madrid", seat_count=2, language=language, time_zone="Europe/Madrid"
    )
    seat = classroom.seats.get(number=1)
    OutcomeReached.objects.create(seat=seat, outcome="BC-1", reached_at=REACHED)
    Seat.objects.filter(pk=seat.pk).update(display_name="Lucía", last_activity_at=REACHED)
    return classroom


def get(client, name, classroom, language="en", **kwargs):
    with translation.override(language):
        url = reverse(name, kwargs={"code": classroom.code, **kwargs})
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_board_shows_times_in_the_class_s_time_zone(trainer_client, sample_data):
    classroom = madrid_class()
    content = get(trainer_client, "classes:board", classroom)
    cell = content.split('data-outcome-cell="BC-1"')[1].split("</td>")[0]
    assert ">9:00\u202fAM</time>" in cell or ">9:00 AM</time>" in cell
    assert "Times in Europe/Madrid." in content
    spanish = get(trainer_client, "classes:board", classroom, "es")
    cell = spanish.split('data-outcome-cell="BC-1"')[1].split("</td>")[0]
    assert ">9:00</time>" in cell
    activity = spanish.split('data-testid="seat-last-activity"')[1].split("</td>")[0]
    assert ">9:00</time>" in activity


def test_the_csv_and_the_seat_page_write_times_in_it_too(trainer_client, sample_data):
    classroom = madrid_class()
    with translation.override("en"):
        url = reverse("classes:board-csv", kwargs={"code": classroom.code})
    header, first, _second = csv.reader(io.StringIO(trainer_client.get(url).content.decode()))
    line = dict(zip(header, first, strict=True))
    assert line["BC-1"] == "2026-11-20T09:00:00+01:00"
    assert line["Last activity"] == "2026-11-20T09:00:00+01:00"

    page = get(trainer_client, "classes:seat", classroom, number=1)
    cell = page.split('data-outcome-cell="BC-1"')[1].split("</tr>")[0]
    assert ">November 20, 2026, 9:00\u202fAM</time>" in cell
    assert "Times in Europe/Madrid." in page


def test_a_class_s_time_zone_is_chosen_on_the_create_form(trainer_client, sample_data):
    with translation.override("en"):
        url = reverse("classes:list")
    form = trainer_client.get(url).content.decode()
    assert '<option value="Europe/Madrid">Europe/Madrid</option>' in form
    assert '<option value="UTC" selected>UTC</option>' in form  # the server's TIME_ZONE
    trainer_client.post(
        url,
        {"name": "Lunes", "seat_count": "1", "language": "es", "time_zone": "Europe/Madrid"},
    )
    assert Classroom.objects.get(name="Lunes").time_zone == "Europe/Madrid"
    refused = trainer_client.post(
        url, {"name": "Mars", "seat_count": "1", "language": "en", "time_zone": "Mars/Olympus"}
    )
    assert set(refused.context["form"].errors) == {"time_zone"}
    assert not Classroom.objects.filter(name="Mars").exists()


def test_without_a_choice_a_class_has_the_server_s_time_zone(sample_data, settings):
    assert class_create(name="Plain", seat_count=1, language="en").time_zone == "UTC"
    settings.TIME_ZONE = "America/Sao_Paulo"
    assert class_create(name="Paulista", seat_count=1, language="pt-br").time_zone == (
        "America/Sao_Paulo"
    )
    with pytest.raises(ValidationError):
        class_create(name="Nowhere", seat_count=1, language="en", time_zone="Nowhere/Town")


@pytest.mark.django_db(transaction=True)
def test_the_migration_gives_classes_made_before_it_the_server_s_time_zone(settings):
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before, after = [("seats", "0003_seat_state")], [("seats", "0004_classroom_time_zone")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old_classroom = executor.loader.project_state(before).apps.get_model("seats", "Classroom")
    old_classroom.objects.create(name="Made before", code="BEFORE")
    settings.TIME_ZONE = "Europe/Madrid"  # the server's, when the migration runs
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)
    # Read as the class was at that migration (a field added since has no column yet).
    new_classroom = executor.loader.project_state(after).apps.get_model("seats", "Classroom")
    assert new_classroom.objects.get(code="BEFORE").time_zone == "Europe/Madrid"
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
