"""A seat's clock in a real browser, in each language: the person in a seat of no class opens
the Clock page from the navigation, moves to the next renewal, finds Acme's renewal invoice in
the Billing Center's billing history and its email in the mailbox, moves back to the start and
finds them gone. Every control is a plain form (no JavaScript needed)."""

import pytest
from django.conf import settings
from playwright.sync_api import expect

from billing_center.models import Invoice
from sandbox.sample_data import PERSONAS_BY_KEY
from sandbox.worlds import seat_create
from seats.scope import seat_scope
from tests.browser.trainer import trainer_signs_in

LANGUAGES = ["en", "es", "pt-br"]
ANA = PERSONAS_BY_KEY["ana"].email


def renewal_number(seat) -> str:
    with seat_scope(seat):
        return Invoice.objects.get(kind=Invoice.Kind.RENEWAL, issued_on="2026-12-03").number


def clock_pressed(page, button: str, today: str) -> None:
    page.get_by_test_id("nav-clock").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.get_by_test_id(button).click()
    expect(page.get_by_test_id("flash-message")).to_be_visible()
    expect(page.get_by_test_id("clock-today")).to_have_attribute("data-today", today)


def billing_history(page, language) -> list[str]:
    page.goto(f"/{language}/billing/sign-in/?email={ANA}")
    page.locator("input[name=password]").fill(settings.SANDBOX_PASSWORD)
    page.get_by_test_id("sign-in-submit").click()
    expect(page.locator("body")).to_have_attribute("data-outcome", "BC-1")
    page.goto(f"/{language}/billing/billing-history/")
    expect(page.get_by_test_id("bc-invoices")).to_be_visible()
    return page.get_by_test_id("bc-invoice-link").all_inner_texts()


def mailbox(page, language) -> list[str]:
    page.goto(f"/{language}/mailbox/?to={ANA}")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    return page.get_by_test_id("mailbox-message-link").all_inner_texts()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_next_renewal_and_back(page, browser_sample_data, language):
    seat = seat_create()
    page.goto(f"/{language}/seats/{seat.token}/enter/")
    expect(page.get_by_test_id("seat-badge")).to_be_visible()
    invoices_before = billing_history(page, language)

    clock_pressed(page, "clock-renewal", "2026-12-03")
    number = renewal_number(seat)
    assert billing_history(page, language) == [number, *invoices_before]
    assert [subject for subject in mailbox(page, language) if number in subject] != []

    clock_pressed(page, "clock-start", "2026-11-21")
    assert billing_history(page, language) == invoices_before
    assert [subject for subject in mailbox(page, language) if number in subject] == []


def test_the_trainer_moves_a_seat_s_clock_from_its_page_without_javascript(
    browser, live_server, page_checks, browser_sample_data, trainer_credentials
):
    from classes.services import class_create

    classroom = class_create(name="Clock class", seat_count=2, language="en")
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    page = context.new_page()
    page.on("request", page_checks.on_request)
    try:
        board = f"/en/classes/{classroom.code}/"
        trainer_signs_in(page, trainer_credentials, board)

        # The clock's form is on the seat's own page, opened from its row of the board.
        seat_2 = page.locator('[data-testid="seat-row"][data-seat="2"]')
        seat_2.get_by_test_id("seat-link").click()
        clock = page.get_by_test_id("seat-clock")
        page.get_by_test_id("seat-clock-step").select_option("renewal")
        page.get_by_test_id("seat-clock-move").click()
        expect(page.get_by_test_id("flash-message")).to_contain_text("seat 2")
        expect(clock).to_have_attribute("data-today", "2026-12-03")
        page.get_by_test_id("seat-board-link").click()
        expect(seat_2.get_by_test_id("seat-clock")).to_have_attribute("data-today", "2026-12-03")
        seat_1 = page.locator('[data-testid="seat-row"][data-seat="1"]')
        expect(seat_1.get_by_test_id("seat-clock")).to_have_attribute("data-today", "2026-11-21")
        assert renewal_number(classroom.seats.get(number=2))

        seat_2.get_by_test_id("seat-link").click()
        page.get_by_test_id("seat-clock-step").select_option("")
        page.get_by_test_id("seat-clock-date").fill("2026-11-21")
        page.get_by_test_id("seat-clock-move").click()
        expect(clock).to_have_attribute("data-today", "2026-11-21")
        with seat_scope(classroom.seats.get(number=2)):
            assert not Invoice.objects.filter(kind=Invoice.Kind.RENEWAL, issued_on="2026-12-03")
    finally:
        context.close()


def test_a_date_past_the_window_is_said_under_the_field(page, browser_sample_data):
    """The date input stops at the window's last day (`max`); a date past it sent all the same
    (a script, an old browser) comes back on the form, under the field, and nothing moves."""
    seat = seat_create()
    page.goto(f"/en/seats/{seat.token}/enter/")
    page.get_by_test_id("nav-clock").click()
    date = page.get_by_test_id("clock-date")
    expect(date).to_have_attribute("max", "2028-11-21")
    date.evaluate("input => { input.removeAttribute('max'); input.value = '9999-12-31'; }")
    page.get_by_test_id("clock-date-submit").click()
    expect(page.get_by_test_id("clock-date-error")).to_contain_text("2028-11-21")
    expect(date).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_test_id("clock-today")).to_have_attribute("data-today", "2026-11-21")
