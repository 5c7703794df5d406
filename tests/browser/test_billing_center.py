"""The Billing Center in a real browser: BC-1, BC-2 -> BC-2a, BC-2 -> BC-2b and one complete
order of more licenses (Add Agents -> the cart -> the checkout -> Place Order), in each
language (axe and the offline check run on every page)."""

import re

import pytest
from django.conf import settings
from playwright.sync_api import expect

LANGUAGES = ["en", "es", "pt-br"]
ACME = "Acme Support"
ANA = "ana.billing@acme.example"
RS5 = "bc-subscription-gotoassist-rs5"


def sign_in(page, language, email):
    page.goto(f"/{language}/billing/sign-in/?email={email}")
    page.locator("input[name=password]").fill(settings.SANDBOX_PASSWORD)
    page.get_by_test_id("sign-in-submit").click()


def outcome(page):
    return page.locator("body").get_attribute("data-outcome")


@pytest.mark.parametrize("language", LANGUAGES)
def test_bc1_billing_admin_lands_on_subscriptions(page, browser_sample_data, language):
    sign_in(page, language, "ana.billing@acme.example")
    page.wait_for_url(f"**/{language}/billing/subscriptions/")
    assert outcome(page) == "BC-1"
    assert page.get_by_test_id("bc-subscription-gotoassist-rs5").is_visible()


@pytest.mark.parametrize("language", LANGUAGES)
def test_bc2_wrong_location_goes_on_to_my_account_by_itself(
    page, browser_sample_data, settings, language
):
    settings.SANDBOX_WRONG_LOCATION_SECONDS = 1
    sign_in(page, language, "bruno.admin@acme.example")
    # The wrong-location page, then My Account without a click (JavaScript is not needed).
    page.wait_for_url(f"**/{language}/billing/my-account/")
    assert outcome(page) == "BC-2a"
    assert page.get_by_test_id("bc-billing-no-access").is_visible()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    ("email", "my_account"),
    [("bruno.admin@acme.example", "BC-2a"), ("diego.corp@globex.example", "BC-2b")],
)
def test_bc2_wrong_location_then_my_account(page, browser_sample_data, language, email, my_account):
    sign_in(page, language, email)
    page.wait_for_url(f"**/{language}/billing/wrong-location/")
    assert outcome(page) == "BC-2"
    page.get_by_test_id("bc-account-profile").click()
    page.wait_for_url(f"**/{language}/billing/my-account/")
    assert outcome(page) == my_account
    assert page.get_by_test_id("bc-fallback").is_visible()
    if my_account == "BC-2a":
        assert page.get_by_test_id("bc-standard-not-billing-admin").is_visible()
        assert page.get_by_test_id("bc-go-to-billing").count() == 0
    else:
        button = page.get_by_test_id("bc-go-to-billing")
        assert button.get_attribute("href") == f"/{language}/corp-billing/"
        button.click()
        page.wait_for_url(f"**/{language}/corp-billing/")


# language -> the card's button (the product's word), today (the period's first day), the total
CHECKOUT = [
    ("en", "Add Agents", "November 21, 2026", "$344.77"),
    ("es", "Añadir agentes", "21 de noviembre de 2026", "344,77\xa0US$"),
    ("pt-br", "Adicionar agentes", "21 de novembro de 2026", "US$\xa0344,77"),
]


