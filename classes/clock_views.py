"""The trainer moves the clock of a seat of the class, from the seat's page: POST, then
back to the seat's page with a message, or the seat's page again with why the move was refused
(`sandbox/clock.py` does the moving)."""

from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sandbox.clock_views import clock_form_apply
from sandbox.forms import ClockForm
from sandbox.views import trainer_only

from .board_views import class_seat_or_404, classroom_or_404, seat_page_url
from .seat_views import seat_page_render


@trainer_only
@require_POST
def seat_clock(request, code, number):
    """Move one seat's clock: a button's step or the date given (`ClockForm`), then back to
    the seat's page; refused, the seat's page again with why under the clock, answered 400."""
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
        return redirect(seat_page_url(seat))
    return seat_page_render(request, classroom, seat, clock_form=form, status=400)
