"""The documented flow: sign-in, BC-1, BC-2, My Account (BC-2a, BC-2b), in every language."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests import outcome_table

LANGUAGES = ["en", "es", "pt-br"]

WRONG_PLACE = {
    "en": "You seem to have landed in the wrong place.",
    "es": "Parece que ha llegado a la ubicación incorrecta.",
    "pt-br": "Você chegou a uma página inválida.",
}
GO_TO_BILLING = {"en": "Go to Billing", "es": "Ir a facturación", "pt-br": "Ir para faturamento"}
SUBSCRIPTIONS = {"en": "Subscriptions", "es": "Suscripciones", "pt-br": "Assinaturas"}
# Billing Center landing outcome -> the page it leads to
LANDING_PAGES = {"BC-1": "subscriptions", "BC-2": "wrong-location"}
# My Account names the billing admin to them: an account admin of an account that has one
NAMES_BILLING_CONTACT = {"bruno"}


def url(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(f"billing_center:{name}", kwargs=kwargs or None)


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    ("key", "landing"),
    [(key, LANDING_PAGES[outcome_table.landing(key)]) for key in outcome_table.PATHS],
)
def test_sign_in_lands_by_outcome(client, persona, password, key, landing, language):
    user = persona(key)
    if key == "trainer":  # the trainer's own password, never the personas'
        password = "Trainer-only-4471"
        user.set_password(password)
        user.save()
    response = client.post(
        url("sign-in", language), {"username": user.email, "password": password}, follow=True
    )
    assert response.redirect_chain[-1][0] == url(landing, language)
    if landing == "subscriptions":
        assert response.context["outcome"] == "BC-1"
        assert SUBSCRIPTIONS[language] in response.content.decode()
    else:
        assert response.context["outcome"] == "BC-2"
        content = response.content.decode()
        assert WRONG_PLACE[language] in content
        assert f'href="{url("my-account", language)}"' in content
        assert 'data-outcome="BC-2"' in content


@pytest.mark.django_db
def test_sign_in_wrong_password_keeps_email(client, persona):
    response = client.post(
        url("sign-in"), {"username": "ana.billing@acme.example", "password": "nope"}
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "The email address or password is incorrect" in content
    assert 'value="ana.billing@acme.example"' in content


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("next_url", "expected"),
    [
        ("/en/billing/billing-history/", "/en/billing/billing-history/"),
        ("https://evil.example/", "/en/billing/"),
        ("//evil.example/", "/en/billing/"),
    ],
)
def test_sign_in_honours_only_safe_next(client, persona, password, next_url, expected):
    response = client.post(
        url("sign-in"),
        {"username": "ana.billing@acme.example", "password": password, "next": next_url},
    )
    assert response.status_code == 302
    assert response["Location"] == expected


@pytest.mark.django_db
def test_sign_in_prefills_email(client, sample_data):
    response = client.get(url("sign-in") + "?email=bruno.admin@acme.example")
    assert 'value="bruno.admin@acme.example"' in response.content.decode()


@pytest.mark.django_db
def test_sign_out(signed_in):
    client = signed_in("ana")
    response = client.post(url("sign-out"))
    assert response.status_code == 302
    assert response["Location"] == url("sign-in")
    assert client.get(url("subscriptions")).status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name", ["landing", "wrong-location", "my-account", "subscriptions", "activity"]
)
def test_anonymous_goes_to_sign_in_with_next(client, name):
    response = client.get(url(name, "es"))
    assert response.status_code == 302
    assert response["Location"] == f"{url('sign-in', 'es')}?next={url(name, 'es')}"


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    ("key", "outcome", "names_billing_contact"),
    [
        (key, outcome_table.my_account(key), key in NAMES_BILLING_CONTACT)
        for key in outcome_table.CUSTOMERS
        if outcome_table.my_account(key) is not None
    ],
)
def test_my_account(signed_in, key, outcome, names_billing_contact, language):
    response = signed_in(key).get(url("my-account", language))
    assert response.status_code == 200
    assert response.context["outcome"] == outcome
    content = response.content.decode()
    assert f'data-outcome="{outcome}"' in content
    assert 'data-testid="bc-fallback"' in content
    assert ("ana.billing@acme.example" in content) is names_billing_contact
    go_to_billing = f'href="/{language}/corp-billing/" data-testid="bc-go-to-billing"'
    assert (go_to_billing in content) is (outcome == "BC-2b")
    assert (GO_TO_BILLING[language] in content) is (outcome == "BC-2b")


@pytest.mark.django_db
def test_my_account_profile_of_billing_admin(signed_in):
    response = signed_in("ana").get(url("my-account"))
    content = response.content.decode()
    assert response.context["outcome"] is None
    assert "Ana Ortega" in content
    assert "Acme Support" in content
    assert "account admin, billing admin" in content
    assert 'data-testid="bc-is-billing-admin"' in content


BILLING_ADMIN_PAGES = [
    ("subscriptions", {}),
    ("payment-method", {}),
    ("billing-info", {}),
    ("billing-history", {}),
    ("activity", {}),
]


@pytest.mark.django_db
@pytest.mark.parametrize("key", ["bruno", "carla", "diego", "elena", "trainer"])
@pytest.mark.parametrize(("name", "kwargs"), BILLING_ADMIN_PAGES)
def test_billing_admin_pages_refuse_everyone_else(signed_in, key, name, kwargs):
    client = signed_in(key)
    response = client.get(url(name, **kwargs))
    assert response.status_code == 403
    assert response.context["outcome"] == "BC-2"
    assert WRONG_PLACE["en"] in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("key", ["bruno", "carla", "diego"])
@pytest.mark.parametrize("name", ["add-licenses", "edit", "cancel"])
def test_subscription_urls_refuse_everyone_else_even_on_post(signed_in, persona, key, name):
    subscription = persona("ana").account.subscriptions.first()
    client = signed_in(key)
    before = subscription.licenses
    for response in (
        client.get(url(name, pk=subscription.pk)),
        client.post(url(name, pk=subscription.pk), {"quantity": 3, "place": 1, "action": "cancel"}),
    ):
        assert response.status_code == 403
        assert response.context["outcome"] == "BC-2"
    subscription.refresh_from_db()
    assert subscription.licenses == before
    assert subscription.status == "active"


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["add-licenses", "edit", "cancel"])
def test_another_accounts_subscription_is_404(signed_in, persona, name):
    paulista = persona("fernanda").account.subscriptions.first()
    client = signed_in("ana")
    assert client.get(url(name, pk=paulista.pk)).status_code == 404
    assert client.post(url(name, pk=paulista.pk), {"quantity": 1}).status_code == 404


@pytest.mark.django_db
def test_another_accounts_invoice_is_404(signed_in, persona):
    invoice = persona("fernanda").account.invoices.first()
    assert signed_in("ana").get(url("invoice", pk=invoice.pk)).status_code == 404
    assert signed_in("fernanda").get(url("invoice", pk=invoice.pk)).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "error"),
    [
        ("en", "The email address or password is incorrect."),
        ("es", "La dirección de e-mail o la contraseña no son correctas."),
        ("pt-br", "O endereço de e-mail ou a senha estão incorretos."),
    ],
)
def test_wrong_credentials_in_each_language(client, sample_data, language, error):
    response = client.post(
        url("sign-in", language), {"username": "carla.agent@acme.example", "password": "x"}
    )
    assert error in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("key", ["bruno", "carla", "elena"])
def test_card_and_billing_info_posts_refused_to_everyone_else(signed_in, persona, key):
    from billing_center.models import BillingInfo, PaymentMethod

    client = signed_in(key)
    card = {
        "cardholder": "X",
        "card_number": "4242424242424242",
        "exp_month": "1",
        "exp_year": "2031",
        "cvc": "123",
    }
    assert client.post(url("payment-method"), card).status_code == 403
    info = {"company_name": "Hijack", "address_line1": "x", "city": "x", "postal_code": "123"}
    assert client.post(url("billing-info"), {**info, "country": "US"}).status_code == 403
    acme = persona("ana").account
    assert PaymentMethod.objects.get(account=acme).last4 == "4242"
    assert BillingInfo.objects.get(account=acme).company_name == "Acme Support Inc."


@pytest.mark.django_db
def test_place_order_needs_csrf(persona):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(persona("ana"))
    subscription = persona("ana").account.subscriptions.first()
    response = client.post(url("add-licenses", pk=subscription.pk), {"quantity": 1, "place": 1})
    assert response.status_code == 403
    subscription.refresh_from_db()
    assert subscription.licenses == 10


@pytest.mark.django_db
@pytest.mark.parametrize("key", ["bruno", "diego"])
def test_wrong_location_takes_you_to_my_account_by_itself(signed_in, settings, key):
    settings.SANDBOX_WRONG_LOCATION_SECONDS = 7
    client = signed_in(key)
    response = client.get(url("wrong-location"))
    assert response["Refresh"] == f"7; url={url('my-account')}"
    assert 'data-testid="bc-account-profile"' in response.content.decode()
    # A direct URL to a billing admin's page refuses with the same page, and the same way on.
    refused = client.get(url("subscriptions"))
    assert refused.status_code == 403 and refused["Refresh"] == response["Refresh"]


@pytest.mark.django_db
def test_wrong_location_stays_when_asked(signed_in):
    response = signed_in("bruno").get(url("wrong-location") + "?stay=1")
    assert "Refresh" not in response
    assert 'data-testid="bc-account-profile"' in response.content.decode()
    assert 'data-testid="bc-stay"' not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(("key", "has_access"), [("ana", True), ("bruno", False), ("diego", False)])
def test_my_account_billing_section_says_who_has_access(signed_in, key, has_access):
    content = signed_in(key).get(url("my-account")).content.decode()
    assert 'data-testid="bc-billing-section"' in content
    assert ("Contact the Account Admin for access to the Billing Center." in content) is (
        not has_access
    )
