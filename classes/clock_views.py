"""The trainer moves the clock of a seat of the class, from the class's board: POST, then
back to the board with a message, or the board again with why the move was refused
(`sandbox/clock.py` does the moving)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sandbox.clock_views import clock_form_apply
from sandbox.forms import ClockForm
from sandbox.views import trainer_only

from .board_views import board_page, class_seat_or_404, classroom_or_404


@trainer_only
@require_POST
def seat_clock(request, code, number):
    """Move one seat's clock: a button's step or the date given (`ClockForm`), then back to
    the board; refused, the board again with why on that seat's row, answered 400."""
    classroom = classroom_or_404(code)
    seat = class_seat_or_404(classroom, number)
    form = ClockForm(request.POST)
    if clock_form_apply(
        request,
        seat=seat,
        form=form,
        moved_message=_("The clock of seat %(number)s is now at %(date)s."),
        number=seat.number,
    ):
        return redirect("classes:board", code=classroom.code)
    for errors in form.errors.values():  # also above the board, whichever row is refused
        for error in errors:
            messages.error(
                request,
                _("The clock of seat %(number)s did not move: %(why)s")
                % {"number": seat.number, "why": error},
            )
    return board_page(request, classroom, clock_refused=(seat.number, form), status=400)
