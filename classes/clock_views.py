"""The trainer moves the clock of a seat of the class, from the seat's page: POST, then
back to the seat's page with a message (`sandbox/clock.py` does the moving)."""

from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sandbox.clock_views import clock_form_apply
from sandbox.forms import ClockForm
from sandbox.views import trainer_only

from .board_views import class_seat_or_404, classroom_or_404, seat_page_url


@trainer_only
@require_POST
def seat_clock(request, code, number):
    """Move one seat's clock: a button's step or the date given (`ClockForm`)."""
    classroom = classroom_or_404(code)
    seat = class_seat_or_404(classroom, number)
    clock_form_apply(
        request,
        seat=seat,
        form=ClockForm(request.POST),
        moved_message=_("The clock of seat %(number)s is now at %(date)s."),
        number=seat.number,
    )
    return redirect(seat_page_url(seat))
