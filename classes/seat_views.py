"""The page of one seat of a class (trainer only): what the board's row says of it, at
length, and every form the trainer uses on that seat (its starting state, its clock, its
faults, clearing its locks, resetting it, its exercises). The board keeps a compact row per
seat that links here; the forms post to their own views, which come back here."""

from django.utils import timezone
from django.views.generic import TemplateView

from accounts.clock import sandbox_last_day
from accounts.decisions import Outcome
from sandbox.states import STATES

from .board import seat_row
from .board_views import SeatOfClassMixin, seat_page_url


class SeatPageMixin(SeatOfClassMixin):
    """The seat's page, its times in the class's time zone; `clock_form`: a move of the
    seat's clock that was refused (`clock_views.SeatClockView`), shown with why under its
    field."""

    template_name = "classes/seat.html"

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        with timezone.override(self.classroom.time_zone):
            return response.render()

    def seat_page_context(self, *, clock_form=None) -> dict:
        seat = self.seat
        return {
            "classroom": self.classroom,
            "seat": seat,
            "row": seat_row(seat=seat, now=timezone.now()),
            "outcomes": list(Outcome),
            "states": STATES,
            "seat_url": seat_page_url(seat),
            "clock_form": clock_form,
            "clock_last_day": sandbox_last_day(),
        }


class SeatPageView(SeatPageMixin, TemplateView):
    """Seat `number` of the class `code`."""

    http_method_names = ["get"]

    def get_context_data(self, **kwargs):
        return super().get_context_data(**self.seat_page_context(), **kwargs)
