"""The Clock page of a seat of no class (a self-paced or API seat): its person moves the seat's
clock there. A class's seats are moved by the trainer on the class's board
(`classes/clock_views.py`). Both are thin: a form, a service of `sandbox/clock.py`, a message."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.clock import sandbox_last_day, sandbox_start, seat_today
from core.formatting import format_day
from seats.middleware import seat_enter

from .clock import seat_clock_form_move, seat_clock_moved_by_its_person
from .forms import ClockForm


def clock_form_apply(request, *, seat, form: ClockForm, moved_message: str, **params) -> bool:
    """Move `seat`'s clock as the posted form asks and say so in a message (a class seat's page
    and the Clock page share it): `moved_message` gets the new date and `params`. Returns
    whether the clock moved; when not, the form holds why (a date outside the clock's window
    on its `today` field)."""
    if not form.is_valid():
        return False
    try:
        seat = seat_clock_form_move(
            seat=seat, step=form.cleaned_data["step"], today=form.cleaned_data["today"]
        )
    except ValidationError as refused:
        form.add_error(None, refused)  # `{"today": ...}` lands on the date field
        return False
    messages.success(request, moved_message % {"date": format_day(seat_today(seat)), **params})
    return True


@require_http_methods(["GET", "POST"])
def clock(request):
    """This seat's today and the buttons that move it; POST moves it, then back here. A move
    refused is the page again, with why on the form, answered 400."""
    seat = request.joined_seat
    if not seat_clock_moved_by_its_person(seat):
        raise PermissionDenied
    form = ClockForm()
    if request.method == "POST":
        moved_back_from = seat_today(seat)
        form = ClockForm(request.POST)
        if clock_form_apply(
            request, seat=seat, form=form, moved_message=_("The clock is now at %(date)s.")
        ):
            seat.refresh_from_db()
            if seat_today(seat) < moved_back_from:
                seat_enter(request, seat)  # the seat's people were made anew: signed out
            return redirect("sandbox:clock")
    return render(
        request,
        "sandbox/clock.html",
        {
            "seat": seat,
            "today": seat_today(seat),
            "start": sandbox_start(),
            "last_day": sandbox_last_day(),
            "form": form,
        },
        status=400 if form.is_bound else 200,
    )
