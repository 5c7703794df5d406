"""The page of one seat of a class (trainer only): what the board's row says of it, at
length, and every form the trainer uses on that seat (its starting state, its clock, its
faults, clearing its locks, resetting it, its exercises). The board keeps a compact row per
seat that links here; the forms post to their own views, which come back here."""

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from accounts.clock import sandbox_last_day
from accounts.decisions import Outcome
from sandbox.states import STATES
from sandbox.views import trainer_only

from .board import seat_row
from .board_views import class_seat_or_404, classroom_or_404, seat_page_url


@trainer_only
@require_GET
def seat_page(request, code, number):
    """Seat `number` of the class `code`; a number the class has not is a 404."""
    classroom = classroom_or_404(code)
    return seat_page_render(request, classroom, class_seat_or_404(classroom, number))


def seat_page_render(request, classroom, seat, *, clock_form=None, status: int = 200):
    """The seat's page, its times in the class's time zone; `clock_form`: a move of the seat's
    clock that was refused (`clock_views.seat_clock`), shown with why under its field."""
    row = seat_row(seat=seat, now=timezone.now())
    with timezone.override(classroom.time_zone):
        return render(
            request,
            "classes/seat.html",
            {
                "classroom": classroom,
                "seat": seat,
                "row": row,
                "outcomes": list(Outcome),
                "states": STATES,
                "seat_url": seat_page_url(seat),
                "clock_form": clock_form,
                "clock_last_day": sandbox_last_day(),
            },
            status=status,
        )
