"""The sandbox's today: sample dates and billing periods are counted from it.

Every seat has a clock of its own (`Seat.today`, moved by `sandbox/clock.py`); until it is
moved, and always in the default seat, a seat's today is the start date: `SANDBOX_TODAY` when
configured, else the real date. Whatever reads "today" calls `sandbox_today()`.
"""

import calendar
import datetime

from django.conf import settings
from django.utils import timezone

from seats.scope import current_seat_today


def sandbox_start() -> datetime.date:
    """The start date: `SANDBOX_TODAY` when configured (trainers' material stays true), else
    the real date. The sample data is dated from it; a seat's clock never goes before it."""
    return settings.SANDBOX_TODAY or timezone.localdate()


# How far a seat's clock goes: from the start date to this many years after it. A move replays
# what happens on the way, so the window bounds the work of one request (docs/clock.md,
# docs/performance.md); every date the sandbox takes from a person lies in it.
CLOCK_WINDOW_YEARS = 2


def sandbox_last_day() -> datetime.date:
    """The last date a seat's clock may show: `CLOCK_WINDOW_YEARS` after the start date."""
    return months_later(sandbox_start(), 12 * CLOCK_WINDOW_YEARS)


def in_clock_window(day: datetime.date) -> bool:
    """Whether `day` lies in the clock's window, from the start date to `sandbox_last_day()`."""
    return sandbox_start() <= day <= sandbox_last_day()


def sandbox_today() -> datetime.date:
    """Today in the seat the code works in: its clock when moved, else the start date. Costs
    no query in a request (the seat's clock comes with the seat the middleware read)."""
    return current_seat_today() or sandbox_start()


def seat_today(seat) -> datetime.date:
    """Today in `seat` (a Seat read from the database), from anywhere."""
    return seat.today or sandbox_start()


def months_later(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` calendar months later (the month's last day when it is shorter:
    31 January + 1 month = 28 or 29 February)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )
