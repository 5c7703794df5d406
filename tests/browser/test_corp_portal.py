"""The Corporate Billing Portal in a real browser, in each language.

Diego's journey, as the article tells it: the Billing Center says he landed in the wrong place
(BC-2), his account profile says his account is managed in the Corporate Billing Portal
(BC-2b), he finds his User ID on an invoice in his mailbox, follows Go to Billing, signs in to
the portal and adds seats. Elena, who holds no portal login, is refused: not the billing admin
(BC-2c, or AC-3c when she came from the Admin Center).
"""

import re

import pytest
from django.conf import settings
from playwright.sync_api import expect

DIEGO = "diego.corp@globex.example"
# language -> (label of the User ID field, "Invalid User ID/password", "Invalid User ID")
WORDS = {
    "en": ("User ID", "Invalid User ID/password", "Invalid User ID"),
    "es": ("ID de usuario", "ID de usuario/contraseña no válidos", "ID de usuario no válido"),
    "pt-br": ("ID de usuário", "ID de usuário/senha inválidos", "ID de usuário inválido"),
}


def sign_in(page, language, user_id, password, query=""):
    page.goto(f"/{language}/corp-billing/{query}")
    page.locator("#id_user_id").fill(user_id)
    page.locator("#id_password").fill(password)
    page.get_by_test_id("portal-sign-in-submit").click()


@pytest.mark.parametrize("language", WORDS)
def test_diego_from_the_billing_center_to_the_portal_adds_seats(
    page, browser_sample_data, language
):
    page.goto(f"/{language}/billing/sign-in/?email={DIEGO}")
    page.locator("input[name=password]").fill(settings.SANDBOX_PASSWORD)
    page.get_by_test_id("sign-in-submit").click()
    expect(page.locator("body")).to_have_attribute("data-outcome", "BC-2")
    page.get_by_test_id("bc-account-profile").click()
    expect(page.locator("body")).to_have_attribute("data-outcome", "BC-2b")
    my_account = page.url

    page.goto(f"/{language}/mailbox/?to={DIEGO}")
    page.get_by_test_id("mailbox-message-link").first.click()
    message = page.get_by_test_id("mailbox-message")
    expect(message).to_be_visible()
    user_id = re.search(rf"{WORDS[language][0]}: (\S+)", message.inner_text()).group(1)
    assert user_id == "GLOBEX-4471"

    page.goto(my_account)
    page.get_by_test_id("bc-go-to-billing").click()
    page.wait_for_url(f"**/{language}/corp-billing/")
    page.locator("#id_user_id").fill(user_id)
    page.locator("#id_password").fill("corp-2026")
    page.get_by_test_id("portal-sign-in-submit").click()
    page.wait_for_url(f"**/{language}/corp-billing/invoices/")
    expect(page.get_by_test_id("invoice-list").locator("tbody tr")).to_have_count(20)
    page.get_by_test_id("invoice-link-GLX-202611").click()
    page.wait_for_url(f"**/{language}/corp-billing/invoices/*/")
    expect(page.get_by_test_id("invoice-print")).to_be_visible()  # shown by the page's script
    page.emulate_media(media="print")
    expect(page.get_by_test_id("portal-nav")).to_be_hidden()
    expect(page.get_by_test_id("invoice-total")).to_be_visible()
    page.emulate_media(media="screen")
    page.get_by_test_id("portal-nav-subscriptions").click()
    expect(page.get_by_test_id("seats-gotowebinar")).to_have_text("3")
    page.get_by_test_id("add-seats-gotowebinar").click()
    page.locator("#id_seats").fill("5")
    page.get_by_test_id("add-seats-review").click()
    expect(page.get_by_test_id("order-seats")).to_have_text("5")
    page.get_by_test_id("place-order").click()
    page.wait_for_url(f"**/{language}/corp-billing/subscriptions/")
    expect(page.get_by_test_id("seats-gotowebinar")).to_have_text("5")
    expect(page.get_by_test_id("flash-message")).to_contain_text("SO-")

    page.goto(f"/{language}/mailbox/?to={DIEGO}")
    expect(page.get_by_test_id("mailbox-message-link").first).to_contain_text("SO-")


@pytest.mark.parametrize("language", WORDS)
def test_elena_cannot_sign_in_so_she_is_not_the_billing_admin(page, browser_sample_data, language):
    # Her LogMeIn ID is no User ID of the portal: "Invalid User ID".
    sign_in(page, language, "elena.corp@globex.example", "sandbox-2026")
    expect(page.locator("body")).to_have_attribute("data-outcome", "BC-2c")
    expect(page.get_by_test_id("portal-error")).to_have_text(WORDS[language][2])
    # Diego's User ID with her password: "Invalid User ID/password", the same refusal.
    sign_in(page, language, "GLOBEX-4471", "sandbox-2026")
    expect(page.locator("body")).to_have_attribute("data-outcome", "BC-2c")
    expect(page.get_by_test_id("portal-error")).to_have_text(WORDS[language][1])

    sign_in(page, language, "GLOBEX-4472", "sandbox-2026", query="?from=admin-center")
    expect(page.locator("body")).to_have_attribute("data-outcome", "AC-3c")
    expect(page.get_by_test_id("portal-refusal")).to_be_visible()
