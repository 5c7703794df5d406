"""Lockouts belong to a seat and a sign-in page: nobody locks a persona of another seat, and
the trainer's sign-in (the Django admin's) locks staff accounts only.

The attack these stop: five sign-ins with `username=seat<ID>:ana.billing@acme.example` and a
wrong password, from a browser in no seat, locked Ana in seat <ID> (django-axes counted the
posted string, and a seat's identity was "seat<ID>:" + the LogMeIn ID). Seat ids are
sequential, so a class could be locked out seat by seat.
"""

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client
from django.urls import reverse

from classes.board import class_board
from classes.services import class_create
from sandbox.sample_data import PERSONAS_BY_KEY

pytestmark = pytest.mark.django_db

ANA = PERSONAS_BY_KEY["ana"].email
PASSWORD = "sandbox-2026"
TRAINER_SIGN_IN = "/en/django-admin/login/"
BILLING_CENTER_SIGN_IN = "/en/billing/sign-in/"
ADMIN_CENTER_SIGN_IN = "/en/admin-center/sign-in/"


def sign_in(client, page, username, password):
    return client.post(page, {"username": username, "password": password})


def seat_client(seat) -> Client:
    client = Client()
    assert client.get(reverse("seats:enter", args=[seat.token])).status_code == 302
    return client


@pytest.fixture
def classroom(sample_data):
    return class_create(name="Attacked", seat_count=2, language="en")


# The centers' forms refuse a username that is no email address before anyone checks it; the
# trainer's sign-in (the Django admin's) takes any username, and was the open door.
@pytest.mark.parametrize("page", [TRAINER_SIGN_IN, BILLING_CENTER_SIGN_IN, ADMIN_CENTER_SIGN_IN])
def test_a_browser_in_no_seat_cannot_lock_ana_in_a_trainee_s_seat(classroom, page):
    seat = classroom.seats.get(number=1)
    attacker = Client(REMOTE_ADDR="203.0.113.50")  # in no seat
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        sign_in(attacker, page, f"seat{seat.pk}:{ANA}", "wrong")
    # The board shows nobody locked, and Ana signs in in her seat.
    rows = {row.seat.number: row for row in class_board(classroom=classroom)}
    assert rows[1].locked_names == [] and rows[1].lockouts == []
    assert sign_in(seat_client(seat), BILLING_CENTER_SIGN_IN, ANA, PASSWORD).status_code == 302


@pytest.mark.parametrize("page", [BILLING_CENTER_SIGN_IN, ADMIN_CENTER_SIGN_IN])
def test_a_browser_in_a_seat_cannot_lock_ana_in_the_default_seat_or_another_seat(classroom, page):
    first, second = classroom.seats.order_by("number")
    attacker = seat_client(first)
    for name in [ANA, f"default:{ANA}", f"seat{second.pk}:{ANA}", f"staff:{ANA}"]:
        for _ in range(settings.AXES_FAILURE_LIMIT):
            sign_in(attacker, page, name, "wrong")
    assert sign_in(seat_client(second), page, ANA, PASSWORD).status_code == 302
    assert sign_in(Client(), page, ANA, PASSWORD).status_code == 302  # the default seat
    # The attacker's own seat is the one that counted, under names nobody else has.
    assert sign_in(attacker, page, ANA, PASSWORD).status_code == 429
    assert {attempt.username.split(":")[0] for attempt in AccessAttempt.objects.all()} == {
        f"seat{first.pk}"
    }


def test_a_persona_s_email_on_the_trainer_s_sign_in_counts_for_nothing(sample_data):
    visitor = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        response = sign_in(visitor, TRAINER_SIGN_IN, ANA, "wrong")
        assert response.status_code == 200  # the admin's form again, never a lockout
    assert not AccessAttempt.objects.exists()
    assert sign_in(Client(), BILLING_CENTER_SIGN_IN, ANA, PASSWORD).status_code == 302


def test_a_persona_s_lock_does_not_block_the_trainer_s_sign_in(sample_data):
    classroom = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(classroom, BILLING_CENTER_SIGN_IN, ANA, "typo")
    assert sign_in(classroom, BILLING_CENTER_SIGN_IN, ANA, PASSWORD).status_code == 429
    # The admin refuses Ana as it always does (no staff account), not with the lockout page.
    refused = sign_in(Client(), TRAINER_SIGN_IN, ANA, PASSWORD)
    assert refused.status_code == 200 and b"sign-in-locked" not in refused.content


def test_the_trainer_s_lock_counts_on_both_sign_ins_per_address(sample_data):
    trainer = PERSONAS_BY_KEY["trainer"].email
    guesser = Client(REMOTE_ADDR="203.0.113.9")
    for page in [BILLING_CENTER_SIGN_IN, TRAINER_SIGN_IN] * settings.AXES_FAILURE_LIMIT:
        response = sign_in(guesser, page, trainer, "guess")
    assert response.status_code == 429
    assert sign_in(guesser, TRAINER_SIGN_IN, trainer, "guess").status_code == 429
    assert AccessAttempt.objects.get().username == f"staff:{trainer}"
    # The trainer, elsewhere, signs in.
    room = Client(REMOTE_ADDR="10.1.2.3")
    signed_in = sign_in(room, TRAINER_SIGN_IN, trainer, settings.SANDBOX_TRAINER_PASSWORD)
    assert signed_in.status_code == 302 and "_auth_user_id" in room.session


def test_the_default_seat_s_identity_has_a_scope_of_its_own(sample_data):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(Client(), BILLING_CENTER_SIGN_IN, ANA, "typo")
    assert AccessAttempt.objects.get().username == f"default:{ANA}"
