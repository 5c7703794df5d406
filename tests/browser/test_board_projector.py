"""A class's board and join card on a projector, 1280 x 720, in each language, measured in
Chromium: every outcome column without sideways scrolling, 20 seats within two screens, 60
seats in the same compact rows, and the join card's QR code, link and code on the first
screen. Every seat is as full as a busy class makes it (a name, personas signed in, a lock,
orders, a starting state, a moved clock, every outcome reached)."""

import datetime

from django.urls import reverse
from django.utils import timezone, translation
from playwright.sync_api import expect

from accounts.decisions import Outcome
from classes.models import OutcomeReached, PersonaSignedIn
from classes.services import class_create
from corp_portal.models import PortalLogin
from sandbox.sample_data import PERSONAS
from seats.models import Seat
from seats.scope import seat_scope
from tests.browser.trainer import trainer_signs_in

WIDTH, HEIGHT = 1280, 720
NAMES = ["María José Fernández-Castillo", "João Pedro", "Li", "Anne-Sophie Vandenberghe"]


def busy_class(seats: int):
    """A class whose every seat fills every column of its row."""
    classroom = class_create(name="Projector class", seat_count=seats, language="en")
    now = timezone.now()
    for seat in classroom.seats.all():
        Seat.objects.filter(pk=seat.pk).update(
            display_name=f"{NAMES[seat.number % len(NAMES)]} {seat.number}",
            last_activity_at=now - datetime.timedelta(minutes=seat.number),
            state="acme-no-billing-admin",
            today=datetime.date(2026, 12, 3),
        )
        OutcomeReached.objects.bulk_create(
            OutcomeReached(seat=seat, outcome=outcome, reached_at=now) for outcome in Outcome
        )
        PersonaSignedIn.objects.bulk_create(
            PersonaSignedIn(seat=seat, email=persona.email) for persona in PERSONAS[:4]
        )
        with seat_scope(seat):
            PortalLogin.objects.update(locked_until=now + datetime.timedelta(minutes=30))
    return classroom


def sign_in_trainer(page, trainer_credentials):
    page.set_viewport_size({"width": WIDTH, "height": HEIGHT})
    trainer_signs_in(page, trainer_credentials)


def board_figures(page) -> dict:
    """What the projector shows of the board, in CSS pixels of the page."""
    return page.evaluate(
        """() => {
            const rows = [...document.querySelectorAll('[data-testid="seat-row"]')];
            const columns = document.querySelectorAll('th.outcome-id');
            const box = (el) => el.getBoundingClientRect();
            return {
                scrollWidth: document.scrollingElement.scrollWidth,
                lastColumnRight: box(columns[columns.length - 1]).right,
                rows: rows.length,
                lastRowBottom: box(rows[rows.length - 1]).bottom + window.scrollY,
                tallestRow: Math.max(...rows.map((row) => box(row).height)),
                fontSize: parseFloat(getComputedStyle(rows[0]).fontSize),
            };
        }"""
    )


def test_the_board_of_20_seats_fits_two_screens_of_a_projector_in_each_language(
    page, browser_sample_data, trainer_credentials
):
    classroom = busy_class(20)
    sign_in_trainer(page, trainer_credentials)
    for language in ("en", "es", "pt-br"):
        with translation.override(language):
            page.goto(reverse("classes:board", kwargs={"code": classroom.code}))
        expect(page.get_by_test_id("seat-row")).to_have_count(20)
        expect(page.locator('[data-testid="seat-row"][data-seat="20"]')).to_have_attribute(
            "data-outcomes", " ".join(Outcome.values)
        )
        figures = board_figures(page)
        assert figures["scrollWidth"] <= WIDTH, (language, figures)
        assert figures["lastColumnRight"] <= WIDTH, (language, figures)
        assert figures["lastRowBottom"] <= 2 * HEIGHT, (language, figures)
        expect(page.get_by_test_id("board-picture")).to_be_visible()

        with translation.override(language):
            page.goto(reverse("classes:join-card", kwargs={"code": classroom.code}))
        card = page.evaluate(
            """() => {
                const bottom = (el) => el.getBoundingClientRect().bottom;
                const card = document.querySelector('[data-testid="join-card"]');
                return {qr: bottom(card.querySelector('[data-testid="join-qr"]')),
                        link: bottom(card.querySelector('[data-testid="join-link"]')),
                        code: bottom(card.querySelector('.lead strong')),
                        scrollWidth: document.scrollingElement.scrollWidth};
            }"""
        )
        assert max(card["qr"], card["link"], card["code"]) <= HEIGHT, (language, card)
        assert card["scrollWidth"] <= WIDTH, (language, card)


def test_the_board_of_60_seats_keeps_its_compact_readable_rows(
    page, browser_sample_data, trainer_credentials
):
    classroom = busy_class(60)
    sign_in_trainer(page, trainer_credentials)
    page.goto(reverse("classes:board", kwargs={"code": classroom.code}))
    expect(page.get_by_test_id("seat-row")).to_have_count(60)
    figures = board_figures(page)
    assert figures["scrollWidth"] <= WIDTH, figures
    assert figures["lastColumnRight"] <= WIDTH, figures
    assert figures["tallestRow"] <= 36, figures  # one line a seat
    assert figures["fontSize"] >= 12, figures  # still read from the back of the room
    # The picture counts every seat: 60 reached each outcome.
    bars = page.get_by_test_id("board-picture-bar")
    expect(bars).to_have_count(len(Outcome))
    expect(bars.first).to_have_attribute("data-seats", "60")
