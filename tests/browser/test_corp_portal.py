"""The Corporate Billing Portal in a real browser, in each language.

Diego's journey, as the article tells it: the Billing Center says he landed in the wrong place
(BC-2), his account profile says his account is managed in the Corporate Billing Portal
(BC-2b), he finds his User ID on an invoice in his mailbox, follows Go to Billing, signs in to
the portal and adds seats. Elena, who holds no portal login, is refused: not the billing admin
(BC-2c, or AC-3c when she came from the Admin Center).
"""

import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.utils import translation
from playwright.sync_api import expect

from core.formatting import format_money
from corp_portal.models import Invoice as PortalInvoice

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


# language -> (Accepted, Paid): the quote's and the invoice's status words
STATUS_WORDS = {
    "en": ("Accepted", "Paid"),
    "es": ("Aceptada", "Pagada"),
    "pt-br": ("Aceita", "Paga"),
}
# language -> a part payment as a person types it there, and its amount
PART_PAYMENT = {"en": "10.50", "es": "10,50", "pt-br": "10,50"}


def diego_signs_in(page, language):
    sign_in(page, language, "GLOBEX-4471", "corp-2026")
    page.wait_for_url(f"**/{language}/corp-billing/invoices/")


def accept_the_quote_then_add_seats(page, language):
    """Add Seats on GoToMeeting waits for the open quote; Diego follows the link to it,
    accepts it (after the confirmation step), and Add Seats then orders."""
    page.get_by_test_id("portal-nav-subscriptions").click()
    page.get_by_test_id("add-seats-gotomeeting").click()
    expect(page.get_by_test_id("add-seats-refused")).to_contain_text("Q-GLX-0007")
    expect(page.get_by_test_id("add-seats-form")).to_have_count(0)
    page.get_by_test_id("add-seats-quote-link").click()
    page.get_by_test_id("quote-accept").click()
    expect(page.get_by_test_id("quote-confirm")).to_be_visible()
    page.get_by_test_id("quote-confirm-submit").click()
    expect(page.get_by_test_id("quote-status")).to_have_text(STATUS_WORDS[language][0])
    expect(page.get_by_test_id("flash-message")).to_contain_text("Q-GLX-0007")
    page.get_by_test_id("quote-add-seats").click()
    page.locator("#id_seats").fill("27")
    page.get_by_test_id("add-seats-review").click()
    expect(page.get_by_test_id("order-seats")).to_have_text("27")
    page.get_by_test_id("place-order").click()
    page.wait_for_url(f"**/{language}/corp-billing/subscriptions/")
    expect(page.get_by_test_id("seats-gotomeeting")).to_have_text("27")


def pay_in_part_then_the_rest(page, language):
    """Pay Now on the open invoice: a part (the balance afterwards is shown), then in full."""
    invoice = PortalInvoice.objects.get(number="GLX-202611")
    with translation.override(language):
        balance = format_money(invoice.total - Decimal("10.50"), invoice.currency)
    page.get_by_test_id("portal-nav-invoices").click()
    page.get_by_test_id("pay-now-GLX-202611").click()
    page.locator("input[name=how][value=partial]").check()
    page.locator("#id_amount").fill(PART_PAYMENT[language])
    page.get_by_test_id("pay-now-submit").click()
    expect(page.get_by_test_id("invoice-balance")).to_have_text(balance)
    expect(page.get_by_test_id("flash-message")).to_contain_text(balance)
    page.get_by_test_id("invoice-pay-now").click()
    page.locator("input[name=how][value=full]").check()
    page.get_by_test_id("pay-now-submit").click()
    expect(page.get_by_test_id("invoice-status")).to_have_text(STATUS_WORDS[language][1])
    with translation.override(language):
        expect(page.get_by_test_id("invoice-balance")).to_have_text(format_money(0, "EUR"))
    expect(page.get_by_test_id("invoice-pay-now")).to_have_count(0)


@pytest.mark.parametrize("language", WORDS)
def test_diego_accepts_the_quote_then_adds_seats(page, browser_sample_data, language):
    diego_signs_in(page, language)
    accept_the_quote_then_add_seats(page, language)


@pytest.mark.parametrize("language", WORDS)
def test_diego_pays_an_invoice_in_part_then_the_rest(page, browser_sample_data, language):
    diego_signs_in(page, language)
    pay_in_part_then_the_rest(page, language)


def test_quote_and_pay_now_work_with_javascript_off(browser, live_server, browser_sample_data):
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    page = context.new_page()
    try:
        diego_signs_in(page, "en")
        accept_the_quote_then_add_seats(page, "en")
        pay_in_part_then_the_rest(page, "en")
    finally:
        context.close()
