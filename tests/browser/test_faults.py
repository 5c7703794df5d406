"""Faults in a real browser: axe catches the unlabelled field of F5 in the seat it is on (and
finds nothing in the other seat), and the trainer switches a seat's faults from the board."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from faults.services import seat_faults_set
from tests.browser.trainer import trainer_signs_in

from .conftest import PageChecks, _open_page


@pytest.fixture
def two_seats(browser_sample_data):
    from classes.services import class_create

    classroom = class_create(name="QA practice", seat_count=2, language="en")
    return list(classroom.seats.order_by("number"))


def portal_sign_in_checked(browser, live_server, axe, seat) -> list[str]:
    """The serious or critical violations axe finds on the portal's sign-in, in `seat`
    (PageChecks' own words: "<url>: <rule> (<impact>) <targets>")."""
    checks = PageChecks(live_server.url, axe)
    page = _open_page(browser, live_server, checks)
    try:
        page.goto(reverse("seats:enter", args=[seat.token]))
        expect(page.get_by_test_id("seat-badge")).to_have_attribute("data-seat", str(seat.number))
        page.goto("/en/corp-billing/")
        expect(page.locator("#id_user_id")).to_be_visible()
        page.wait_for_load_state("load")
        checks.check_the_rest(page.context)
        assert any(url.endswith("/en/corp-billing/") for url in checks.pages_checked)
    finally:
        page.context.close()
    return checks.violations


def test_axe_catches_the_unlabelled_field_in_its_seat_only(browser, live_server, axe, two_seats):
    mine, other = two_seats
    seat_faults_set(seat=mine, fault_ids=["F5-unlabelled-field"])

    found = portal_sign_in_checked(browser, live_server, axe, mine)
    unlabelled = [v for v in found if ": label (critical)" in v and "#id_user_id" in v]
    assert unlabelled, found

    assert portal_sign_in_checked(browser, live_server, axe, other) == []


def test_the_trainer_switches_a_fault_on_from_the_board(page, two_seats, trainer_credentials):
    mine, other = two_seats
    trainer_signs_in(page, trainer_credentials)

    page.get_by_test_id("nav-faults").click()
    expect(page.get_by_test_id("fault-row")).to_have_count(7)

    page.goto(reverse("classes:board", args=[mine.classroom.code]))
    row = page.locator(f'[data-testid="seat-row"][data-seat="{mine.number}"]')
    expect(row.get_by_test_id("seat-faults-on")).to_have_count(0)
    row.get_by_test_id("seat-link").click()  # the switches are on the seat's own page
    page.get_by_label("F7-server-error: A server error on one page").check()
    page.get_by_test_id("seat-faults-save").click()
    expect(page.get_by_test_id("seat-faults-on")).to_have_text("1 fault on")
    page.get_by_test_id("seat-board-link").click()

    row = page.locator(f'[data-testid="seat-row"][data-seat="{mine.number}"]')
    expect(row.get_by_test_id("seat-faults-on")).to_have_text("1 fault on")
    other_row = page.locator(f'[data-testid="seat-row"][data-seat="{other.number}"]')
    expect(other_row.get_by_test_id("seat-faults-on")).to_have_count(0)
