"""The exercise pages with the test client: the check, the record per seat, the course."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lessons.models import ExerciseAnswer
from lessons.views import COURSE_SESSION_KEY
from seats.models import Seat
from seats.scope import seat_scope

pytestmark = pytest.mark.django_db


def url(exercise, language="en"):
    return f"/{language}/exercises/{exercise.pk}/"


def test_the_list_is_in_the_navigation_and_shows_every_exercise(client, sample_data):
    home = client.get("/en/").content.decode()
    assert 'data-testid="nav-exercises"' in home
    page = client.get("/en/exercises/").content.decode()
    assert page.count('data-testid="exercise-item"') == 9
    assert 'data-state="not-yet"' in page


@pytest.mark.parametrize(
    "language, question, sign_in",
    [
        ("en", "Bruno needs 5 more licenses: what does he do?", "Sign in to the Admin Center as"),
        ("es", "Bruno necesita 5 licencias más: ¿qué hace?", "Iniciar sesión en el Centro de"),
        ("pt-br", "Bruno precisa de mais 5 licenças: o que ele faz?", "Efetuar login no Centro de"),
    ],
)
def test_the_exercise_page_asks_in_the_page_s_language(
    client, exercise, language, question, sign_in
):
    page = client.get(url(exercise("bruno-add-licenses"), language)).content.decode()
    assert question in page
    assert sign_in in page
    assert "/admin-center/sign-in/?email=bruno.admin%40acme.example" in page
    # The billing admin is named to Bruno, an account admin: the article lets him see her.
    assert "Ana Ortega" in page


def test_a_right_answer_shows_the_outcome_and_the_article_s_sentence(client, exercise):
    response = client.post(url(exercise("bruno-add-licenses")), {"choice": "contact-billing-admin"})
    page = response.content.decode()
    assert 'data-result="right"' in page
    assert 'data-testid="check-outcome">AC-2<' in page
    assert "The message names the billing admin" in page  # the trainer note of AC-2
    assert 'data-outcome="' not in page  # no outcome page: nothing reached on the board


def test_a_wrong_answer_names_the_branch_and_offers_a_retry(client, exercise):
    elena = exercise("elena-billing-center")
    page = client.post(url(elena), {"choice": "corporate-billing-portal"}).content.decode()
    assert 'data-result="wrong"' in page
    assert 'data-testid="check-branch-outcome">BC-2b<' in page
    assert 'data-testid="check-outcome"' not in page  # the answer is not given away
    assert 'data-testid="exercise-retry"' in page


def test_an_answer_of_the_other_table_says_so(client, exercise):
    page = client.post(
        url(exercise("elena-billing-center")), {"choice": "contact-billing-admin"}
    ).content.decode()
    assert 'data-testid="check-branch-none"' in page
    assert 'data-testid="check-branch-elsewhere">AC-2<' in page


def test_no_answer_is_a_clear_message_and_records_nothing(client, exercise):
    response = client.post(url(exercise("ana-add-licenses")), {"choice": "nonsense"})
    assert response.status_code == 200
    assert 'data-testid="exercise-error"' in response.content.decode()
    assert ExerciseAnswer.objects.get().tries == 0


def test_tries_and_time_are_recorded_per_seat(client, exercise):
    bruno = exercise("bruno-add-licenses")
    client.get(url(bruno))
    ExerciseAnswer.objects.update(opened_at=timezone.now() - datetime.timedelta(seconds=75))
    client.get(url(bruno))  # opened again: the clock runs on from the first opening
    client.post(url(bruno), {"choice": "contact-account-admin"})
    client.post(url(bruno), {"choice": "contact-billing-admin"})
    client.post(url(bruno), {"choice": "contact-account-admin"})  # after the right one
    answer = ExerciseAnswer.objects.get(exercise=bruno)
    assert (answer.state, answer.tries) == ("right", 2)
    assert datetime.timedelta(seconds=75) <= answer.time_taken < datetime.timedelta(seconds=90)
    page = client.get("/en/exercises/").content.decode()
    assert 'data-state="right"' in page and "1 min 15 sec" in page
    # Another seat has answered nothing.
    with seat_scope(Seat.objects.create(number=99)):
        assert not ExerciseAnswer.objects.exists()


def test_a_class_seat_sees_only_released_exercises(sample_data, exercise, make_classroom):
    from lessons.services import exercise_release

    classroom = make_classroom(seats=1)
    seat = classroom.seats.get()
    trainee = Client()
    trainee.get(reverse("seats:enter", args=[seat.token]))
    assert 'data-testid="exercise-list-empty"' in trainee.get("/en/exercises/").content.decode()
    assert trainee.get(url(exercise("elena-billing-center"))).status_code == 404
    exercise_release(classroom=classroom, exercise=exercise("elena-billing-center"))
    page = trainee.get("/en/exercises/").content.decode()
    assert page.count('data-testid="exercise-item"') == 1
    assert trainee.get(url(exercise("elena-billing-center"))).status_code == 200


def test_the_course_runs_in_a_personal_seat_in_order(client, exercise):
    response = client.post("/en/exercises/course/start/")
    assert response.status_code == 302 and response["Location"] == "/en/exercises/course/1/"
    seat = Seat.objects.get(pk=client.session[COURSE_SESSION_KEY])
    assert seat.classroom is None and not seat.is_default
    page = client.get("/en/exercises/course/3/").content.decode()
    assert 'data-testid="course-progress" data-position="3" data-total="9">3 of 9 exercises' in page
    assert 'href="/en/exercises/course/2/" data-testid="course-previous"' in page
    assert 'href="/en/exercises/course/4/" data-testid="course-next"' in page
    assert "carla-billing-center-landing" not in page
    assert 'data-exercise="bruno-billing-center"' in page
    last = client.get("/en/exercises/course/9/").content.decode()
    assert 'href="/en/exercises/course/finish/" data-testid="course-finish"' in last
    assert client.get("/en/exercises/course/10/").status_code == 404
    # The answers go to the course's seat, not the default one.
    client.post("/en/exercises/course/1/", {"choice": "billing-admin"})
    client.post("/en/exercises/course/2/", {"choice": "billing-admin"})
    with seat_scope(seat):
        assert ExerciseAnswer.objects.filter(tries__gt=0).count() == 2
    assert not ExerciseAnswer.objects.exists()
    finish = client.get("/en/exercises/course/finish/").content.decode()
    assert 'data-right="1" data-total="9"' in finish
    assert "You answered 1 of 9 exercises right." in finish


@pytest.mark.parametrize(
    "language, progress",
    [("en", "3 of 9 exercises"), ("es", "3 de 9 ejercicios"), ("pt-br", "3 de 9 exercícios")],
)
def test_the_course_s_progress_is_translated(client, sample_data, language, progress):
    client.post(f"/{language}/exercises/course/start/")
    assert progress in client.get(f"/{language}/exercises/course/3/").content.decode()


def test_starting_the_course_again_resets_the_same_seat(client, sample_data):
    client.post("/en/exercises/course/start/")
    seat_id = client.session[COURSE_SESSION_KEY]
    client.post("/en/exercises/course/1/", {"choice": "billing-admin"})
    page = client.get("/en/exercises/").content.decode()
    assert 'data-testid="course-continue"' in page
    client.post("/en/exercises/course/start/")
    assert client.session[COURSE_SESSION_KEY] == seat_id
    assert Seat.objects.filter(is_default=False).count() == 1
    with seat_scope(seat_id):
        assert not ExerciseAnswer.objects.filter(tries__gt=0).exists()


def test_on_a_closed_sandbox_only_the_trainer_starts_a_course(client, sample_data, settings):
    settings.SANDBOX_OPEN = False
    page = client.get("/en/exercises/").content.decode()
    assert 'data-testid="course-start"' not in page and 'data-testid="course-closed"' in page
    assert client.post("/en/exercises/course/start/").status_code == 403
    assert not Seat.objects.filter(is_default=False).exists()
