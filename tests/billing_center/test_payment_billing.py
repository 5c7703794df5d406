"""Payment method (test cards), billing info, billing history, invoices, recent activity."""

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.models import Activity
from billing_center.models import BillingInfo, PaymentMethod
from tests.billing_center.factories import CARD


def url(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(f"billing_center:{name}", kwargs=kwargs or None)


@pytest.mark.django_db
def test_payment_method_replaced_keeping_only_brand_last4_expiry(signed_in, persona):
    client = signed_in("fernanda")
    response = client.post(url("payment-method", "pt-br"), CARD)
    assert response.status_code == 302
    method = PaymentMethod.objects.get(account=persona("fernanda").account)
    assert (method.brand, method.last4, method.exp_month, method.exp_year) == (
        "Visa",
        "4242",
        12,
        2030,
    )
    # Neither the card number nor the CVC in any text the row stores (its dates and numbers
    # are compared above: a timestamp's microseconds may well read 123).
    texts = [getattr(method, f.attname) for f in PaymentMethod._meta.fields]
    texts = [value for value in texts if isinstance(value, str)]
    assert texts and not any("4242424242424242" in text or "123" in text for text in texts)
    activity = Activity.objects.get(action="payment_method_changed")
    assert "4444" in activity.before["card"] and "4242" in activity.after["card"]
    page = client.get(url("payment-method", "pt-br")).content.decode()
    assert "Cartão cadastrado: Visa com final 4242" in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "number", "message"),
    [
        ("en", "٤٢٤٢ ٤٢٤٢ ٤٢٤٢ ٤٢٤٢", "Use the digits 0 to 9."),
        ("es", "４２４２４２４２４２４２４２４２", "Use los dígitos del 0 al 9."),
        ("pt-br", "٤٢٤٢٤٢٤٢٤٢٤٢٤٢٤٢", "Use os algarismos de 0 a 9."),
    ],
)
def test_card_digits_of_other_scripts_are_refused(signed_in, persona, language, number, message):
    client = signed_in("ana")
    before = PaymentMethod.objects.get(account=persona("ana").account).last4
    response = client.post(url("payment-method", language), {**CARD, "card_number": number})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert PaymentMethod.objects.get(account=persona("ana").account).last4 == before
    assert not Activity.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "Your card was declined."),
        ("es", "Su tarjeta fue rechazada."),
        ("pt-br", "Seu cartão foi recusado."),
    ],
)
def test_declined_card(signed_in, persona, language, message):
    client = signed_in("ana")
    response = client.post(
        url("payment-method", language), {**CARD, "card_number": "4000000000000002"}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert PaymentMethod.objects.get(account=persona("ana").account).last4 == "4242"
    assert not Activity.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("card_number", "4242424242424241"),  # Luhn
        ("card_number", "abcd"),
        ("card_number", "4" * 30),
        ("card_number", ""),
        ("card_number", "<script>alert(1)</script>"),
        ("exp_month", "13"),
        ("exp_month", "0"),
        ("exp_month", "-1"),
        ("exp_month", "1.5"),
        ("exp_year", "2025"),
        ("exp_year", "99999999999"),
        ("exp_year", "26"),
        ("cvc", "12"),
        ("cvc", "abc"),
        ("cardholder", "<b>Ana</b>"),
        ("cardholder", "A" * 200),
    ],
)
def test_payment_method_bad_input(signed_in, persona, field, value):
    response = signed_in("ana").post(url("payment-method", "es"), {**CARD, field: value})
    assert response.status_code == 400
    assert response.context["form"].errors
    method = PaymentMethod.objects.get(account=persona("ana").account)
    assert method.last4 == "4242" and method.exp_year == 2029


@pytest.mark.django_db
def test_expired_this_month_boundary(signed_in):
    # The sandbox today is 2026-11-21: 11/2026 is still valid, 10/2026 has expired.
    client = signed_in("ana")
    ok = client.post(url("payment-method"), {**CARD, "exp_month": "11", "exp_year": "2026"})
    assert ok.status_code == 302
    expired = client.post(url("payment-method"), {**CARD, "exp_month": "10", "exp_year": "2026"})
    assert "This card has expired." in expired.content.decode()


BILLING = {
    "company_name": "Acme Support Inc.",
    "address_line1": "1 Infinite Loop",
    "address_line2": "",
    "city": "Cupertino",
    "postal_code": "95014",
    "country": "US",
    "vat_number": "us 12-345.678",
}


@pytest.mark.django_db
def test_billing_info_updated(signed_in, persona):
    client = signed_in("ana")
    assert client.get(url("billing-info")).status_code == 200
    response = client.post(url("billing-info"), BILLING)
    assert response.status_code == 302
    info = BillingInfo.objects.get(account=persona("ana").account)
    assert info.city == "Cupertino"
    assert info.vat_number == "US12345678"
    activity = Activity.objects.get(action="billing_info_changed")
    assert activity.before["city"] == "San Francisco"
    assert activity.after["city"] == "Cupertino"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("company_name", ""),
        ("company_name", "<script>x</script>"),
        ("address_line1", "A" * 500),
        ("city", "{{ 7*7 }}"),
        ("postal_code", "!!"),
        ("postal_code", "1" * 30),
        ("country", "XX"),
        ("vat_number", "AB"),
        ("vat_number", "<i>DE123</i>"),
        ("vat_number", "ñññññ"),
    ],
)
def test_billing_info_bad_input(signed_in, persona, field, value):
    response = signed_in("ana").post(url("billing-info", "pt-br"), {**BILLING, field: value})
    assert response.status_code == 400
    assert response.context["form"].errors
    assert BillingInfo.objects.get(account=persona("ana").account).city == "San Francisco"
    assert not Activity.objects.exists()


@pytest.mark.django_db
def test_billing_history_and_printable_invoice(signed_in, persona):
    client = signed_in("ana")
    history = client.get(url("billing-history", "es"))
    invoices = list(history.context["invoices"])
    assert len(invoices) == 4  # the annual period of one, three months of the other
    assert all(invoice.account_id == persona("ana").account_id for invoice in invoices)
    response = client.get(url("invoice", "es", pk=invoices[0].pk))
    content = response.content.decode()
    assert invoices[0].number in content
    assert 'href="/static/css/print.css" media="print"' in content
    assert "Acme Support Inc." in content  # bill to


@pytest.mark.django_db
def test_recent_activity_shows_who_what_before_after(signed_in, persona):
    client = signed_in("ana")
    client.post(url("billing-info"), BILLING)
    response = client.get(url("activity", "es"))
    content = response.content.decode()
    assert "ana.billing@acme.example" in content
    assert "Información de facturación modificada" in content
    assert "San Francisco" in content and "Cupertino" in content


@pytest.mark.django_db
def test_activity_of_another_account_is_not_shown(signed_in, persona):
    from accounts.services import activity_record

    activity_record(
        actor=persona("fernanda"), account=persona("fernanda").account, action="x", summary="secret"
    )
    assert "secret" not in signed_in("ana").get(url("activity")).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", ["Cancellation requested", "Pending cancellation", "Active"]),
        ("es", ["Cancelación solicitada", "Cancelación pendiente", "Activa"]),
        ("pt-br", ["Cancelamento solicitado", "Cancelamento pendente", "Ativa"]),
    ],
)
def test_recent_activity_in_the_page_language(signed_in, persona, language, words):
    client = signed_in("ana")
    subscription = persona("ana").account.subscriptions.first()
    client.post(url("cancel", pk=subscription.pk), {"action": "cancel"})
    content = client.get(url("activity", language)).content.decode()
    for word in words:
        assert word in content
    assert subscription.product.name in content
