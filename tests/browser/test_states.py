"""Starting states in real browsers, in the three languages: the trainer sets a seat of a
class to a state from the board (a select and a button, no JavaScript needed), and the
trainee in that seat sees the state's outcome; a self-paced seat sets itself from the
Starting states page."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from classes.services import class_create
from sandbox.worlds import seat_create
from tests.browser.trainer import trainer_signs_in

PASSWORD = "sandbox-2026"
LANGUAGES = ["en", "es", "pt-br"]
NO_BILLING_ADMIN = {
    "en": "has no billing admin",
    "es": "no tiene administrador de facturación",
    "pt-br": "não tem administrador de cobrança",
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_trainer_sets_a_seat_from_the_board_and_the_trainee_sees_it(
    page, new_page, browser_sample_data, trainer_credentials, language
):
    classroom = class_create(name="States class", seat_count=2, language=language)
    first = classroom.seats.get(number=1)
    board = f"/{language}/classes/{classroom.code}/"
    trainer_signs_in(page, trainer_credentials, board)

    # The seat's forms are on its own page, opened from its row of the board.
    row = page.locator('[data-testid="seat-row"][data-seat="1"]')
    row.get_by_test_id("seat-link").click()
    expect(page.get_by_test_id("seat-page")).to_have_attribute("data-seat", "1")
    page.get_by_test_id("seat-state-select").select_option("acme-no-billing-admin")
    page.get_by_test_id("seat-state-apply").click()
    expect(page.get_by_test_id("seat-state")).to_have_attribute(
        "data-state", "acme-no-billing-admin"
    )
    page.get_by_test_id("seat-board-link").click()
    expect(row.get_by_test_id("seat-state")).to_have_attribute(
        "data-state", "acme-no-billing-admin"
    )
    other = page.locator('[data-testid="seat-row"][data-seat="2"]')
    expect(other.get_by_test_id("seat-state")).to_have_attribute("data-state", "")

    trainee = new_page()
    trainee.goto(reverse("seats:enter", args=[first.token]))
    expect(trainee.get_by_test_id("seat-badge")).to_be_visible()
    trainee.goto(f"/{language}/admin-center/sign-in/?email=bruno.admin@acme.example")
    trainee.locator("input[name=password]").fill(PASSWORD)
    trainee.get_by_test_id("sign-in-submit").click()
    trainee.get_by_test_id("nav-add-licenses").click()
    expect(trainee.locator("body")).to_have_attribute("data-outcome", "AC-2")
    expect(trainee.get_by_test_id("no-billing-admin")).to_contain_text(NO_BILLING_ADMIN[language])
    expect(trainee.get_by_test_id("send-email")).to_have_count(0)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_self_paced_seat_sets_itself_from_the_starting_states_page(
    new_page, browser_sample_data, language
):
    seat = seat_create()
    person = new_page()
    person.goto(reverse("seats:enter", args=[seat.token]))
    person.goto(f"/{language}/")
    person.get_by_test_id("nav-states").click()
    person.locator("#state-ana-pending-cancellation").get_by_test_id("state-start").click()
    # The scenario's start: the Billing Center sign-in, Ana's email filled in.
    expect(person.locator("input[name=username]")).to_have_value("ana.billing@acme.example")
    person.locator("input[name=password]").fill(PASSWORD)
    person.get_by_test_id("sign-in-submit").click()
    expect(person.locator("body")).to_have_attribute("data-outcome", "BC-1")
    card = person.get_by_test_id("bc-subscription-gotoassist-rs5")
    expect(card.locator(".text-bg-warning[data-testid=bc-status]")).to_be_visible()
    expect(card.get_by_test_id("bc-undo-cancel")).to_be_visible()
    expect(person.get_by_test_id("bc-undo-cancel")).to_have_count(1)


def test_the_trainer_starts_a_state_from_the_guide(page, browser_sample_data, trainer_credentials):
    classroom = class_create(name="Guide class", seat_count=1, language="en")
    seat = classroom.seats.get()
    trainer_signs_in(page, trainer_credentials, "/en/guide/")
    branch = page.get_by_test_id("guide-states-admin-center-AC-2")
    form = branch.get_by_test_id("state-start-form-admin-center-AC-2-acme-no-billing-admin")
    form.get_by_test_id("state-start-seat").select_option(str(seat.pk))
    form.get_by_test_id("state-start").click()
    expect(page.get_by_test_id("flash-message")).to_contain_text("Guide class, seat 1")
    expect(page).to_have_url(re.compile(r"/en/guide/$"))
    seat.refresh_from_db()
    assert seat.state == "acme-no-billing-admin"


def test_with_javascript_off_a_seat_starts_a_state_from_the_guide(
    browser, live_server, browser_sample_data
):
    seat = seat_create()
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        person = context.new_page()
        person.goto(reverse("seats:enter", args=[seat.token]))
        person.goto("/es/guide/")
        person.get_by_test_id(
            "state-start-form-billing-center-BC-2-BC-2b-diego-invoice-email-deleted"
        ).get_by_test_id("state-start").click()
        expect(person.get_by_test_id("flash-message")).to_contain_text("Diego eliminó")
        expect(person).to_have_url(re.compile(r"/es/billing/sign-in/\?email=diego"))
        seat.refresh_from_db()
        assert seat.state == "diego-invoice-email-deleted"
    finally:
        context.close()
