"""A clock per seat: move a seat's "today" forward (a day, a month, to the next renewal, to any
date) or back, with what time brings on the way.

Moving forward passes the days between the seat's today and the new one, in date order, and
on each day asks every part of the sandbox what happens then, in one order:

1. the domain (`accounts.services.accounts_day_pass`): a subscription pending cancellation
   ends at the end of its term;
2. the Billing Center (`billing_center.services.billing_center_day_pass`): a subscription
   renews on its renewal date, the card on file is charged, an invoice is issued and emailed
   to the billing admin; an expired card is declined (a notice email, no invoice);
3. the Corporate Billing Portal (`corp_portal.services.corp_portal_day_pass`): corporate
   subscriptions renew, and on the 1st of the month the monthly invoice is issued and emailed
   to the holder of the portal login, with the User ID.

Only the days when something happens are visited (each part says its next one), and on such a
day only the parts whose next day it is pass it, so a move costs what happens on the way, not
one query per day. The clock stays in a window (`accounts.clock.in_clock_window`: from the
start date to `CLOCK_WINDOW_YEARS` after it), so the longest move is bounded work:
`bench/clock.py` measures it. Every event changes the rows that
made it due, so passing a day twice adds nothing. Moving back restores the seat's start
(`seat_start_restore`) and passes the days again up to the new today. The default seat's
clock never moves: it is the sandbox everyone shares.
"""

import datetime
import enum

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.clock import (
    CLOCK_WINDOW_YEARS,
    months_later,
    sandbox_last_day,
    sandbox_start,
    seat_today,
)
from accounts.services import accounts_day_pass, accounts_next_event
from billing_center.services import (
    billing_center_day_pass,
    billing_center_next_event,
    renewal_next,
)
from corp_portal.services import corp_portal_day_pass, corp_portal_next_event
from seats.models import Seat
from seats.scope import seat_scope

from .states import seat_state_apply
from .worlds import seat_reset

# What happens on a day, in the order it happens; each with the function naming its next day.
# A part's pass changes nothing an earlier part reads (the domain ends subscriptions before the
# centers renew them; the centers bill different accounts), so after a day only the next days
# of the first part that passed it and of the parts after it are asked again.
DAY_PASSES = [
    (accounts_next_event, accounts_day_pass),
    (billing_center_next_event, billing_center_day_pass),
    (corp_portal_next_event, corp_portal_day_pass),
]


class ClockStep(enum.StrEnum):
    """The clock's buttons."""

    DAY = "day"
    MONTH = "month"
    RENEWAL = "renewal"
    START = "start"


def seat_clock_movable(seat: Seat) -> bool:
    """Every seat's clock moves but the default seat's (the sandbox everyone shares)."""
    return not seat.is_default


def seat_clock_moved_by_its_person(seat: Seat | None) -> bool:
    """Whether the person in `seat` moves its clock themselves: in a seat of no class (a
    self-paced or API seat). A class's seats are moved by the trainer, on the class's board."""
    return seat is not None and seat_clock_movable(seat) and seat.classroom_id is None


def seat_clock_form_move(*, seat: Seat, step: str, today: datetime.date | None) -> Seat:
    """What the clock's forms ask (`sandbox.forms.ClockForm`): a button's step, else the date."""
    if step:
        return seat_clock_step(seat=seat, step=step)
    return seat_clock_move(seat=seat, today=today)


def seat_clock_target(*, seat: Seat, step: str) -> datetime.date:
    """The date a button moves the seat's clock to: a day or a calendar month later, the next
    renewal of a subscription billed in the Billing Center, or the start."""
    today = seat_today(seat)
    if step == ClockStep.DAY:
        return today + datetime.timedelta(days=1)
    if step == ClockStep.MONTH:
        return months_later(today, 1)
    if step == ClockStep.START:
        return sandbox_start()
    if step == ClockStep.RENEWAL:
        with seat_scope(seat):
            renewal = renewal_next(after=today)
        if renewal is None:
            raise ValidationError(_("No subscription renews in this seat."), code="no_renewal")
        return renewal
    raise ValueError(f"Unknown clock step {step!r}")


def clock_window_refusal(today: datetime.date) -> ValidationError | None:
    """Why `today` is outside the clock's window (before the start date, or later than
    `CLOCK_WINDOW_YEARS` after it), or None when the clock may show it. The clock's forms, the
    API's serializer and the service ask it."""
    start, last = sandbox_start(), sandbox_last_day()
    if today < start:
        return ValidationError(
            _("The clock cannot go before the start, %(start)s.") % {"start": start.isoformat()},
            code="before_start",
        )
    if today > last:
        return ValidationError(
            _("The clock cannot go past %(last)s, %(years)s years after the start.")
            % {"last": last.isoformat(), "years": CLOCK_WINDOW_YEARS},
            code="after_window",
        )
    return None


def seat_clock_check(*, seat: Seat, today: datetime.date) -> None:
    """Refuse a move the clock cannot make: the default seat's, or outside the clock's window
    (that refusal is about the date: `{"today": ...}`)."""
    if not seat_clock_movable(seat):
        raise ValidationError(_("The default seat's clock does not move."), code="default_seat")
    refusal = clock_window_refusal(today)
    if refusal is not None:
        raise ValidationError({"today": refusal})


@transaction.atomic
def seat_clock_move(*, seat: Seat, today: datetime.date) -> Seat:
    """Move `seat`'s clock to `today`, forward or back, with what time brings on the way."""
    seat_clock_check(seat=seat, today=today)
    seat = Seat.objects.select_for_update(no_key=True).get(pk=seat.pk)  # seats.scope.seat_lock
    if today < seat_today(seat):
        seat = seat_start_restore(seat=seat)
    days_pass(seat=seat, since=seat_today(seat), until=today)
    seat.today = None if today == sandbox_start() else today
    seat.save(update_fields=["today"])
    return seat


def seat_clock_step(*, seat: Seat, step: str) -> Seat:
    """Press one of the clock's buttons (`ClockStep`)."""
    return seat_clock_move(seat=seat, today=seat_clock_target(seat=seat, step=step))


def days_pass(*, seat: Seat, since: datetime.date, until: datetime.date) -> list[datetime.date]:
    """Pass the days after `since` up to `until` in `seat`, in date order, visiting those when
    something happens (`DAY_PASSES`): on each, the parts whose next day it is pass it, in
    their order (a part's next day names every day its pass has work). Each day runs at that
    date (`sandbox_today()` is the day, in emails too). Returns the days visited."""
    visited = []
    day = since
    upcoming: list[datetime.date | None] = [None] * len(DAY_PASSES)
    stale = 0  # the first part whose next day is to be asked again
    while True:
        with seat_scope(seat, today=day):
            for index in range(stale, len(DAY_PASSES)):
                upcoming[index] = DAY_PASSES[index][0](after=day)
        day = min((due for due in upcoming if due is not None), default=None)
        if day is None or day > until:
            return visited
        passing = [index for index, due in enumerate(upcoming) if due == day]
        with seat_scope(seat, today=day):
            for index in passing:
                DAY_PASSES[index][1](day=day)
        stale = passing[0]
        visited.append(day)


def seat_start_restore(*, seat: Seat) -> Seat:
    """The seat as it was at its start: its clock at the start date and its world as its
    starting state made it (`sandbox.states`), or the sample data when it has none (both
    reset the seat, which signs its personas out). The one place a move back starts from."""
    if seat.state:
        return seat_state_apply(seat=seat, name=seat.state)
    return seat_reset(seat=seat)
