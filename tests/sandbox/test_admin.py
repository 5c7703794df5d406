"""The trainer reaches the Django admin for the scenario content, translated fields included."""

import io

import pytest
from django.urls import reverse

from accounts.models import Account, Activity, PlanTier, Product, Subscription, User
from sandbox.models import MailboxMessage, Persona, TrainerNote

MODELS = [Account, User, Product, PlanTier, Subscription, Activity, Persona, TrainerNote]


@pytest.mark.parametrize("model", [*MODELS, MailboxMessage], ids=lambda m: m.__name__)
def test_trainer_opens_every_changelist(client, persona, model):
    client.force_login(persona("trainer"))
    opts = model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    response = client.get(url)
    assert response.status_code == 200
    assert response.context["cl"].result_count == model._default_manager.count()


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_trainer_opens_a_change_form(client, persona, model):
    from django.core.management import call_command

    call_command("reset_sandbox", stdout=io.StringIO())  # an activity row to open
    client.force_login(User.objects.get(email="trainer@sandbox.example"))
    opts = model._meta
    obj = model.objects.order_by("pk").first()
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    assert client.get(url).status_code == 200


def test_trainer_edits_a_note_in_every_language(client, persona):
    client.force_login(persona("trainer"))
    note = TrainerNote.objects.get(outcome="AC-2")
    url = reverse("admin:sandbox_trainernote_change", args=[note.pk])
    form = client.get(url).content.decode()
    for field in ["title_en", "title_es", "title_pt_br", "text_en", "text_es", "text_pt_br"]:
        assert f'name="{field}"' in form
    data = {
        "outcome": "AC-2",
        "title_en": "T",
        "title_es": "T es",
        "title_pt_br": "T pt",
        "text_en": "Text",
        "text_es": "Texto",
        "text_pt_br": "Texto pt",
    }
    assert client.post(url, data).status_code == 302
    note.refresh_from_db()
    assert (note.text_es, note.text_pt_br) == ("Texto", "Texto pt")


@pytest.mark.parametrize("key", ["ana", "bruno"])
def test_customer_personas_cannot_use_the_admin(client, persona, key):
    client.force_login(persona(key))
    response = client.get(reverse("admin:sandbox_trainernote_changelist"))
    assert response.status_code == 302
