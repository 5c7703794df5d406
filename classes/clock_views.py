"""The trainer moves the clock of a seat of the class, from the seat's page: POST, then
back to the seat's page with a message, or the seat's page again with why the move was refused
(`sandbox/clock.py` does the moving)."""

from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from sandbox.clock_views import ClockMoveMixin

from .board_views import seat_page_url
from .seat_views import SeatPageMixin


class SeatClockView(SeatPageMixin, ClockMoveMixin, FormView):
    """Move one seat's clock: a button's step or the date given (`ClockForm`), then back to
    the seat's page; refused, the seat's page again with why under the clock, answered 400."""

    http_method_names = ["post"]
    moved_message = _("The clock of seat %(number)s is now at %(date)s.")

    def clock_seat(self):
        return self.seat

    def moved_params(self) -> dict:
        return {"number": self.seat.number}

    def clock_moved(self, seat, *, moved_back: bool):
        return redirect(seat_page_url(self.seat))

    def form_invalid(self, form):
        context = self.seat_page_context(clock_form=form)
        return self.render_to_response(context, status=self.invalid_status)
