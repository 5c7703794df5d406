"""The class board's exercises: the trainer releases them one at a time, each seat's row says
right, wrong or not yet, with the time taken, in a few queries for the whole class."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lessons.models import ExerciseAnswer, ReleasedExercise
from seats.scope import seat_scope

pytestmark = pytest.mark.django_db


def board(client, classroom) -> str:
    response = client.get(reverse("classes:board", kwargs={"code": classroom.code}))
    assert response.status_code == 200
    return response.content.decode()


def release(client, classroom, exercise):
    return client.post(
        reverse("lessons:release", kwargs={"code": classroom.code, "pk": exercise.pk})
    )


def seat_browser(seat) -> Client:
    client = Client()
    client.get(reverse("seats:enter", args=[seat.token]))
    return client


def test_the_trainer_releases_exercises_one_at_a_time(trainer_client, make_classroom, exercise):
    classroom = make_classroom(seats=2)
    page = board(trainer_client, classroom)
    assert 'data-testid="board-exercises-none"' in page
    assert page.count('data-testid="exercise-release"') == 9
    response = release(trainer_client, classroom, exercise("bruno-add-licenses"))
    assert response.status_code == 302
    assert response["Location"].endswith(f"/classes/{classroom.code}/#exercises")
    release(trainer_client, classroom, exercise("bruno-add-licenses"))  # twice: once
    assert ReleasedExercise.objects.filter(classroom=classroom).count() == 1
    page = board(trainer_client, classroom)
    assert page.count('data-testid="exercise-release"') == 8
    assert page.count('data-testid="exercise-seat-row"') == 2
    assert page.count('data-exercise="bruno-add-licenses" data-state="not-yet"') == 2


def test_only_the_trainer_releases(client, make_classroom, exercise, persona):
    classroom = make_classroom(seats=1)
    assert release(client, classroom, exercise("ana-add-licenses")).status_code == 302  # sign in
    client.force_login(persona("ana"))
    assert release(client, classroom, exercise("ana-add-licenses")).status_code == 404
    assert not ReleasedExercise.objects.exists()


def test_each_seat_s_row_shows_right_wrong_and_not_yet(trainer_client, make_classroom, exercise):
    classroom = make_classroom(seats=3)
    bruno = exercise("bruno-add-licenses")
    release(trainer_client, classroom, bruno)
    first, second, _third = classroom.seats.order_by("number")
    url = reverse("lessons:exercise", kwargs={"pk": bruno.pk})
    right, wrong = seat_browser(first), seat_browser(second)
    right.get(url)
    with seat_scope(first):
        ExerciseAnswer.objects.update(opened_at=timezone.now() - datetime.timedelta(minutes=2))
    right.post(url, {"choice": "contact-account-admin"})
    right.post(url, {"choice": "contact-billing-admin"})
    wrong.post(url, {"choice": "billing-admin"})
    page = board(trainer_client, classroom)
    cells = page.split('data-testid="exercise-cell"')[1:]
    states = [cell.split('data-state="')[1].split('"')[0] for cell in cells]
    assert states == ["right", "wrong", "not-yet"]
    assert "2 min" in cells[0] and "2 tries" not in cells[0]
    assert "1 try" in cells[1]


def test_the_board_s_exercises_cost_no_query_per_seat(trainer_client, make_classroom, exercise):
    counts = []
    for size in (2, 5):
        classroom = make_classroom(seats=size)
        for key in ("bruno-add-licenses", "ana-add-licenses"):
            release(trainer_client, classroom, exercise(key))
        url = reverse("lessons:exercise", kwargs={"pk": exercise("bruno-add-licenses").pk})
        for seat in classroom.seats.all():
            seat_browser(seat).post(url, {"choice": "billing-admin"})
        with CaptureQueriesContext(connection) as captured:
            board(trainer_client, classroom)
        counts.append(len(captured))
    assert counts[0] == counts[1]