@pytest.mark.parametrize(("language", "add_agents", "today", "total"), CHECKOUT)
def test_add_agents_cart_checkout_place_order(
    page, browser_sample_data, language, add_agents, today, total
):
    """Add Agents -> Add to Cart -> the cart (Edit) -> Proceed to Checkout -> Place Order."""
    from billing_center.models import BillingInfo, Invoice

    BillingInfo.objects.filter(account__name=ACME).update(vat_number="US123456789")
    invoices = Invoice.objects.filter(account__name=ACME).values_list("number", flat=True)
    invoices_before = set(invoices)
    sign_in(page, language, ANA)
    page.wait_for_url(f"**/{language}/billing/subscriptions/")
    add = page.get_by_test_id(RS5).get_by_test_id("bc-add-licenses")
    expect(add).to_contain_text(add_agents)
    add.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(add_agents)
    page.locator("input[name=quantity]").fill("3")
    page.get_by_test_id("bc-add-to-cart").click()

    # The cart: one line, counted in the navigation; Edit goes back to the form, filled in.
    page.wait_for_url(f"**/{language}/billing/cart/")
    line = page.get_by_test_id("bc-cart-line")
    expect(line).to_have_attribute("data-product", "gotoassist-rs5")
    expect(line.get_by_test_id("bc-cart-quantity")).to_have_text("3")
    expect(page.get_by_test_id("bc-nav-cart")).to_contain_text("(1)")
    line.get_by_test_id("bc-cart-edit").click()
    expect(page.locator("input[name=quantity]")).to_have_value("3")
    page.locator("input[name=quantity]").fill("2")
    page.get_by_test_id("bc-add-to-cart").click()  # Update Cart
    page.wait_for_url(f"**/{language}/billing/cart/")
    expect(page.get_by_test_id("bc-cart-line")).to_have_count(1)
    expect(line.get_by_test_id("bc-cart-quantity")).to_have_text("2")
    page.get_by_test_id("bc-proceed-to-checkout").click()

    # The checkout: the billing period from today, the licenses, the total, card and VAT number.
    page.wait_for_url(f"**/{language}/billing/checkout/")
    expect(page.get_by_test_id("bc-checkout")).to_be_visible()
    summary = page.get_by_test_id("bc-order-summary")
    line = summary.get_by_test_id("bc-cart-line")
    expect(line.get_by_test_id("bc-summary-period")).to_have_text(re.compile(f"^{today} – "))
    expect(line.get_by_test_id("bc-cart-quantity")).to_have_text("2")
    expect(line.get_by_test_id("bc-cart-line-total")).to_have_text(total)
    expect(summary.get_by_test_id("bc-summary-total")).to_have_text(total)
    expect(page.get_by_test_id("bc-checkout-card")).to_contain_text("Visa •••• 4242")
    expect(page.get_by_test_id("bc-checkout-vat")).to_contain_text("US123456789")
    page.get_by_test_id("bc-place-order").click()

    # Subscriptions: 12 licenses, the cart empty; the invoice in the history and the mailbox.
    page.wait_for_url(f"**/{language}/billing/subscriptions/")
    [number] = set(invoices.all()) - invoices_before
    expect(page.get_by_test_id("flash-message")).to_contain_text(number)
    expect(page.get_by_test_id(RS5).get_by_test_id("bc-licenses")).to_have_text("12")
    expect(page.get_by_test_id("bc-nav-cart")).not_to_contain_text("(")
    page.get_by_test_id("bc-nav-billing-history").click()
    expect(page.get_by_test_id("bc-invoice-link").first).to_have_text(number)
    page.goto(f"/{language}/mailbox/?to={ANA}")
    expect(page.get_by_test_id("mailbox-message-link").filter(has_text=number)).to_have_count(1)


def test_remove_from_cart_leaves_it_empty(page, browser_sample_data):
    """Add Organizers -> Add to Cart -> Remove: the cart is empty, with nothing to check out."""
    sign_in(page, "en", ANA)
    page.wait_for_url("**/en/billing/subscriptions/")
    add = page.get_by_test_id("bc-subscription-gotomeeting").get_by_test_id("bc-add-licenses")
    expect(add).to_contain_text("Add Organizers")
    add.click()
    page.locator("input[name=quantity]").fill("1")
    page.get_by_test_id("bc-add-to-cart").click()
    page.wait_for_url("**/en/billing/cart/")
    line = page.get_by_test_id("bc-cart-line")
    expect(line).to_have_attribute("data-product", "gotomeeting")
    line.get_by_test_id("bc-cart-remove").click()
    expect(page.get_by_test_id("bc-cart-empty")).to_be_visible()
    expect(page.get_by_test_id("bc-nav-cart")).to_have_text("Cart")
    expect(page.get_by_test_id("bc-proceed-to-checkout")).to_have_count(0)


def test_every_billing_admin_page_passes_axe(page, browser_sample_data, page_checks):
    """One walk through the navigation (axe runs on each page as it loads)."""
    sign_in(page, "en", "fernanda.billing@paulista.example")
    page.wait_for_url("**/en/billing/subscriptions/")
    for testid in ("bc-edit", "bc-cancel"):
        options = page.get_by_test_id("bc-options").first
        if options.get_attribute("open") is None:  # back from the last page, it may be open
            options.locator("summary").click()
        page.get_by_test_id(testid).first.click()
        page.wait_for_load_state()
        page.go_back()
    for testid in (
        "bc-nav-payment-method",
        "bc-nav-billing-info",
        "bc-nav-billing-history",
        "bc-nav-activity",
        "bc-nav-my-account",
    ):
        page.get_by_test_id(testid).click()
        page.wait_for_load_state()
    page.get_by_test_id("bc-nav-billing-history").click()
    page.get_by_test_id("bc-invoice-link").first.click()
    page.wait_for_url("**/en/billing/billing-history/*/")
    assert page.get_by_test_id("bc-invoice").is_visible()


def test_cancel_from_options_then_reactivate(page, browser_sample_data):
    """Options -> Cancel Subscription -> Yes, Cancel -> Pending Cancellation -> Reactivate."""
    sign_in(page, "en", "ana.billing@acme.example")
    page.wait_for_url("**/en/billing/subscriptions/")
    card = page.get_by_test_id("bc-subscription-gotomeeting")
    card.get_by_test_id("bc-options").locator("summary").click()
    card.get_by_test_id("bc-cancel").click()
    page.get_by_test_id("bc-cancel-confirm").click()
    page.wait_for_url("**/en/billing/subscriptions/")
    card = page.get_by_test_id("bc-subscription-gotomeeting")
    assert card.get_by_test_id("bc-status").inner_text() == "Pending cancellation"
    card.get_by_test_id("bc-undo-cancel").click()
    page.wait_for_url("**/en/billing/subscriptions/")
    card = page.get_by_test_id("bc-subscription-gotomeeting")
    assert card.get_by_test_id("bc-status").inner_text() == "Active"
    assert card.get_by_test_id("bc-options").is_visible()
