"""A seat's own page of the class (trainer only): the facts of its board row at length and
every form the trainer uses on that seat, each coming back to it; a seat number the class
has not is a 404."""

import pytest
from django.urls import reverse
from django.utils import translation

from classes.services import class_create
from lessons.models import Exercise

from .trainees import locked_out, seat_client, sign_in_now

pytestmark = pytest.mark.django_db

FORMS = (
    "seat-state-form",
    "seat-clock-form",
    "seat-faults-form",
)


def seat_url(classroom, number, language="en"):
    with translation.override(language):
        return reverse("classes:seat", kwargs={"code": classroom.code, "number": number})


def test_the_board_links_each_row_to_its_seat_s_page(trainer_client, classroom):
    board = trainer_client.get(reverse("classes:board", kwargs={"code": classroom.code}))
    content = board.content.decode()
    for number in (1, 2, 3):
        assert f'href="{seat_url(classroom, number)}" data-testid="seat-link"' in content
    # The per-seat forms are on the seat's page, not on the board's compact rows.
    for testid in (*FORMS, "seat-lockouts-clear-form", "seat-reset"):
        assert f'data-testid="{testid}"' not in content


def test_the_seat_page_carries_every_form_of_the_seat(trainer_client, classroom):
    trainee = seat_client(classroom.seats.get(number=2))
    sign_in_now(trainee, "carla")
    locked_out(trainee, "ana")
    response = trainer_client.get(seat_url(classroom, 2))
    assert response.status_code == 200
    content = response.content.decode()
    assert 'data-testid="seat-page" data-seat="2"' in content
    for testid in (*FORMS, "seat-lockouts-clear-form", "seat-reset", "seat-clock", "seat-faults"):
        assert content.count(f'data-testid="{testid}"') == 1, testid
    assert 'data-outcomes="BC-2"' in content
    assert response.context["row"].persona_names == ["Carla Méndez"]
    assert response.context["row"].locked_names == ["Ana Ortega"]
    # Its forms act on this seat and come back to its page.
    assert f'name="next" value="{seat_url(classroom, 2)}"' in content
    assert f'action="{reverse("faults:seat", args=[classroom.code, 2])}"' in content


def test_the_seat_page_shows_the_seat_s_exercises(trainer_client, classroom):
    page = trainer_client.get(seat_url(classroom, 1)).content.decode()
    assert 'data-testid="seat-exercises-none"' in page
    exercise = Exercise.objects.order_by("sort_order").first()
    trainer_client.post(reverse("lessons:release", args=[classroom.code, exercise.pk]))
    page = trainer_client.get(seat_url(classroom, 1)).content.decode()
    assert f'data-exercise="{exercise.key}" data-state="not-yet"' in page


def test_the_seat_page_speaks_each_language(trainer_client, classroom):
    words = {"en": "Seat 1", "es": "Puesto 1", "pt-br": "Assento 1"}
    for language, heading in words.items():
        content = trainer_client.get(seat_url(classroom, 1, language)).content.decode()
        assert heading in content


def test_a_seat_number_the_class_has_not_is_a_404(trainer_client, classroom, sample_data):
    bigger = class_create(name="Bigger", seat_count=5, language="en")
    assert trainer_client.get(seat_url(bigger, 5)).status_code == 200
    assert trainer_client.get(seat_url(classroom, 5)).status_code == 404  # another class's
    assert trainer_client.get(seat_url(classroom, 0)).status_code == 404
    assert trainer_client.get("/en/classes/NOPE42/seats/1/").status_code == 404


def test_the_seat_page_is_the_trainer_s_only(client, persona, classroom):
    url = seat_url(classroom, 1)
    signed_out = client.get(url)
    assert signed_out.status_code == 302 and f"next={url}" in signed_out["Location"]
    client.force_login(persona("ana"))
    assert client.get(url).status_code == 404  # to anyone else, as an unknown page
    trainee = seat_client(classroom.seats.get(number=1))
    assert trainee.get(url).status_code == 302  # to the sign-in: a trainee is no trainer
