"""A seat is its trainee's: names compared as people read them, one seat per name even for
two joins at once, the seat back only to its trainee, wrong codes throttled, the trainer's
preview and hand on the seats (issues 23 and 24)."""

import importlib

import pytest
from django.apps import apps
from django.test import Client

from classes.services import NameTaken, seat_join
from seats.models import Seat
from seats.names import name_key
from tests.classes.trainees import join, seat_of
from tests.threads import joined

pytestmark = pytest.mark.django_db


# -- names that identify a trainee ---------------------------------------------------------

# (first trainee's name, what a second browser types): the same trainee to everyone reading
# the board, so the second is asked "Is this you?" and takes no seat.
SAME_NAME = [
    pytest.param("Ñandú Pérez", "ÑANDÚ PÉREZ", id="upper-case-non-ascii"),
    pytest.param("Ñandú Pérez", "ñandú pérez", id="lower-case-non-ascii"),
    pytest.param("Lucía", "LUCÍA", id="accented-capitals"),
    pytest.param("Lucía", "Luci\u0301a", id="decomposed-accent"),
    pytest.param("Lucía", "Lu\u200bcía", id="zero-width-space"),
    pytest.param("Lucía", "\ufeffLucía\u2060", id="bom-and-word-joiner"),
    pytest.param("Ana Ortega", "Ana  Ortega", id="two-spaces"),
    pytest.param("Ana Ortega", "Ana\u00a0Ortega", id="no-break-space"),
    pytest.param("Maria", "Ｍａｒｉａ", id="full-width"),
    pytest.param("Strauß", "STRAUSS", id="sharp-s-folded"),
    pytest.param("Ana", "An\u00ada", id="soft-hyphen"),
]


@pytest.mark.parametrize(("first", "typed"), SAME_NAME)
def test_a_look_alike_of_a_taken_name_asks_is_this_you_and_takes_no_seat(
    make_classroom, trainee, first, typed
):
    monday = make_classroom(seats=3)
    trainee(monday, first)
    other = Client()
    response = join(other, monday, typed)
    assert response.status_code == 200
    assert 'data-testid="join-taken"' in response.content.decode()
    assert seat_of(other) is None
    assert monday.seats.exclude(name_key="").count() == 1
    assert name_key(first) == name_key(typed)


def test_a_taken_name_in_another_case_in_a_full_class_is_asked_not_told_full(
    make_classroom, trainee
):
    single = make_classroom(seats=1)
    trainee(single, "Lucía")
    response = join(Client(), single, "LUCÍA")
    content = response.content.decode()
    assert 'data-testid="join-taken"' in content
    assert "Every seat of this class is taken" not in content


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        pytest.param("\u200b", "letters or digits you can see", id="only-zero-width-space"),
        pytest.param("\u200d\u200c", "letters or digits you can see", id="only-joiners"),
        pytest.param("\u3164", "letters or digits you can see", id="hangul-filler"),
        pytest.param("\u202eodraC", "direction of the text", id="right-to-left-override"),
        pytest.param("Ana\u2067x\u2069", "direction of the text", id="isolate"),
        pytest.param("Ana\u200f", "direction of the text", id="right-to-left-mark"),
    ],
)
def test_invisible_and_direction_control_names_are_refused_with_a_message(
    make_classroom, typed, message
):
    monday = make_classroom(seats=1)
    response = join(Client(), monday, typed)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["display_name"])
    assert monday.seats.exclude(name_key="").count() == 0


def test_the_board_shows_the_name_as_typed_with_invisible_characters_left_out(
    make_classroom, trainee
):
    monday = make_classroom(seats=1)
    trainee(monday, " Luci\u0301a\u200b  Pérez ")
    seat = monday.seats.get()
    assert seat.display_name == "Lucía Pérez"  # composed, no zero-width space, one space
    assert seat.name_key == "lucía pérez"


def test_the_same_name_in_two_classes_is_two_trainees(make_classroom, trainee):
    monday, tuesday = make_classroom(seats=1), make_classroom(seats=1)
    assert seat_of(trainee(monday, "Maria")) != seat_of(trainee(tuesday, "Maria"))


# -- the migration keeps every seat -------------------------------------------------------


def test_the_migration_keys_existing_seats_and_renames_later_look_alikes(make_classroom):
    migration = importlib.import_module("seats.migrations.0005_seat_name_key")
    monday = make_classroom(seats=5)
    names = ["Ñandú Pérez", "ÑANDÚ PÉREZ", "\u200b", "ñandú pérez", "Ana"]
    for number, name in enumerate(names, start=1):
        Seat.objects.filter(classroom=monday, number=number).update(display_name=name)
    migration.names_keyed(apps, None)
    seats = {seat.number: seat for seat in monday.seats.all()}
    assert [seats[n].display_name for n in range(1, 6)] == [
        "Ñandú Pérez",
        "ÑANDÚ PÉREZ #2",
        "#3",
        "ñandú pérez #4",
        "Ana",
    ]
    assert len({seat.name_key for seat in seats.values()}) == 5
    assert all(seat.rejoin_code for seat in seats.values())


# -- two joins with one new name at the same moment ----------------------------------------


@pytest.mark.django_db(transaction=True)
def test_two_joins_with_one_new_name_at_once_give_one_seat(sample_data, monkeypatch):
    """Two threads, each with a connection of its own, join with one new name at once.

    On PostgreSQL both have read that nobody has the name before either writes (a barrier at
    that point): the database's constraint decides, as between two servers. SQLite lets one
    writer in at a time: the served sandbox waits for the lock (IMMEDIATE transactions,
    config/settings/production.py), while the tests' in-memory database fails a second writer
    at once instead of waiting, so there the threads take turns at the lock, as they would."""
    import threading
    from contextlib import nullcontext

    from django.db import connection

    from classes import services

    monday = services.class_create(name="Monday", seat_count=3, language="en")
    on_postgresql = connection.vendor == "postgresql"
    start = threading.Barrier(2, timeout=20)
    read_both = threading.Barrier(2, timeout=20)
    database_lock = nullcontext() if on_postgresql else threading.Lock()
    waited = threading.local()
    code_new = services.rejoin_code_new

    def both_read_then_write():  # called between the read and the write
        if on_postgresql and not getattr(waited, "done", False):
            waited.done = True
            read_both.wait()
        return code_new()

    monkeypatch.setattr(services, "rejoin_code_new", both_read_then_write)
    results = []

    def run():
        try:
            start.wait()
            with database_lock:
                results.append(seat_join(classroom=monday, display_name="María"))
        except NameTaken as taken:
            results.append(taken)
        except Exception as error:  # noqa: BLE001 - reported below
            results.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    joined(threads, timeout=60)
    assert sorted(type(result).__name__ for result in results) == ["NameTaken", "Seat"], results
    assert Seat.objects.filter(classroom=monday, name_key="maría").count() == 1
