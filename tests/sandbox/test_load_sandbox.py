import datetime
import io
import uuid

import pytest
from django.core.management import call_command
from django.forms.models import model_to_dict

from accounts.models import Account, Activity, PlanPrice, PlanTier, Product, Subscription, User
from sandbox import sample_data
from sandbox.models import Persona
from tests.commits import committed

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


# A sandbox in use: load_sandbox (run by every `make run` and `make serve`) adds what is
# missing and never undoes what the class did; only reset_sandbox restores the sample data.


def classroom_work():
    """What a class does through the centers' own services: orders, a cancellation, a new
    card and billing address, a portal service order and Bill To, a changed password."""
    from billing_center.cards import CARD_ALWAYS_SUCCEEDS
    from billing_center.services import (
        billing_info_update,
        order_place,
        payment_method_replace,
        subscription_cancel,
    )
    from corp_portal.models import BillTo, PortalLogin
    from corp_portal.services import bill_to_update, service_order_place

    ana = User.objects.get(email="ana.billing@acme.example")
    acme = ana.account
    assistance = acme.subscriptions.get(product__code="gotoassist-rs5")
    meeting = acme.subscriptions.get(product__code="gotomeeting")
    order_place(
        actor=ana,
        account=acme,
        subscription_id=assistance.pk,
        quantity=9222,
        order_key=uuid.uuid4(),
    )
    subscription_cancel(actor=ana, account=acme, subscription_id=meeting.pk)
    payment_method_replace(
        actor=ana, account=acme, card_number=CARD_ALWAYS_SUCCEEDS, exp_month=1, exp_year=2031
    )
    billing_info_update(
        actor=ana,
        account=acme,
        data={
            "company_name": "Acme Renamed",
            "address_line1": "1 New Street",
            "city": "Austin",
            "postal_code": "73301",
            "country": "US",
        },
    )
    login = PortalLogin.objects.get(user_id="GLOBEX-4471")
    webinar = login.account.subscriptions.get(product__code="gotowebinar")
    service_order_place(
        portal_login=login,
        subscription_id=webinar.pk,
        seats=7,
        seats_reviewed=webinar.licenses,
        order_key=uuid.uuid4(),
    )
    bill_to_update(
        portal_login=login,
        bill_to=BillTo.objects.get(account=login.account),
        changes={"attention": "Finance"},
    )
    ana.set_password("changed-in-class")
    ana.save()


@pytest.mark.parametrize("days_later", [0, 45], ids=["same-day", "a-month-and-a-half-later"])
def test_load_on_a_sandbox_in_use_changes_nothing(settings, days_later):
    from billing_center.models import Invoice
    from sandbox.models import MailboxMessage

    from .snapshots import snapshot

    call_command("load_sandbox", stdout=io.StringIO())
    with committed():
        classroom_work()
    before = snapshot()
    settings.SANDBOX_TODAY += datetime.timedelta(days=days_later)  # a restart on a later day

    call_command("load_sandbox", stdout=io.StringIO())

    assert snapshot() == before
    assistance = Subscription.objects.get(
        account__name="Acme Support", product__code="gotoassist-rs5"
    )
    assert assistance.licenses == 9232
    order_invoice = Invoice.objects.get(kind=Invoice.Kind.LICENSES_ADDED)
    assert order_invoice.quantity == 9222
    assert MailboxMessage.objects.filter(recipient="ana.billing@acme.example").exists()
    placed = Activity.objects.filter(action="order_placed")
    assert placed.count() == 2
    assert any(order_invoice.number in entry.summary for entry in placed)
    assert User.objects.get(email="ana.billing@acme.example").check_password("changed-in-class")


def test_load_adds_only_what_is_missing():
    from corp_portal.models import BillTo

    from .snapshots import snapshot

    call_command("load_sandbox", stdout=io.StringIO())
    full = snapshot(with_ids=False)
    BillTo.objects.all().delete()
    Persona.objects.filter(key="carla").delete()
    User.objects.filter(email="carla.agent@acme.example").delete()
    Subscription.objects.filter(account__name="Acme Support").update(licenses=12)

    call_command("load_sandbox", stdout=io.StringIO())

    assert BillTo.objects.get().company_name == "Globex Corporation"
    assert Persona.objects.get(key="carla").user.email == "carla.agent@acme.example"
    assert set(
        Subscription.objects.filter(account__name="Acme Support").values_list("licenses", flat=True)
    ) == {12}
    assert len(snapshot(with_ids=False)["corp_portal.BillTo"]) == len(full["corp_portal.BillTo"])


def test_load_into_an_empty_database_gives_the_whole_sample_world():
    from billing_center.models import BillingInfo, PaymentMethod
    from billing_center.models import Invoice as BillingCenterInvoice
    from corp_portal.models import BillTo, PaymentProfile, PortalLogin
    from corp_portal.models import Invoice as PortalInvoice
    from sandbox.models import MailboxMessage, TrainerNote

    call_command("load_sandbox", stdout=io.StringIO())

    assert Account.objects.count() == len(sample_data.ACCOUNTS)
    assert Persona.objects.count() == len(sample_data.PERSONAS)
    assert Subscription.objects.count() == sum(len(a.subscriptions) for a in sample_data.ACCOUNTS)
    assert TrainerNote.objects.count() == len(sample_data.TRAINER_NOTES)
    assert PaymentMethod.objects.count() == BillingInfo.objects.count() == 2  # Acme, Paulista
    # Acme: one annual invoice and three monthly ones; Paulista: three monthly ones.
    assert BillingCenterInvoice.objects.count() == 7
    assert PortalLogin.objects.get().user_id == "GLOBEX-4471"
    assert BillTo.objects.count() == PaymentProfile.objects.count() == 1
    assert PortalInvoice.objects.count() == 24
    assert MailboxMessage.objects.filter(recipient="diego.corp@globex.example").count() == 3


def test_loading_tells_the_apps_above_in_the_default_seat_only():
    """The apps above the sandbox load their shared content when `sample_data_loaded` says so
    (the sandbox imports none of them): once per load of the default seat's world, never for a
    seat's own copy, since shared content lives once."""
    from sandbox.services import sandbox_load
    from sandbox.signals import sample_data_loaded
    from seats.models import Seat
    from seats.scope import seat_scope

    heard = []

    def receiver(sender, **kwargs):
        heard.append(sender)

    sample_data_loaded.connect(receiver, dispatch_uid="test.heard")
    try:
        sandbox_load()
        assert heard == [sandbox_load]
        with seat_scope(Seat.objects.create(number=99)):
            sandbox_load()
        assert heard == [sandbox_load]
    finally:
        sample_data_loaded.disconnect(dispatch_uid="test.heard")
