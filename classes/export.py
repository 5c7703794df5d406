"""The board as CSV: the page's columns, one line per seat, times in ISO 8601."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.decisions import Outcome

from .board import SeatRow

# A cell starting with one of these is a formula to a spreadsheet: a trainee's display name
# such as "=HYPERLINK(...)" is written as text instead.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_text(value: str) -> str:
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def csv_time(value: datetime.datetime | None) -> str:
    return timezone.localtime(value).isoformat(timespec="seconds") if value else ""


def board_csv_header() -> list[str]:
    return [
        _("Seat"),
        _("Trainee"),
        _("Last activity"),
        _("Personas signed in"),
        _("Locked personas"),
        _("Orders placed"),
        _("Of them in the portal"),
        *(outcome.value for outcome in Outcome),
    ]


def board_csv_line(row: SeatRow) -> list:
    return [
        row.seat.number,
        csv_text(row.seat.display_name),
        csv_time(row.seat.last_activity_at),
        "; ".join(row.persona_names),
        "; ".join(row.locked_names),
        row.orders,
        row.service_orders,
        *(csv_time(reached_at) for _outcome, reached_at in row.outcome_cells),
    ]


def board_csv_write(rows: list[SeatRow], writer) -> None:
    """Write the header and a line per row with a `csv.writer`."""
    writer.writerow(board_csv_header())
    for row in rows:
        writer.writerow(board_csv_line(row))
