"""The whole LTI 1.3 exchange, played by a test LMS (`platform.py`): OIDC login, launch, the
learner's seat or the instructor's board, in three languages."""

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.auth import SESSION_KEY as USER_KEY
from django.test import Client

from accounts.backends import USER_BACKEND
from lms.models import CourseLink, LaunchedSeat
from seats.middleware import SESSION_KEY as SEAT_KEY
from seats.models import Classroom

from .conftest import launch, login
from .platform import INSTRUCTOR


@pytest.mark.parametrize(
    ("locale", "language", "welcome"),
    [
        ("en-US", "en", "Welcome, Maria Souza"),
        ("es", "es", "Le damos la bienvenida, Maria Souza"),
        ("pt-BR", "pt-br", "Boas-vindas, Maria Souza"),
    ],
)
def test_a_learner_s_first_launch_makes_the_class_and_lands_in_their_seat(
    platform, locale, language, welcome
):
    browser = Client()
    response, _auth, _token = launch(browser, platform, locale=locale)
    assert response.status_code == 302
    assert response["Location"] == f"/{language}/"
    link = CourseLink.objects.select_related("classroom").get()
    assert (link.context_id, link.resource_link_id) == ("course-1", "activity-1")
    assert link.classroom.name == "Billing basics · Billing contact lab"
    assert link.classroom.language == language
    assert link.registered_by.email == "trainer@sandbox.example"  # the owner-to-be
    launched = LaunchedSeat.objects.select_related("seat").get()
    assert launched.sub == "learner-1"
    assert launched.seat.display_name == "Maria Souza"
    assert launched.seat.classroom_id == link.classroom_id
    assert browser.session[SEAT_KEY] == launched.seat.pk
    assert USER_KEY not in browser.session
    home = browser.get(response["Location"]).content.decode()
    assert welcome in home
    assert 'data-testid="seat-badge-name">Maria Souza<' in home


def test_launching_again_returns_the_same_seat_on_any_device(platform):
    first, _auth, _token = launch(Client(), platform)
    phone = Client()
    again, _auth, _token = launch(phone, platform)
    assert first.status_code == again.status_code == 302
    assert LaunchedSeat.objects.count() == 1
    seat = LaunchedSeat.objects.get().seat
    assert phone.session[SEAT_KEY] == seat.pk
    other, _auth, _token = launch(Client(), platform, sub="learner-2", person={"name": "Ana Lima"})
    assert other.status_code == 302
    assert LaunchedSeat.objects.count() == 2
    assert Classroom.objects.count() == 1  # one course, one class; it grew a seat
    assert sorted(Classroom.objects.get().seats.values_list("display_name", flat=True)) == [
        "Ana Lima",
        "Maria Souza",
    ]


@pytest.mark.parametrize(
    ("person", "name"),
    [
        ({"given_name": "João", "family_name": "Pereira"}, "João Pereira"),
        ({"email": "learner@school.example"}, "learner@school.example"),
        ({"name": "\u202eevil", "email": "safe@school.example"}, "safe@school.example"),
    ],
)
def test_the_seat_is_named_from_the_launch_s_claims(platform, person, name):
    response, _auth, _token = launch(Client(), platform, person=person)
    assert response.status_code == 302
    assert LaunchedSeat.objects.get().seat.display_name == name


def test_two_learners_of_one_name_get_two_seats(platform):
    launch(Client(), platform, sub="a")
    launch(Client(), platform, sub="b")
    names = sorted(LaunchedSeat.objects.values_list("seat__display_name", flat=True))
    assert names == ["Maria Souza", "Maria Souza (2)"]


def test_another_activity_of_the_course_is_another_class(platform):
    launch(Client(), platform, resource_link_id="activity-1")
    launch(Client(), platform, resource_link_id="activity-2")
    assert Classroom.objects.count() == 2


def test_an_instructor_s_launch_opens_the_board_signed_in_as_the_registering_trainer(
    platform, trainer
):
    browser = Client()
    response, _auth, _token = launch(browser, platform, roles=[INSTRUCTOR], locale="es")
    classroom = CourseLink.objects.get().classroom
    assert response.status_code == 302
    assert response["Location"] == f"/es/classes/{classroom.code}/"
    assert browser.session[USER_KEY] == str(trainer.pk)
    assert browser.session[BACKEND_SESSION_KEY] == USER_BACKEND
    assert LaunchedSeat.objects.count() == 0  # the instructor takes no seat
    board = browser.get(response["Location"])
    assert board.status_code == 200
    assert classroom.name in board.content.decode()


def test_the_login_sends_the_browser_to_the_lms_with_the_sandbox_s_launch_url(platform):
    auth = login(Client(), platform)
    assert auth["redirect_uri"] == "http://testserver/lti/launch/"
    assert auth["client_id"] == platform.client_id
    assert auth["login_hint"] == "hint-1"
    assert auth["response_mode"] == "form_post"
    assert auth["state"] and auth["nonce"]


def test_over_https_the_launch_s_state_lives_under_a_cookie_that_crosses_sites(platform):
    """Behind TLS the LMS posts the launch from its own site: the state and the session of
    the login are cookies with SameSite=None, Secure, and the launch goes through."""
    browser = Client()
    response, _auth, _token = launch(browser, platform, secure=True)
    assert response.status_code == 302
    assert response["Location"] == "/en/"
    session_cookie = browser.cookies["lti1p3-session-id"]
    assert (session_cookie["samesite"], bool(session_cookie["secure"])) == ("None", True)
    assert LaunchedSeat.objects.count() == 1


def test_a_seat_the_trainer_freed_is_taken_again_at_the_next_launch(platform):
    from classes.joining import seat_free

    launch(Client(), platform)
    seat_free(seat=LaunchedSeat.objects.get().seat)
    browser = Client()
    response, _auth, _token = launch(browser, platform)
    assert response.status_code == 302
    launched = LaunchedSeat.objects.select_related("seat").get()
    assert launched.seat.display_name == "Maria Souza"
    assert browser.session[SEAT_KEY] == launched.seat.pk


def test_a_class_the_trainer_ended_is_made_again_at_the_next_launch(platform):
    from classes.services import class_end

    launch(Client(), platform)
    class_end(classroom=CourseLink.objects.get().classroom)
    assert CourseLink.objects.count() == 0
    response, _auth, _token = launch(Client(), platform)
    assert response.status_code == 302
    assert Classroom.objects.count() == 1
    assert LaunchedSeat.objects.get().seat.classroom == CourseLink.objects.get().classroom
