import datetime

import pytest
from django.core.management import call_command
from django.forms.models import model_to_dict

from accounts.models import Account, PlanPrice, PlanTier, Product, Subscription, User
from sandbox import sample_data
from sandbox.models import Persona

pytestmark = pytest.mark.django_db

MODELS = [Account, User, Product, PlanTier, PlanPrice, Subscription, Persona]


def snapshot():
    return {
        model.__name__: [model_to_dict(obj) for obj in model.objects.order_by("pk")]
        for model in MODELS
    }


def test_load_twice_leaves_the_same_data():
    call_command("load_sandbox")
    first = snapshot()
    call_command("load_sandbox")
    assert snapshot() == first


def test_exactly_the_personas_of_the_design():
    call_command("load_sandbox")
    assert sorted(User.objects.values_list("email", flat=True)) == sorted(
        p.email for p in sample_data.PERSONAS
    )
    ana = User.objects.get(email="ana.billing@acme.example")
    assert ana.check_password("sandbox-2026")
    assert ana.is_billing_admin and ana.account.name == "Acme Support"
    assert User.objects.get(email="trainer@sandbox.example").is_staff


def test_acme_subscriptions_and_dates_relative_to_sandbox_today(settings):
    settings.SANDBOX_TODAY = datetime.date(2027, 1, 1)
    call_command("load_sandbox")
    assistance = Subscription.objects.get(
        account__name="Acme Support", product__code="gotoassist-rs5"
    )
    assert (assistance.licenses, assistance.billing_frequency) == (10, "annual")
    assert assistance.renewal_date == datetime.date(2027, 1, 1) + datetime.timedelta(days=143)
    meeting = Subscription.objects.get(account__name="Acme Support", product__code="gotomeeting")
    assert (meeting.licenses, meeting.billing_frequency) == (5, "monthly")
    globex = Subscription.objects.filter(account__name="Globex Corporation")
    assert sorted(globex.values_list("product__code", flat=True)) == [
        "gotoassist-rs5",
        "gotomeeting",
        "gotowebinar",
    ]


def test_reload_undoes_changes_to_sample_objects():
    call_command("load_sandbox")
    Subscription.objects.update(licenses=99, status=Subscription.Status.PENDING_CANCELLATION)
    User.objects.filter(email="bruno.admin@acme.example").update(first_name="Changed")
    call_command("load_sandbox")
    assert not Subscription.objects.filter(licenses=99).exists()
    assert User.objects.get(email="bruno.admin@acme.example").first_name == "Bruno"


def test_translated_content_in_every_language():
    call_command("load_sandbox")
    plan = PlanTier.objects.get(product__code="gotomeeting", code="business")
    assert (plan.name_en, plan.name_es, plan.name_pt_br) == ("Business", "Empresa", "Empresarial")


def test_translated_texts_follow_settings_languages(settings):
    from sandbox.services import _translated

    texts = {"en": "Standard", "es": "Estándar", "pt_br": "Padrão"}
    assert _translated("name", texts) == {
        "name_en": "Standard",
        "name_es": "Estándar",
        "name_pt_br": "Padrão",
    }
    settings.LANGUAGES = [("en", "English"), ("es", "Spanish")]
    assert _translated("name", texts) == {"name_en": "Standard", "name_es": "Estándar"}
