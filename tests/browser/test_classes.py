"""A class in a real browser: the trainer creates it through the form, and trainees, each in a
browser of their own, join it from its join card's link and see their seat in the header."""

import contextlib
import re

from playwright.sync_api import expect

from seats.models import Classroom
from tests.browser.trainer import trainer_signs_in


@contextlib.contextmanager
def other_browser(browser, live_server, page_checks):
    """A second person's browser (cookies of its own); its pages are checked like the rest."""
    context = browser.new_context(locale="en-US", base_url=live_server.url)
    page = context.new_page()
    page.on("request", page_checks.on_request)
    page.on("load", page_checks.on_load)
    try:
        yield page
        page.wait_for_load_state("load")
    finally:
        context.close()


def join(page, join_path, name):
    page.goto(join_path)
    expect(page.get_by_text("type the same name to get it back")).to_be_visible()
    page.get_by_label("Your name").fill(name)
    page.get_by_test_id("join-submit").click()
    page.wait_for_url("**/en/")
    return page.get_by_test_id("seat-badge")


def test_trainer_creates_a_class_and_two_trainees_take_its_seats(
    page, browser, live_server, page_checks, browser_sample_data, trainer_credentials
):
    trainer_signs_in(page, trainer_credentials, "/en/classes/")

    page.get_by_label("Class name").fill("Monday class")
    page.get_by_label("Number of seats").fill("2")
    page.get_by_label("Language of the class").select_option("en")
    page.get_by_test_id("class-create").click()
    page.wait_for_url(re.compile(r"/en/classes/[A-Z0-9]+/$"))
    classroom = Classroom.objects.get(name="Monday class")
    assert classroom.seats.count() == 2

    page.goto(f"/en/classes/{classroom.code}/join-card/")
    expect(page.get_by_role("img", name="QR code of the join link of Monday class")).to_be_visible()
    join_link = page.get_by_test_id("join-link").inner_text()
    assert join_link == f"{live_server.url}/en/join/{classroom.code}/"
    join_path = join_link.removeprefix(live_server.url)

    with other_browser(browser, live_server, page_checks) as maria:
        badge = join(maria, join_path, "Maria")
        expect(badge).to_have_attribute("data-seat", "1")
        expect(badge).to_contain_text("Monday class · seat 1")
        expect(badge).to_contain_text("Maria")
    with other_browser(browser, live_server, page_checks) as pedro:
        badge = join(pedro, join_path, "Pedro")
        expect(badge).to_have_attribute("data-seat", "2")
        expect(badge).to_contain_text("Pedro")

    page.goto("/en/classes/")
    expect(page.get_by_test_id("class-seats")).to_have_text("2 of 2")


def test_a_second_browser_with_a_taken_name_is_let_in_by_the_trainer(
    page, browser, live_server, page_checks, browser_sample_data, trainer_credentials
):
    """ "Is this you?", the request, the trainer's board and the waiting page, each checked
    by axe; then the trainer's own preview of the join page, which takes no seat."""
    from classes.services import class_create

    classroom = class_create(name="Rejoin class", seat_count=2, language="en")
    join_path = f"/en/join/{classroom.code}/"
    with other_browser(browser, live_server, page_checks) as laptop:
        join(laptop, join_path, "Lucía")
        expect(laptop.get_by_test_id("seat-rejoin-code")).to_be_visible()
    with other_browser(browser, live_server, page_checks) as phone:
        phone.goto(join_path)
        phone.get_by_label("Your name").fill("LUCÍA")
        phone.get_by_test_id("join-submit").click()
        expect(phone.get_by_test_id("join-taken")).to_contain_text("Lucía")
        phone.get_by_test_id("join-ask").click()
        code = phone.get_by_test_id("join-request-code").inner_text()

        trainer_signs_in(page, trainer_credentials, f"/en/classes/{classroom.code}/")
        row = page.locator('[data-testid="seat-row"][data-seat="1"]')
        expect(row.get_by_test_id("seat-rejoin-request")).to_have_attribute("data-code", code)
        row.get_by_test_id("seat-rejoin-approve").click()
        expect(page.get_by_test_id("flash-message")).to_contain_text("may now continue")

        phone.get_by_test_id("join-waiting-continue").click()
        phone.wait_for_url("**/en/")
        expect(phone.get_by_test_id("seat-badge")).to_have_attribute("data-seat", "1")
        expect(phone.get_by_test_id("seat-badge")).to_contain_text("Lucía")

    page.goto(join_path)
    expect(page.get_by_test_id("join-preview")).to_be_visible()
    expect(page.get_by_test_id("join-submit")).to_be_disabled()
    page.goto(f"/en/classes/{classroom.code}/")
    expect(page.get_by_test_id("seat-badge")).to_have_count(0)
