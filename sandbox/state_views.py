"""The starting states' pages (sandbox/states.py): the Starting states page, where whoever
may apply one does (`states.state_controls`), and the two POSTs that apply one: the trainer's,
to any seat (a class seat's page and the guide's "start here" post here), and a
self-paced person's, to the seat their browser is in."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from core.redirects import same_site_url
from seats.middleware import seat_enter
from seats.models import Seat

from .personas import start_url
from .states import (
    STATES,
    STATES_BY_NAME,
    StartingState,
    may_apply_state_to_own_seat,
    seat_state_apply,
    state_controls,
)
from .views import trainer_only

STATE_CHOICES = [(state.name, state.title) for state in STATES]


class StateForm(forms.Form):
    state = forms.ChoiceField(label=gettext_lazy("Starting state"), choices=STATE_CHOICES)


class SeatStateForm(StateForm):
    seat = forms.ModelChoiceField(
        label=gettext_lazy("Seat"), queryset=Seat.objects.filter(is_default=False)
    )


def state_start_url(state: StartingState) -> str:
    """Where the state's scenario starts: its persona's center sign-in, email filled in, in
    the state's language when it has one."""
    with translation.override(state.language or translation.get_language()):
        return start_url(state.center, state.persona_email)


@require_GET
def states_page(request):
    """Every starting state, what it demonstrates, and how to apply it from here."""
    return render(
        request,
        "sandbox/states.html",
        {
            "states": STATES,
            "controls": state_controls(user=request.user, joined_seat=request.joined_seat),
            "applied": STATES_BY_NAME.get(getattr(request.joined_seat, "state", "") or ""),
        },
    )


@trainer_only
@require_POST
def state_apply(request):
    """The trainer sets a seat to a starting state, then goes back where they were."""
    form = SeatStateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a seat and a starting state."))
    else:
        seat = seat_state_apply(
            seat=form.cleaned_data["seat"], name=form.cleaned_data["state"], actor=request.user
        )
        state = STATES_BY_NAME[seat.state]
        messages.success(
            request,
            _("%(seat)s is set to “%(state)s”.") % {"seat": seat, "state": state.title},
        )
    return redirect(
        same_site_url(request, request.POST.get("next", ""), default=reverse("sandbox:states"))
    )


@require_POST
def my_seat_state(request):
    """A person in a seat of no class sets it to a starting state, and lands where its
    scenario starts (the seat's people were made anew: signed out, still in the seat)."""
    seat = request.joined_seat
    if not may_apply_state_to_own_seat(seat):
        messages.info(request, _("Starting states apply to a seat of your own: see below."))
        return redirect("sandbox:states")
    form = StateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a starting state."))
        return redirect("sandbox:states")
    seat = seat_state_apply(seat=seat, name=form.cleaned_data["state"])
    seat_enter(request, seat)
    state = STATES_BY_NAME[seat.state]
    messages.success(request, _("Your seat is set to “%(state)s”.") % {"state": state.title})
    return redirect(state_start_url(state))
