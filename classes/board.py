"""The trainer's live board of a class: a row per seat, read for the whole class at once.

Every fact of the board comes from a handful of queries over all the class's seats (outcomes
reached, personas signed in, orders, lockouts), never from a query per seat, so the board of
60 seats costs what the board of one does. Seat-scoped rows (orders) are read through the
base manager, filtered by the class's seats: the board is the one page that looks across
seats, and only the trainer sees it.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils import timezone

from accounts.clock import seat_today
from accounts.decisions import Outcome
from accounts.models import PlacedOrder
from corp_portal.models import ServiceOrder
from sandbox.lockouts import Lockout, lockouts_active_by_seat
from sandbox.sample_data import PERSONAS
from sandbox.states import STATES_BY_NAME, StartingState
from seats.models import Classroom, Seat

from .models import OutcomeReached, PersonaSignedIn

# LogMeIn ID -> the persona's name, as the README's table gives it.
PERSONA_NAMES = {persona.email: f"{persona.first_name} {persona.last_name}" for persona in PERSONAS}


def persona_name(identity: str) -> str:
    """A persona's name for a LogMeIn ID; anything else (a portal User ID) as it is."""
    return PERSONA_NAMES.get(identity.lower(), identity)


@dataclass
class SeatRow:
    """One seat on the board: who sits there, what they did, and which outcomes they reached."""

    seat: Seat
    reached: dict[str, datetime.datetime] = field(default_factory=dict)  # outcome id -> first
    personas: list[str] = field(default_factory=list)  # LogMeIn IDs, first signed in first
    lockouts: list[Lockout] = field(default_factory=list)
    orders: int = 0  # every order placed, in either center
    service_orders: int = 0  # of them, Add Seats orders placed in the portal

    @property
    def is_free(self) -> bool:
        """Nobody has used the seat yet (a seat entered by its token URL has no name)."""
        return not self.seat.display_name and self.seat.last_activity_at is None

    @property
    def outcome_ids(self) -> list[str]:
        """The outcomes reached, in the order of the article's tables."""
        return [outcome.value for outcome in Outcome if outcome.value in self.reached]

    @property
    def outcome_cells(self) -> list[tuple[Outcome, datetime.datetime | None]]:
        """One cell per outcome of the tables: when the seat first reached it, or None."""
        return [(outcome, self.reached.get(outcome.value)) for outcome in Outcome]

    @property
    def today(self) -> datetime.date:
        """The seat's clock (the trainer moves it from the seat's page)."""
        return seat_today(self.seat)

    @property
    def starting_state(self) -> StartingState | None:
        """The starting state the seat was set to last; None: the plain sample world."""
        return STATES_BY_NAME.get(self.seat.state)

    @property
    def persona_names(self) -> list[str]:
        return [persona_name(email) for email in self.personas]

    @property
    def locked_names(self) -> list[str]:
        return [persona_name(lockout.identity) for lockout in self.lockouts]

    @property
    def locks(self) -> list[tuple[str, Lockout]]:
        """(the locked persona's name, the lock), for the seat's page."""
        return [(persona_name(lockout.identity), lockout) for lockout in self.lockouts]


def class_board(*, classroom: Classroom, now: datetime.datetime | None = None) -> list[SeatRow]:
    """Every seat of the class, by number, with what the board shows of it."""
    return seat_rows(seats=list(classroom.seats.all()), now=now)


def seat_row(*, seat: Seat, now: datetime.datetime | None = None) -> SeatRow:
    """One seat's row, for its own page: the same facts as on the board."""
    [row] = seat_rows(seats=[seat], now=now)
    return row


def seat_rows(*, seats: list[Seat], now: datetime.datetime | None = None) -> list[SeatRow]:
    """These seats, in this order, each with what the board shows of it."""
    rows = {seat.pk: SeatRow(seat=seat) for seat in seats}
    if not rows:
        return []
    ids = list(rows)
    for seat_id, outcome, reached_at in OutcomeReached.objects.filter(seat__in=ids).values_list(
        "seat_id", "outcome", "reached_at"
    ):
        rows[seat_id].reached[outcome] = reached_at
    for seat_id, email in (
        PersonaSignedIn.objects.filter(seat__in=ids)
        .order_by("signed_in_at", "pk")
        .values_list("seat_id", "email")
    ):
        rows[seat_id].personas.append(email)
    for seat_id, count in _count_by_seat(PlacedOrder, ids):
        rows[seat_id].orders = count
    for seat_id, count in _count_by_seat(ServiceOrder, ids):
        rows[seat_id].service_orders = count
    for seat_id, lockouts in lockouts_active_by_seat(seats=seats, now=now).items():
        rows[seat_id].lockouts = lockouts
    return list(rows.values())


def _count_by_seat(model, seat_ids):
    """(seat id, rows) of a seat-scoped model in these seats: one GROUP BY query."""
    return (
        model._base_manager.filter(seat__in=seat_ids)
        .order_by()
        .values("seat")
        .annotate(count=Count("pk"))
        .values_list("seat", "count")
    )


def seat_has_not_reached(row: SeatRow, outcome: Outcome) -> bool:
    """The board's filter "has not reached outcome X yet"."""
    return outcome.value not in row.reached


def seat_is_stuck(row: SeatRow, *, minutes: int, now: datetime.datetime | None = None) -> bool:
    """The board's filter "stuck": a seat someone works in (it has activity) whose last
    activity is `minutes` or more ago. A seat nobody has used yet is empty, not stuck."""
    last = row.seat.last_activity_at
    now = now or timezone.now()
    return last is not None and now - last >= datetime.timedelta(minutes=minutes)


def board_filter(
    rows: list[SeatRow],
    *,
    not_reached: Outcome | None = None,
    stuck_minutes: int | None = None,
    now: datetime.datetime | None = None,
) -> list[SeatRow]:
    """The rows the trainer's filters keep (both, when both are chosen)."""
    if not_reached is not None:
        rows = [row for row in rows if seat_has_not_reached(row, not_reached)]
    if stuck_minutes is not None:
        rows = [row for row in rows if seat_is_stuck(row, minutes=stuck_minutes, now=now)]
    return rows
