"""The Clock page of a seat of no class (a self-paced or API seat): its person moves the seat's
clock there. A class's seats are moved by the trainer on the class's board
(`classes/clock_views.py`). Both are thin: a form, a service of `sandbox/clock.py`, a message."""

from django.contrib import messages
from django.contrib.auth.mixins import UserPassesTestMixin
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from accounts.clock import sandbox_last_day, sandbox_start, seat_today
from core.formatting import format_day
from core.mixins import ServiceFormMixin
from seats.middleware import seat_enter
from seats.models import Seat

from .clock import seat_clock_form_move, seat_clock_moved_by_its_person
from .forms import ClockForm


class ClockMoveMixin(ServiceFormMixin):
    """A form view that moves a seat's clock as the posted `ClockForm` asks (a class seat's
    page and the Clock page share it) and says so in a message: `moved_message` gets the new
    date and `moved_params()`. A move refused (a date outside the clock's window) is the form
    again with why, answered 400; a move done is `clock_moved(seat, moved_back=...)`'s answer."""

    form_class = ClockForm
    invalid_status = 400
    moved_message = ""

    def clock_seat(self) -> Seat:
        raise NotImplementedError(f"{type(self).__name__} says whose clock it moves.")

    def moved_params(self) -> dict:
        return {}

    def clock_moved(self, seat: Seat, *, moved_back: bool):
        raise NotImplementedError(f"{type(self).__name__} says where a move goes.")

    def service_call(self, form):
        seat = self.clock_seat()
        moved_back_from = seat_today(seat)
        seat = seat_clock_form_move(
            seat=seat, step=form.cleaned_data["step"], today=form.cleaned_data["today"]
        )
        today = seat_today(seat)
        messages.success(
            self.request, self.moved_message % {"date": format_day(today), **self.moved_params()}
        )
        return self.clock_moved(seat, moved_back=today < moved_back_from)


class ClockView(UserPassesTestMixin, ClockMoveMixin, FormView):
    """This seat's today and the buttons that move it; POST moves it, then back here. A move
    refused is the page again, with why on the form, answered 400. Someone else's seat (a
    class's, the default one): 403."""

    template_name = "sandbox/clock.html"
    http_method_names = ["get", "post"]
    moved_message = _("The clock is now at %(date)s.")
    raise_exception = True  # signed in or not, the answer is the 403

    def test_func(self) -> bool:
        return seat_clock_moved_by_its_person(self.request.joined_seat)

    def clock_seat(self) -> Seat:
        return self.request.joined_seat

    def clock_moved(self, seat: Seat, *, moved_back: bool):
        if moved_back:
            seat_enter(self.request, seat)  # the seat's people were made anew: signed out
        return redirect("sandbox:clock")

    def get_context_data(self, **kwargs):
        seat = self.request.joined_seat
        return super().get_context_data(
            seat=seat,
            today=seat_today(seat),
            start=sandbox_start(),
            last_day=sandbox_last_day(),
            **kwargs,
        )
