"""The trainer's credentials (docs/deploy.md): never the public persona password, never
shown on a page, kept by load and reset; the trainer is staff with the trainer tools'
permissions, not a superuser."""

import io
import re

import pytest
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.test import Client

from accounts.models import Subscription, User
from sandbox.sample_data import PERSONAS_BY_KEY

pytestmark = pytest.mark.django_db

TRAINER = PERSONAS_BY_KEY["trainer"].email
ANA = PERSONAS_BY_KEY["ana"].email


def trainer():
    return User.objects.get(email=TRAINER)


def load(command="load_sandbox"):
    out = io.StringIO()
    call_command(command, stdout=out)
    return out.getvalue()


def printed_password(output):
    match = re.search(r"trainer@sandbox\.example.*: (\S+)$", output, re.MULTILINE)
    return match.group(1) if match else None


def admin_sign_in(client, email, password):
    return client.post(
        "/en/django-admin/login/?next=/en/reset/", {"username": email, "password": password}
    )


def test_the_persona_password_does_not_sign_the_trainer_in(settings):
    load()
    client = Client()
    response = admin_sign_in(client, TRAINER, settings.SANDBOX_PASSWORD)
    assert response.status_code == 200  # the form again, with its error
    assert "_auth_user_id" not in client.session
    assert not trainer().check_password(settings.SANDBOX_PASSWORD)


def test_set_up_generates_a_password_and_prints_it_once(settings):
    settings.SANDBOX_TRAINER_PASSWORD = ""
    first = load()
    password = printed_password(first)
    assert password and password != settings.SANDBOX_PASSWORD
    assert trainer().check_password(password)
    assert printed_password(load()) is None  # never again
    response = admin_sign_in(Client(), TRAINER, password)
    assert response.status_code == 302 and response["Location"] == "/en/reset/"


def test_the_environment_sets_the_trainers_password(settings):
    settings.SANDBOX_TRAINER_PASSWORD = "Trainer-only-7391"
    assert printed_password(load()) is None
    assert trainer().check_password("Trainer-only-7391")
    settings.SANDBOX_TRAINER_PASSWORD = "Rotated-by-the-operator-2"
    load()
    assert trainer().check_password("Rotated-by-the-operator-2")


@pytest.mark.parametrize("command", ["load_sandbox", "reset_sandbox"])
def test_load_and_reset_keep_the_trainers_password(settings, command):
    settings.SANDBOX_TRAINER_PASSWORD = ""
    password = printed_password(load())
    kept = trainer()
    kept.set_password("Changed-by-the-trainer-5")  # e.g. in the Django admin
    kept.save()
    output = load(command)
    assert printed_password(output) is None
    assert trainer().check_password("Changed-by-the-trainer-5")
    assert not trainer().check_password(password)


def test_a_trainer_left_with_the_persona_password_gets_a_new_one(settings):
    """A sandbox set up by an older version: the trainer signed in with the public password."""
    settings.SANDBOX_TRAINER_PASSWORD = ""
    load()
    User.objects.filter(email=TRAINER).update(
        password=make_password(settings.SANDBOX_PASSWORD), is_superuser=True
    )
    password = printed_password(load())
    assert password and trainer().check_password(password)
    assert not trainer().is_superuser


def test_the_trainer_is_staff_with_the_trainer_tools_permissions_only(settings):
    load()
    user = trainer()
    assert user.is_staff and not user.is_superuser
    assert user.has_perm("sandbox.reset_sandbox")
    assert user.has_perm("sandbox.change_trainernote")
    assert user.has_perm("axes.delete_accessattempt")  # clearing lockouts
    assert user.has_perm("accounts.view_subscription")
    assert not user.has_perm("accounts.change_user")
    assert not user.has_perm("auth.change_group")


def test_the_trainer_cannot_change_anas_password_in_the_django_admin(client):
    load()
    client.force_login(trainer())
    ana = User.objects.get(email=ANA)
    url = f"/en/django-admin/accounts/user/{ana.pk}/password/"
    assert client.get(url).status_code == 403
    form = {"password1": "Taken-over-1234", "password2": "Taken-over-1234"}
    assert client.post(url, form).status_code == 403
    assert client.post(f"/en/django-admin/accounts/user/{ana.pk}/change/", {}).status_code == 403
    ana.refresh_from_db()
    assert not ana.check_password("Taken-over-1234")


def test_staff_without_the_trainer_permission_cannot_reset(client):
    load()
    client.force_login(User.objects.create_user(email="helper@sandbox.example", is_staff=True))
    assert client.get("/en/reset/").status_code == 404
    Subscription.objects.update(licenses=77)
    assert client.post("/en/reset/").status_code == 404
    assert Subscription.objects.filter(licenses=77).exists()


def test_no_page_shows_the_trainers_password(settings, client):
    settings.SANDBOX_TRAINER_PASSWORD = ""
    password = printed_password(load())
    for path in ["/en/", "/es/guide/", "/pt-br/qa/", "/en/qa.json", "/en/mailbox/"]:
        assert password not in client.get(path).content.decode(), path
    client.force_login(trainer())
    for path in ["/en/", "/en/reset/", "/en/django-admin/"]:
        assert password not in client.get(path).content.decode(), path


def test_a_browser_in_a_seat_is_asked_to_leave_it_before_the_trainer_signs_in(settings):
    """The trainer lives in the default seat: from a seat, the trainer's sign-in says to leave
    the seat first (Leave seat), checks nothing and counts nothing toward a lockout."""
    from axes.models import AccessAttempt
    from django.urls import reverse

    from classes.services import class_create

    load()
    seat = class_create(name="Room", seat_count=1, language="en").seats.get()
    browser = Client()
    browser.get(reverse("seats:enter", args=[seat.token]))
    page = browser.get("/en/django-admin/login/?next=/en/lockouts/")
    content = page.content.decode()
    assert 'data-testid="trainer-sign-in-in-seat"' in content
    assert 'data-testid="trainer-sign-in-leave-seat"' in content and "Room, seat 1" in content
    for password in ["guess"] * (settings.AXES_FAILURE_LIMIT + 1) + [
        settings.SANDBOX_TRAINER_PASSWORD
    ]:
        response = admin_sign_in(browser, TRAINER, password)
        assert b'data-testid="trainer-sign-in-in-seat"' in response.content
    assert "_auth_user_id" not in browser.session
    assert not AccessAttempt.objects.exists()
    # Leave seat: back on the trainer's sign-in, outside the seat, where the trainer signs in.
    left = browser.post(reverse("classes:my-seat-leave"), {"next": page.context["back_to"]})
    assert left["Location"] == "/en/django-admin/login/?next=/en/lockouts/"
    assert b"<form" in browser.get(left["Location"]).content
    signed_in = admin_sign_in(browser, TRAINER, settings.SANDBOX_TRAINER_PASSWORD)
    assert signed_in.status_code == 302 and "_auth_user_id" in browser.session
