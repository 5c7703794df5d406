"""A class in real browsers: two trainees, each in their own seat of one class, reach
different outcomes, and the trainer's board shows each seat's outcomes on its own row."""

import re

from django.urls import reverse
from playwright.sync_api import expect

from classes.services import class_create
from tests.browser.trainer import trainer_signs_in

PASSWORD = "sandbox-2026"


def _trainee(browser, live_server, page_checks, seat):
    """A browser of its own, in `seat` (entered through the seat's token URL)."""
    context = browser.new_context(locale="en-US", base_url=live_server.url)
    page = context.new_page()
    page.on("request", page_checks.on_request)
    page.goto(reverse("seats:enter", args=[seat.token]))
    expect(page.get_by_test_id("seat-badge")).to_be_visible()
    return context, page


def _sign_in(page, email, outcome):
    page.goto(f"/en/billing/sign-in/?email={email}")
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_test_id("sign-in-submit").click()
    expect(page.locator("body")).to_have_attribute("data-outcome", outcome)


def test_the_board_shows_each_seat_s_outcomes(
    page, browser, live_server, page_checks, browser_sample_data, trainer_credentials
):
    classroom = class_create(name="Browser class", seat_count=2, language="en")
    first, second = classroom.seats.order_by("number")
    ana_context, ana = _trainee(browser, live_server, page_checks, first)
    carla_context, carla = _trainee(browser, live_server, page_checks, second)
    try:
        _sign_in(ana, "ana.billing@acme.example", "BC-1")
        _sign_in(carla, "carla.agent@acme.example", "BC-2")
        carla.get_by_test_id("bc-account-profile").click()
        expect(carla.locator("body")).to_have_attribute("data-outcome", "BC-2a")

        board = f"/en/classes/{classroom.code}/"
        trainer_signs_in(page, trainer_credentials, board)
        rows = page.get_by_test_id("seat-row")
        expect(rows).to_have_count(2)
        seat_1, seat_2 = page.locator('[data-seat="1"]'), page.locator('[data-seat="2"]')
        expect(seat_1).to_have_attribute("data-outcomes", "BC-1")
        expect(seat_2).to_have_attribute("data-outcomes", "BC-2 BC-2a")
        expect(seat_1.get_by_test_id("seat-personas")).to_have_text("Ana Ortega")
        expect(seat_2.get_by_test_id("seat-personas")).to_have_text("Carla Méndez")
        join = page.get_by_test_id("join-link")
        expect(join).to_have_attribute("href", re.compile(rf"^http://.+/join/{classroom.code}/$"))

        # Ana goes on to the Admin Center's Add Licenses (AC-1); the trainer refreshes.
        ana.goto("/en/admin-center/add-licenses/")
        expect(ana.locator("body")).to_have_attribute("data-outcome", "AC-1")
        page.get_by_test_id("board-refresh").click()
        expect(seat_1).to_have_attribute("data-outcomes", "BC-1 AC-1")
        expect(seat_2).to_have_attribute("data-outcomes", "BC-2 BC-2a")

        # The filter "has not reached BC-2 yet" keeps Ana's seat only, with JavaScript's help
        # or without: it is a plain GET form.
        page.get_by_label("Has not reached yet").select_option("BC-2")
        page.get_by_test_id("board-filter").click()
        page.wait_for_url(re.compile(r"not_reached=BC-2"))
        expect(rows).to_have_count(1)
        expect(seat_1).to_be_visible()
    finally:
        ana_context.close()
        carla_context.close()
