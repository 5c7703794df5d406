"""Two trainees of one class, each in their own seat, both playing Ana, in two real browsers:
what one does (an order, five typos, a reset of their seat) changes nothing for the other.

Each browser enters its seat by the seat's join URL (`seats:enter`) and signs in as the
README says; the tests wait on what the pages show (data-outcome, data-testid, headings).
"""

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import expect

from sandbox.sample_data import PERSONAS_BY_KEY

ANA = PERSONAS_BY_KEY["ana"].email
RS5 = "bc-subscription-gotoassist-rs5"


@pytest.fixture
def two_seats(browser_sample_data):
    """The two seats of a class, each with its own copy of the sample world."""
    from classes.services import class_create

    classroom = class_create(name="Billing contacts", seat_count=2, language="en")
    return list(classroom.seats.order_by("number"))


def enter(page, seat) -> None:
    """Open the seat's join URL: the browser is in the seat from then on (its badge says so)."""
    page.goto(reverse("seats:enter", args=[seat.token]))
    expect(page.get_by_test_id("seat-badge")).to_have_attribute("data-seat", str(seat.number))


def sign_in(page, password=settings.SANDBOX_PASSWORD) -> None:
    page.goto(f"/en/billing/sign-in/?email={ANA}")
    page.locator("input[name=password]").fill(password)
    page.get_by_test_id("sign-in-submit").click()


def signed_in_on_subscriptions(page) -> None:
    sign_in(page)
    expect(page.locator("body")).to_have_attribute("data-outcome", "BC-1")


def ana_in(new_page, seat):
    page = new_page()
    enter(page, seat)
    signed_in_on_subscriptions(page)
    return page


def licenses(page) -> str:
    page.goto("/en/billing/subscriptions/")
    expect(page.locator("body")).to_have_attribute("data-outcome", "BC-1")
    return page.get_by_test_id(RS5).get_by_test_id("bc-licenses").inner_text()


def mailbox(page) -> list[str]:
    page.goto("/en/mailbox/")
    expect(page.get_by_test_id("mailbox-list")).to_be_visible()
    return page.get_by_test_id("mailbox-message-link").all_inner_texts()


def activity(page) -> list[str]:
    page.goto("/en/billing/activity/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    return page.locator("[data-testid^=bc-activity-]").all_inner_texts()


def place_order(page, quantity: int) -> None:
    """Billing Center -> Subscriptions -> Add Agents -> Add to Cart -> Proceed to Checkout ->
    Place Order, as a trainee does."""
    page.goto("/en/billing/subscriptions/")
    page.get_by_test_id(RS5).get_by_test_id("bc-add-licenses").click()
    page.locator("input[name=quantity]").fill(str(quantity))
    page.get_by_test_id("bc-add-to-cart").click()
    page.get_by_test_id("bc-proceed-to-checkout").click()
    expect(page.get_by_test_id("bc-order-summary")).to_be_visible()
    page.get_by_test_id("bc-place-order").click()
    expect(page.locator("body")).to_have_attribute("data-outcome", "BC-1")
    expect(page.get_by_test_id("flash-message")).to_be_visible()


def test_an_order_in_one_seat_leaves_the_other_seat_as_it_was(new_page, two_seats):
    first, second = two_seats
    ana1, ana2 = ana_in(new_page, first), ana_in(new_page, second)
    before = licenses(ana2), mailbox(ana2), activity(ana2)
    assert before[0] == licenses(ana1) == "10"

    place_order(ana1, 2)

    assert licenses(ana1) == "12"
    assert len(mailbox(ana1)) == len(before[1]) + 1  # the order confirmation, in seat 1
    assert (licenses(ana2), mailbox(ana2), activity(ana2)) == before


def test_a_lockout_in_seat_1_leaves_seat_2_signing_in(new_page, two_seats):
    first, second = two_seats
    typist = new_page()
    enter(typist, first)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(typist, password="typo")
    sign_in(typist)  # the right password, too late
    expect(typist.get_by_test_id("sign-in-locked")).to_be_visible()
    expect(typist.get_by_test_id("sign-in-locked-who")).to_contain_text(ANA)

    other = new_page()
    enter(other, second)
    signed_in_on_subscriptions(other)


def test_resetting_seat_1_keeps_seat_2_s_order(new_page, two_seats):
    first, second = two_seats
    ana1, ana2 = ana_in(new_page, first), ana_in(new_page, second)
    place_order(ana1, 1)
    place_order(ana2, 3)
    orders_mailed = mailbox(ana2)

    # The trainee of seat 1 presses "Reset my seat" in the header, then confirms.
    ana1.get_by_test_id("my-seat-reset").click()
    expect(ana1.get_by_test_id("my-seat-reset-form")).to_be_visible()
    ana1.get_by_test_id("my-seat-reset-confirm").click()
    expect(ana1.get_by_test_id("flash-message")).to_be_visible()
    expect(ana1.get_by_test_id("seat-badge")).to_have_attribute("data-seat", str(first.number))

    # Seat 1 is the sample world again: its Ana signs in anew, with the sample's 10 licenses.
    ana1.goto("/en/billing/subscriptions/")
    expect(ana1.get_by_test_id("sign-in-submit")).to_be_visible()
    signed_in_on_subscriptions(ana1)
    assert licenses(ana1) == "10"
    # Seat 2 still has its order, its mail, and its Ana still signed in.
    assert licenses(ana2) == "13"
    assert mailbox(ana2) == orders_mailed


def test_the_trainer_s_sign_in_asks_a_browser_in_a_seat_to_leave_it(
    new_page, two_seats, trainer_credentials
):
    """The trainer, in a trainee's seat (a borrowed laptop), opens the trainer's sign-in: it
    says to leave the seat first; Leave seat brings the sign-in back, outside every seat."""
    page = new_page()
    enter(page, two_seats[0])
    page.goto("/en/django-admin/login/?next=/en/lockouts/")
    expect(page.get_by_test_id("trainer-sign-in-in-seat")).to_contain_text("Billing contacts")
    page.get_by_test_id("trainer-sign-in-leave-seat").click()
    page.wait_for_url("**/en/django-admin/login/?next=/en/lockouts/")
    expect(page.get_by_test_id("seat-badge")).to_have_count(0)
    email, password = trainer_credentials
    page.locator("#id_username").fill(email)
    page.locator("#id_password").fill(password)
    page.locator("input[type=submit]").click()
    page.wait_for_url("**/en/lockouts/")
    expect(page.get_by_test_id("lockout-none")).to_be_visible()
