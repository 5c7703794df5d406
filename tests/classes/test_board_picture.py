"""The board's picture of the class: how many seats reached each outcome, and who is stuck,
from the board's rows, and drawn as an accessible inline SVG on the board."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.decisions import Outcome
from classes.board import SeatRow
from classes.board_picture import STUCK_MINUTES, board_picture, outcome_counts, stuck_seats
from classes.models import OutcomeReached
from seats.models import Seat

NOW = datetime.datetime(2026, 11, 20, 8, 0, tzinfo=datetime.UTC)


def row(number, *, reached=(), idle_minutes=None, name=""):
    """A board row of seat `number`, its last activity `idle_minutes` before NOW (None: never
    used), having reached `reached`."""
    last = NOW - datetime.timedelta(minutes=idle_minutes) if idle_minutes is not None else None
    seat = Seat(pk=number, number=number, display_name=name, last_activity_at=last)
    return SeatRow(seat=seat, reached=dict.fromkeys(reached, NOW))


def test_the_counts_are_the_seats_that_reached_each_outcome_in_the_tables_order():
    rows = [
        row(1, reached=["BC-1", "AC-1"]),
        row(2, reached=["BC-2", "BC-2a"]),
        row(3, reached=["BC-1"]),
        row(4),
    ]
    counts = outcome_counts(rows)
    assert list(counts) == list(Outcome)
    assert counts == {
        Outcome.BC_1: 2,
        Outcome.BC_2: 1,
        Outcome.BC_2A: 1,
        Outcome.BC_2B: 0,
        Outcome.BC_2C: 0,
        Outcome.AC_1: 1,
        Outcome.AC_2: 0,
        Outcome.AC_3: 0,
        Outcome.AC_3C: 0,
    }
    picture = board_picture(rows, now=NOW)
    assert [(bar.outcome, bar.seats) for bar in picture.bars] == list(counts.items())
    # A bar's height is its share of the class: two seats of four, half the full bar.
    [bc_1] = [bar for bar in picture.bars if bar.outcome == Outcome.BC_1]
    assert bc_1.height == round(picture.bar_track_height / 2)
    assert bc_1.y + bc_1.height == picture.bar_base


def test_stuck_are_seats_in_use_idle_for_the_minutes_longest_idle_first():
    rows = [
        row(1, idle_minutes=12, name="Maria"),
        row(2, idle_minutes=3),
        row(3),  # never used: free, not stuck
        row(4, idle_minutes=40, name="João"),
        row(5, idle_minutes=STUCK_MINUTES),
    ]
    assert [r.seat.number for r in stuck_seats(rows, minutes=10, now=NOW)] == [4, 1, 5]
    assert [r.seat.number for r in stuck_seats(rows, minutes=30, now=NOW)] == [4]

    picture = board_picture(rows, now=NOW)
    assert picture.stuck_minutes == STUCK_MINUTES
    assert [r.seat.number for r in picture.stuck] == [4, 1, 5]
    assert {square.row.seat.number: square.state for square in picture.squares} == {
        1: "stuck",
        2: "working",
        3: "free",
        4: "stuck",
        5: "stuck",
    }
    # The trainer's "stuck" filter sets the picture's minutes too.
    assert [r.seat.number for r in board_picture(rows, stuck_minutes=2, now=NOW).stuck] == [
        4,
        1,
        5,
        2,
    ]


def test_a_long_stuck_list_names_the_first_and_counts_the_rest():
    rows = [row(n, idle_minutes=60 + n) for n in range(1, 10)]
    picture = board_picture(rows, now=NOW)
    assert [r.seat.number for r in picture.stuck_names] == [9, 8, 7, 6, 5]
    assert picture.stuck_more == 4


def test_sixty_seats_fit_three_lines_of_squares():
    picture = board_picture([row(n) for n in range(1, 61)], now=NOW)
    assert len({square.y for square in picture.squares}) == 3
    assert max(square.x for square in picture.squares) + picture.square <= picture.width
    assert all(bar.height == 0 for bar in picture.bars)


@pytest.mark.django_db
def test_the_board_draws_the_picture_as_an_accessible_svg(trainer_client, classroom):
    one, two, _three = classroom.seats.order_by("number")
    OutcomeReached.objects.create(seat=one, outcome="BC-1")
    OutcomeReached.objects.create(seat=two, outcome="BC-1")
    Seat.objects.filter(pk=two.pk).update(
        display_name="Maria", last_activity_at=timezone.now() - datetime.timedelta(minutes=30)
    )
    content = trainer_client.get(
        reverse("classes:board", kwargs={"code": classroom.code})
    ).content.decode()
    figure = content.split('data-testid="board-picture"')[1].split("</figure>")[0]
    assert 'data-stuck="2"' in figure
    assert 'role="img" aria-labelledby="board-picture-title board-picture-desc"' in figure
    assert '<title id="board-picture-title">The class at a glance</title>' in figure
    desc = re.search(r'<desc id="board-picture-desc">(.*?)</desc>', figure, re.S).group(1)
    assert "BC-1: 2 seats of 3." in desc and "BC-2: 0 seats of 3." in desc
    assert "Stuck: seat 2 (Maria)" in desc
    assert 'data-outcome-id="BC-1" data-seats="2"' in figure
    assert "data-outcome=" not in figure  # only outcome pages carry data-outcome
    assert 'data-seat-number="2" data-state="stuck"' in figure
    assert figure.count("data-seat=") == 0  # [data-seat] on the board picks its rows only
    assert "<script" not in content
