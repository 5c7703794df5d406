"""reset_sandbox: whatever the classroom did, the sample data comes back exactly."""

import io

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from accounts.backends import USER_BACKEND
from accounts.models import Account, Activity, Subscription, User
from accounts.services import activity_record
from sandbox.models import MailboxMessage, Persona, TrainerNote
from sandbox.services import sandbox_load, sandbox_reset
from tests.factories import AccountFactory, SubscriptionFactory, UserFactory

from .snapshots import snapshot

pytestmark = pytest.mark.django_db


def classroom_changes():
    """What a classroom does in an afternoon, written straight through the models."""
    acme = Account.objects.get(name="Acme Support")
    ana = User.objects.get(email="ana.billing@acme.example")
    ana.set_password("changed-by-someone")
    ana.save()
    # An order: more licenses on one subscription, a plan change and a cancellation.
    assistance = acme.subscriptions.get(product__code="gotoassist-rs5")
    assistance.licenses = 25
    assistance.save()
    Subscription.objects.filter(account=acme, product__code="gotomeeting").update(
        status=Subscription.Status.PENDING_CANCELLATION
    )
    Subscription.objects.filter(account__name="Globex Corporation").first().delete()
    activity_record(actor=ana, account=acme, action="order_placed", summary="25 licenses")
    # The trainer edited a note, a persona's description; emails were sent.
    TrainerNote.objects.filter(outcome="BC-1").update(text_en="Edited", title_es="Editado")
    Persona.objects.filter(key="bruno").update(description_en="Changed")
    mail.send_mail("Order confirmation", "Thanks", None, ["ana.billing@acme.example"])
    # Someone moved the billing admin role, renamed a persona, added people and accounts.
    User.objects.filter(pk=ana.pk).update(is_billing_admin=False, first_name="Anna")
    User.objects.filter(email="bruno.admin@acme.example").update(is_billing_admin=True)
    UserFactory(email="extra@acme.example", account=acme)
    SubscriptionFactory(account=AccountFactory(name="Classroom Inc."))


def without_resets(data):
    resets = [a for a in data["accounts.Activity"] if a["action"] == "sandbox_reset"]
    data["accounts.Activity"] = [a for a in data["accounts.Activity"] if a not in resets]
    return data, resets


def test_reset_after_classroom_changes_equals_a_fresh_load():
    sandbox_load()
    fresh = snapshot(with_ids=False)
    classroom_changes()
    assert snapshot(with_ids=False) != fresh

    call_command("reset_sandbox", stdout=io.StringIO())

    after, resets = without_resets(snapshot(with_ids=False))
    assert after == fresh
    assert len(resets) == 1
    ana = User.objects.get(email="ana.billing@acme.example")
    assert ana.check_password("sandbox-2026") and ana.is_billing_admin
    assert not MailboxMessage.objects.filter(subject="Order confirmation").exists()


def test_reset_is_idempotent_and_restores_the_same_ids():
    sandbox_reset()
    first, _ = without_resets(snapshot())
    classroom_changes()
    sandbox_reset()
    second, resets = without_resets(snapshot())
    assert second == first
    assert [reset["id"] for reset in resets] == [1]  # the log starts again with the reset
    assert Account.objects.order_by("pk").first().pk == 1  # ids restart as in a fresh database


def test_reset_empties_sessions_and_admin_log(client, persona):
    from django.contrib.admin.models import LogEntry
    from django.contrib.sessions.models import Session

    client.force_login(persona("ana"))
    LogEntry.objects.create(user=persona("trainer"), action_flag=1, object_repr="x")
    sandbox_reset()
    assert not Session.objects.exists() and not LogEntry.objects.exists()


def test_command_prints_numbered_steps(capsys):
    call_command("reset_sandbox")
    out = capsys.readouterr().out.splitlines()
    assert [line.split(".")[0] for line in out[:3]] == ["1", "2", "3"]
    assert "load_sandbox" in out[1]
    assert Activity.objects.filter(action="sandbox_reset").count() == 1


# The trainer's button ------------------------------------------------------------------


def test_reset_page_asks_anonymous_visitors_to_sign_in_to_the_admin(client, sample_data):
    response = client.get("/en/reset/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/django-admin/login/?next=/en/reset/")
    assert client.post("/en/reset/").status_code == 302
    assert not Activity.objects.filter(action="sandbox_reset").exists()


@pytest.mark.parametrize("key", ["ana", "bruno", "carla", "diego"])
def test_reset_page_refuses_customer_personas(client, persona, key):
    """To them the page does not exist (the trainer pages' rule: tests/production)."""
    client.force_login(persona(key))
    assert client.get("/en/reset/").status_code == 404
    Subscription.objects.update(licenses=77)
    assert client.post("/en/reset/").status_code == 404
    assert Subscription.objects.filter(licenses=77).exists()


def test_reset_button_is_csrf_protected(persona):
    client = Client(enforce_csrf_checks=True)
    client.force_login(persona("trainer"))
    assert client.post("/en/reset/").status_code == 403
    assert not Activity.objects.filter(action="sandbox_reset").exists()


def test_trainer_confirms_then_resets_and_stays_signed_in(client, persona):
    client.force_login(persona("trainer"))
    page = client.get("/es/reset/")
    assert page.status_code == 200
    assert 'data-testid="reset-confirm"' in page.content.decode()
    Subscription.objects.update(licenses=77)

    response = client.post("/es/reset/", follow=True)

    assert not Subscription.objects.filter(licenses=77).exists()
    reset = Activity.objects.get(action="sandbox_reset")
    assert reset.actor.email == "trainer@sandbox.example"
    assert response.context["user"].email == "trainer@sandbox.example"
    assert client.session[BACKEND_SESSION_KEY] == USER_BACKEND
    assert "Se restableció el sandbox" in response.content.decode()


def test_reset_link_only_for_staff(client, persona):
    assert 'data-testid="nav-reset"' not in client.get("/en/").content.decode()
    client.force_login(persona("ana"))
    assert 'data-testid="nav-reset"' not in client.get("/en/").content.decode()
    client.force_login(persona("trainer"))
    assert 'data-testid="nav-reset"' in client.get("/en/").content.decode()
    assert reverse("sandbox:reset") == "/en/reset/"


def test_load_keeps_the_trainers_edited_notes_and_reset_restores_them():
    sandbox_load()
    TrainerNote.objects.filter(outcome="AC-3").update(text_es="Nota del formador editada")
    sandbox_load()
    assert TrainerNote.objects.get(outcome="AC-3").text_es == "Nota del formador editada"
    sandbox_reset()
    assert TrainerNote.objects.get(outcome="AC-3").text_es.startswith("El mensaje pide")
