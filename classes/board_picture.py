"""The board's picture, for the class on the projector: how many seats reached each outcome
of the article's tables (a bar each), and a square per seat that says who is stuck.

The figures and the geometry are computed here, from the board's rows (no query of its own);
`classes/_board_picture.html` draws them as an inline SVG, with a title, a description and
text labels, so it needs no JavaScript and a screen reader reads the same facts.
"""

import datetime
from dataclasses import dataclass

from accounts.decisions import Outcome

from .board import SeatRow, seat_is_stuck

# A seat counts as stuck in the picture after this many minutes without activity, unless the
# trainer's "stuck" filter says otherwise.
STUCK_MINUTES = 10
# The names of the stuck seats written under the squares; the others are counted.
STUCK_NAMES_SHOWN = 5

# Geometry, in the SVG's own units (its viewBox; the page scales it to the screen's width).
WIDTH = 1200
BAR_SLOT = 64  # one outcome's column
BAR_WIDTH = 40
BAR_TOP = 34  # the tallest bar's top (its count is written above it)
BAR_BASE = 96  # where every bar stands (its outcome id is written below it)
SQUARES_X = 640
SQUARE = 24
SQUARE_GAP = 4
SQUARES_PER_LINE = 20
SQUARES_TOP = 22


@dataclass(frozen=True)
class OutcomeBar:
    """One outcome: how many seats reached it, drawn as a bar of its slot."""

    outcome: Outcome
    seats: int
    x: int
    y: int
    height: int

    @property
    def label_x(self) -> int:
        return self.x + BAR_WIDTH // 2


@dataclass(frozen=True)
class SeatSquare:
    """One seat of the class: free, working, or stuck, with its number as a label."""

    row: SeatRow
    stuck: bool
    x: int
    y: int

    @property
    def state(self) -> str:
        if self.stuck:
            return "stuck"
        return "free" if self.row.seat.last_activity_at is None else "working"

    @property
    def label_x(self) -> int:
        return self.x + SQUARE // 2

    @property
    def label_y(self) -> int:
        return self.y + SQUARE // 2 + 5


@dataclass(frozen=True)
class BoardPicture:
    seats: int  # every seat of the class
    bars: list[OutcomeBar]
    squares: list[SeatSquare]
    stuck: list[SeatRow]  # longest without activity first
    stuck_minutes: int
    height: int

    @property
    def width(self) -> int:
        return WIDTH

    @property
    def bar_base(self) -> int:
        return BAR_BASE

    @property
    def bar_width(self) -> int:
        return BAR_WIDTH

    @property
    def bar_track_height(self) -> int:
        return BAR_BASE - BAR_TOP

    @property
    def bar_top(self) -> int:
        return BAR_TOP

    @property
    def count_y(self) -> int:
        return BAR_TOP - 5

    @property
    def outcome_label_y(self) -> int:
        return BAR_BASE + 16

    @property
    def square(self) -> int:
        return SQUARE

    @property
    def squares_x(self) -> int:
        return SQUARES_X

    @property
    def stuck_names(self) -> list[SeatRow]:
        return self.stuck[:STUCK_NAMES_SHOWN]

    @property
    def stuck_more(self) -> int:
        return max(len(self.stuck) - STUCK_NAMES_SHOWN, 0)

    @property
    def stuck_line_y(self) -> int:
        return self.height - 6


def outcome_counts(rows: list[SeatRow]) -> dict[Outcome, int]:
    """Outcome -> how many of these seats reached it, in the order of the article's tables."""
    return {outcome: sum(1 for row in rows if outcome.value in row.reached) for outcome in Outcome}


def stuck_seats(
    rows: list[SeatRow], *, minutes: int, now: datetime.datetime | None = None
) -> list[SeatRow]:
    """The seats stuck for `minutes` (`board.seat_is_stuck`), the longest without activity
    first, then by number."""
    stuck = [row for row in rows if seat_is_stuck(row, minutes=minutes, now=now)]
    return sorted(stuck, key=lambda row: (row.seat.last_activity_at, row.seat.number))


def board_picture(
    rows: list[SeatRow],
    *,
    stuck_minutes: int | None = None,
    now: datetime.datetime | None = None,
) -> BoardPicture:
    """The picture of the whole class (`rows`: every seat, whatever the board's filters)."""
    minutes = stuck_minutes or STUCK_MINUTES
    stuck = stuck_seats(rows, minutes=minutes, now=now)
    stuck_ids = {row.seat.pk for row in stuck}
    total = len(rows)
    track = BAR_BASE - BAR_TOP
    bars = []
    for index, (outcome, seats) in enumerate(outcome_counts(rows).items()):
        height = round(track * seats / total) if total else 0
        bars.append(
            OutcomeBar(
                outcome=outcome,
                seats=seats,
                x=index * BAR_SLOT + (BAR_SLOT - BAR_WIDTH) // 2,
                y=BAR_BASE - height,
                height=height,
            )
        )
    step = SQUARE + SQUARE_GAP
    squares = [
        SeatSquare(
            row=row,
            stuck=row.seat.pk in stuck_ids,
            x=SQUARES_X + (index % SQUARES_PER_LINE) * step,
            y=SQUARES_TOP + (index // SQUARES_PER_LINE) * step,
        )
        for index, row in enumerate(rows)
    ]
    lines = max((total + SQUARES_PER_LINE - 1) // SQUARES_PER_LINE, 1)
    squares_bottom = SQUARES_TOP + lines * step
    height = max(BAR_BASE + 24, squares_bottom) + 22
    return BoardPicture(
        seats=total,
        bars=bars,
        squares=squares,
        stuck=stuck,
        stuck_minutes=minutes,
        height=height,
    )
