"""The Billing Center in a real browser: BC-1, BC-2 -> BC-2a, BC-2 -> BC-2b and one complete
add-licenses order, in each language (axe and the offline check run on every page)."""

import pytest
from django.conf import settings

LANGUAGES = ["en", "es", "pt-br"]


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


@pytest.mark.parametrize(
    ("language", "total"),
    [("en", "$344.77"), ("es", "344,77\xa0US$"), ("pt-br", "US$\xa0344,77")],
)
def test_add_licenses_order(page, browser_sample_data, language, total):
    sign_in(page, language, "ana.billing@acme.example")
    page.wait_for_url(f"**/{language}/billing/subscriptions/")
    card = page.get_by_test_id("bc-subscription-gotoassist-rs5")
    card.get_by_test_id("bc-add-licenses").click()
    page.locator("input[name=quantity]").fill("3")
    page.get_by_test_id("bc-review-order").click()  # Add to Cart
    # The checkout: Edit Order goes back to the cart's form, with nothing ordered.
    assert "Visa •••• 4242" in page.get_by_test_id("bc-checkout-card").inner_text()
    page.get_by_test_id("bc-order-back").click()
    page.locator("input[name=quantity]").fill("2")
    page.get_by_test_id("bc-review-order").click()
    summary = page.get_by_test_id("bc-order-summary")
    assert summary.get_by_test_id("bc-summary-before").inner_text() == "10"
    assert summary.get_by_test_id("bc-summary-after").inner_text() == "12"
    assert summary.get_by_test_id("bc-summary-total").inner_text() == total
    page.get_by_test_id("bc-place-order").click()
    page.wait_for_url(f"**/{language}/billing/subscriptions/")
    assert page.get_by_test_id("flash-message").is_visible()
    card = page.get_by_test_id("bc-subscription-gotoassist-rs5")
    assert card.get_by_test_id("bc-licenses").inner_text() == "12"


def test_every_billing_admin_page_passes_axe(page, browser_sample_data, page_checks):
    """One walk through the navigation (axe runs on each page as it loads)."""
    sign_in(page, "en", "fernanda.billing@paulista.example")
    page.wait_for_url("**/en/billing/subscriptions/")
    for testid in ("bc-edit", "bc-cancel"):
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
