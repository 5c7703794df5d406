"""The home page in a real browser, in each language: personas, switcher, offline, accessible."""

import pytest
from playwright.sync_api import expect

LANGUAGES = {
    "en": ("Sample personas", "Billing Center"),
    "es": ("Personas de ejemplo", "Centro de facturación"),
    "pt-br": ("Personas de exemplo", "Centro de faturamento"),
}


@pytest.mark.parametrize(("language", "words"), LANGUAGES.items())
def test_home_in_each_language(page, browser_sample_data, page_checks, language, words):
    page.goto(f"/{language}/")
    heading, center = words
    assert page.locator("html").get_attribute("lang") == language
    assert page.get_by_role("heading", name=heading).is_visible()
    assert page.get_by_text(center, exact=True).first.is_visible()
    assert page.get_by_test_id("persona-ana").is_visible()


def test_language_switcher_keeps_the_page(page, browser_sample_data):
    page.goto("/en/mailbox/")
    page.get_by_test_id("language-es").click()
    page.wait_for_url("**/es/mailbox/")
    assert page.get_by_role("heading", name="Buzón").is_visible()
    page.get_by_test_id("language-pt-br").click()
    page.wait_for_url("**/pt-br/mailbox/")
    assert page.get_by_role("heading", name="Caixa de correio").is_visible()


def test_first_visit_picks_browser_language(browser, live_server, browser_sample_data):
    context = browser.new_context(locale="es-ES", base_url=live_server.url)
    try:
        page = context.new_page()
        page.goto("/")
        assert page.url.endswith("/es/")
    finally:
        context.close()


def test_page_requests_nothing_outside_the_server(page, browser_sample_data, page_checks):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto("/en/")
    page.wait_for_load_state("networkidle")
    assert any("/static/bootstrap/css/bootstrap.min.css" in url for url in requested)
    assert page.evaluate("getComputedStyle(document.body).fontFamily") != "Times New Roman"
    assert page_checks.external_requests == []


def test_language_switcher_moves_from_a_page_in_another_language(page, browser_sample_data):
    """An English browser opens a shared Spanish link: every button still switches."""
    page.goto("/es/guide/")
    page.get_by_test_id("language-pt-br").click()
    page.wait_for_url("**/pt-br/guide/")
    expect(page.locator("html")).to_have_attribute("lang", "pt-br")
    page.goto("/es/guide/")
    page.get_by_test_id("language-en").click()
    page.wait_for_url("**/en/guide/")
    expect(page.locator("html")).to_have_attribute("lang", "en")


@pytest.mark.parametrize("language", LANGUAGES)
def test_persona_table_fits_a_projector(page, browser_sample_data, language):
    """1280 x 720 in every language: no sideways scroll, every start button in sight."""
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"/{language}/")
    table = page.get_by_test_id("persona-table")
    expect(table).to_be_visible()
    overflow = table.evaluate(
        "t => [t.parentElement.scrollWidth - t.parentElement.clientWidth,"
        " document.documentElement.scrollWidth - document.documentElement.clientWidth]"
    )
    assert overflow == [0, 0]
    buttons = table.locator("[data-testid^='start-'], [data-testid^='sign-in-as-']")
    assert buttons.count() >= 12
    for index in range(buttons.count()):
        button = buttons.nth(index)
        expect(button).to_be_visible()
        box = button.bounding_box()
        in_sight = box["x"] >= 0 and box["x"] + box["width"] <= 1280
        assert in_sight, button.get_attribute("data-testid")


def test_one_click_sign_in_lands_on_the_first_outcome(page, browser_sample_data):
    page.goto("/pt-br/")
    page.get_by_test_id("sign-in-as-bruno").click()
    expect(page.locator("body[data-outcome='BC-2']")).to_be_visible()
    assert "/pt-br/billing/" in page.url


def test_trainer_note_badge_keeps_the_outcome_id_as_written(page, browser_sample_data):
    """The note's heading is in capitals; the outcome id in it stays BC-2a, not BC-2A."""
    page.goto("/en/")
    page.get_by_test_id("sign-in-as-bruno").click()
    expect(page.locator("body[data-outcome='BC-2']")).to_be_visible()
    page.goto("/en/billing/my-account/")
    badge = page.get_by_test_id("trainer-note-outcome")
    expect(badge).to_be_visible()
    assert badge.inner_text() == "BC-2a"


def test_a_long_unbroken_address_does_not_widen_the_invoice(page, browser_sample_data):
    from billing_center.models import BillingInfo, Invoice

    BillingInfo.objects.filter(account__name="Acme Support").update(address_line1="X" * 120)
    invoice = Invoice.objects.filter(account__name="Acme Support").first()
    page.set_viewport_size({"width": 1024, "height": 720})
    page.goto("/en/")
    page.get_by_test_id("sign-in-as-ana").click()
    expect(page.locator("body[data-outcome='BC-1']")).to_be_visible()
    page.goto(f"/en/billing/billing-history/{invoice.pk}/")
    expect(page.get_by_test_id("bc-invoice-bill-to")).to_be_visible()
    overflow = page.evaluate(
        "() => [document.documentElement,"
        " document.querySelector('[data-testid=bc-invoice-bill-to]')]"
        ".map(element => element.scrollWidth - element.clientWidth)"
    )
    assert overflow == [0, 0]
