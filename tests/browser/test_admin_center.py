"""The Admin Center's "Add Licenses" in a real browser: AC-1, AC-2, AC-3 and the agent refusal."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from playwright.sync_api import expect

# language -> (Add Licenses, Send email, greeting of the email, refusal heading)
LANGUAGES = {
    "en": ("Add Licenses", "Send email", "Hello", "The Admin Center is for account admins"),
    "es": (
        "Añadir licencias",
        "Enviar correo",
        "Hola",
        "El Centro de administración es para los administradores de la cuenta",
    ),
    "pt-br": (
        "Adicionar licenças",
        "Enviar e-mail",
        "Olá",
        "O Centro de Administração é para administradores da conta",
    ),
}
PRODUCTS = {
    "gotoassist-rs5": "GoToAssist Remote Support v5",
    "gotomeeting": "GoToMeeting",
    "gotowebinar": "GoToWebinar",
}


def sign_in(page, language, email):
    page.goto(f"/{language}/admin-center/sign-in/?email={email}")
    page.locator("input[name=password]").fill(settings.SANDBOX_PASSWORD)
    page.get_by_test_id("sign-in-submit").click()
    page.wait_for_url(f"**/{language}/admin-center/")


def add_licenses(page, language):
    """Select Add Licenses in the left navigation, as the article's step 2 says."""
    nav = page.get_by_role("navigation", name=page.get_by_test_id("center-name").inner_text())
    link = nav.get_by_role("link", name=LANGUAGES[language][0])
    link.click()


@pytest.mark.parametrize("language", LANGUAGES)
def test_ac1_billing_admin_is_redirected_to_subscriptions(page, browser_sample_data, language):
    sign_in(page, language, "ana.billing@acme.example")
    add_licenses(page, language)
    page.wait_for_url(f"**/{language}/billing/subscriptions/?from=admin-center")
    assert urlsplit(page.url).path == f"/{language}/billing/subscriptions/"
    expect(page.locator("body")).to_have_attribute("data-outcome", "AC-1")
    expect(page.get_by_test_id("trainer-note-outcome")).to_have_text("AC-1")


@pytest.mark.parametrize("language", LANGUAGES)
def test_ac2_send_email_to_the_billing_admin(page, browser_sample_data, language):
    _, send_email, greeting, _ = LANGUAGES[language]
    sign_in(page, language, "bruno.admin@acme.example")
    add_licenses(page, language)
    page.wait_for_url(f"**/{language}/admin-center/add-licenses/")
    assert page.locator("body").get_attribute("data-outcome") == "AC-2"
    assert page.get_by_test_id("billing-admin-name").inner_text() == "Ana Ortega"
    assert page.get_by_test_id("billing-admin-email").inner_text() == "ana.billing@acme.example"
    button = page.get_by_role("link", name=send_email)
    parts = urlsplit(button.get_attribute("href"))
    assert (parts.scheme, parts.path) == ("mailto", "ana.billing@acme.example")
    query = parse_qs(parts.query, strict_parsing=True)
    assert "Acme Support" in query["subject"][0]
    body = query["body"][0]
    assert body.startswith(greeting)
    assert "Ana Ortega" in body and "Acme Support" in body
    assert "Bruno Silva (bruno.admin@acme.example)" in body
    assert page.get_by_test_id("fallback").is_visible()


@pytest.mark.parametrize("language", LANGUAGES)
def test_ac3_product_logos_and_the_portal(page, browser_sample_data, language):
    sign_in(page, language, "diego.corp@globex.example")
    add_licenses(page, language)
    page.wait_for_url(f"**/{language}/admin-center/add-licenses/")
    assert page.locator("body").get_attribute("data-outcome") == "AC-3"
    for code, name in PRODUCTS.items():
        link = page.get_by_test_id(f"product-{code}")
        assert urlsplit(link.get_attribute("href")).path == f"/{language}/billing/"
        logo = link.get_by_role("img")
        assert name in logo.get_attribute("alt")
        assert logo.evaluate("image => image.complete && image.naturalWidth > 0")
    portal = page.get_by_test_id("corp-portal-link")
    assert portal.inner_text() == "https://link.logmeininc.com/corp-billing"
    portal.click()
    page.wait_for_url(f"**/{language}/corp-billing/?from=admin-center")
    # A logo: the Billing Center, already signed in: BC-2, then My Account (BC-2b).
    page.go_back()
    page.get_by_test_id("product-gotomeeting").click()
    expect(page.locator("body")).to_have_attribute("data-outcome", "BC-2")
    page.get_by_test_id("bc-account-profile").click()
    expect(page.locator("body")).to_have_attribute("data-outcome", "BC-2b")
    expect(page.get_by_test_id("bc-go-to-billing")).to_be_visible()


@pytest.mark.parametrize("language", LANGUAGES)
def test_agent_is_refused_without_navigation(page, browser_sample_data, language):
    sign_in(page, language, "carla.agent@acme.example")
    assert page.get_by_role("heading", name=LANGUAGES[language][3]).is_visible()
    assert page.get_by_test_id("admin-center-nav").count() == 0
    assert page.get_by_role("link", name=LANGUAGES[language][0]).count() == 0
    assert page.get_by_role("navigation").count() == 1  # the sandbox's own
