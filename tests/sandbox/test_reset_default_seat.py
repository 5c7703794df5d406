"""Reset the default seat: the trainer restores the default seat alone (its orders, mailbox,
activity, passwords, lockouts), ending no class and touching no other seat; the trainer stays."""

import uuid

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.hashers import check_password
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import Activity, PlacedOrder, User
from billing_center.services import order_place
from classes.services import class_create
from corp_portal.models import PortalLogin
from sandbox.sample_data import PERSONAS_BY_KEY
from sandbox.worlds import default_seat_reset
from seats.models import Classroom, Seat
from seats.scope import seat_scope

from ..classes.trainees import order_placed_in
from ..seats.test_seat_world import seat_world

pytestmark = pytest.mark.django_db

ANA = PERSONAS_BY_KEY["ana"].email


def default_seat_used():
    """What a day of demonstrations leaves in the default seat: an order, an email, Diego's
    portal password changed (as a superuser or a closed sandbox would), Ana locked out."""
    ana = User.objects.select_related("account").get(email=ANA)
    subscription = ana.account.subscriptions.order_by("pk").first()
    order_place(
        actor=ana,
        account=ana.account,
        subscription_id=subscription.pk,
        quantity=3,
        order_key=uuid.uuid4(),
    )
    mail.send_mail("Hello", "Hi", None, [ANA])
    login = PortalLogin.objects.get(user_id="GLOBEX-4471")
    login.set_password("changed-2026")
    login.save()
    AccessAttempt.objects.create(
        username=f"default:{ANA}",
        ip_address="10.0.0.1",
        failures_since_start=5,
        attempt_time=timezone.now(),
    )


def test_reset_restores_the_default_seat_and_touches_no_class(sample_data):
    default = Seat.objects.default()
    fresh = seat_world(default)
    classroom = class_create(name="Monday", seat_count=2, language="es")
    seat = classroom.seats.get(number=1)
    order_placed_in(seat)
    seat_before = seat_world(seat)
    trainer = User.objects.get(email=PERSONAS_BY_KEY["trainer"].email)
    trainer_password = trainer.password
    default_seat_used()
    assert seat_world(default) != fresh

    default_seat_reset(actor=trainer)

    restored = seat_world(default)
    resets = restored.pop("accounts.Activity")
    fresh.pop("accounts.Activity")
    assert restored == fresh
    assert [(a["action"], a["actor_label"]) for a in resets] == [
        ("default_seat_reset", trainer.email)
    ]
    assert PortalLogin.objects.get(user_id="GLOBEX-4471").check_password("corp-2026")
    assert check_password("sandbox-2026", User.objects.get(email=ANA).password)
    assert not AccessAttempt.objects.filter(username=f"default:{ANA}").exists()
    # The trainer is the same person with the same password; the class and its seats go on.
    assert User.objects.get(email=trainer.email).password == trainer_password
    assert Classroom.objects.filter(pk=classroom.pk).exists()
    assert classroom.seats.count() == 2
    assert seat_world(seat) == seat_before
    with seat_scope(seat):
        assert PlacedOrder.objects.count() == 1


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", "The default seat was reset to the sample data."),
        ("es", "El puesto predeterminado se restableció a los datos de ejemplo."),
        ("pt-br", "O assento padrão foi redefinido para os dados de exemplo."),
    ],
)
def test_the_trainer_confirms_then_resets_the_default_seat(persona, language, words):
    trainer_client = Client()
    trainer_client.force_login(persona("trainer"))
    reset_page = trainer_client.get(f"/{language}/reset/").content.decode()
    assert f'href="/{language}/reset/default-seat/" data-testid="reset-default-seat"' in reset_page
    confirm = trainer_client.get(f"/{language}/reset/default-seat/")
    assert 'data-testid="reset-default-seat-confirm"' in confirm.content.decode()
    ana_client = Client()
    ana_client.force_login(persona("ana"))
    seat = class_create(name="Monday", seat_count=1, language="en").seats.get()
    trainee = Client()
    trainee.get(reverse("seats:enter", args=[seat.token]))
    with seat_scope(seat):
        trainee.force_login(User.objects.get(email=ANA))
    default_seat_used()

    done = trainer_client.post(f"/{language}/reset/default-seat/", follow=True)

    assert words in done.content.decode()
    assert done.context["user"].email == PERSONAS_BY_KEY["trainer"].email  # still signed in
    assert Activity.objects.filter(action="default_seat_reset").count() == 1
    assert not Activity.objects.filter(action="sandbox_reset").exists()
    # Ana of the default seat was made anew: signed out. The trainee's Ana is untouched.
    assert ana_client.get("/en/billing/subscriptions/").status_code == 302
    assert trainee.get("/en/billing/subscriptions/").status_code == 200


def test_only_the_trainer_resets_the_default_seat(client, persona):
    PortalLogin.objects.filter(user_id="GLOBEX-4471").update(failed_attempts=3)
    anonymous = client.post("/en/reset/default-seat/")
    assert anonymous.status_code == 302 and "/django-admin/login/" in anonymous["Location"]
    client.force_login(persona("ana"))
    assert client.get("/en/reset/default-seat/").status_code == 404  # as an unknown page
    assert client.post("/en/reset/default-seat/").status_code == 404
    assert PortalLogin.objects.get(user_id="GLOBEX-4471").failed_attempts == 3
    assert not Activity.objects.filter(action="default_seat_reset").exists()


def test_the_reset_button_is_csrf_protected(persona):
    client = Client(enforce_csrf_checks=True)
    client.force_login(persona("trainer"))
    assert client.post("/en/reset/default-seat/").status_code == 403
    assert not Activity.objects.filter(action="default_seat_reset").exists()
