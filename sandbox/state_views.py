"""The starting states' pages (sandbox/states.py): the Starting states page, where whoever
may apply one does (`states.state_controls`), and the two POSTs that apply one: the trainer's,
to any seat (a class seat's page and the guide's "start here" post here), and a
self-paced person's, to the seat their browser is in."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from core.mixins import ServiceFormMixin
from core.redirects import same_site_url
from seats.middleware import seat_enter
from seats.models import Seat

from .access import TrainerRequiredMixin
from .personas import start_url
from .states import (
    STATES,
    STATES_BY_NAME,
    StartingState,
    may_apply_state_to_own_seat,
    seat_state_apply,
    state_controls,
)

STATE_CHOICES = [(state.name, state.title) for state in STATES]


class StateForm(forms.Form):
    state = forms.ChoiceField(label=gettext_lazy("Starting state"), choices=STATE_CHOICES)


class SeatStateForm(StateForm):
    """A seat the trainer runs (`Seat.objects.run_by`): another trainer's is no choice."""

    seat = forms.ModelChoiceField(label=gettext_lazy("Seat"), queryset=Seat.objects.none())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seat"].queryset = Seat.objects.run_by(user).filter(is_default=False)


def state_start_url(state: StartingState) -> str:
    """Where the state's scenario starts: its persona's center sign-in, email filled in, in
    the state's language when it has one."""
    with translation.override(state.language or translation.get_language()):
        return start_url(state.center, state.persona_email)


class StatesView(TemplateView):
    """Every starting state, what it demonstrates, and how to apply it from here."""

    template_name = "sandbox/states.html"
    http_method_names = ["get"]

    def get_context_data(self, **kwargs):
        request = self.request
        return super().get_context_data(
            states=STATES,
            controls=state_controls(user=request.user, joined_seat=request.joined_seat),
            applied=STATES_BY_NAME.get(getattr(request.joined_seat, "state", "") or ""),
            **kwargs,
        )


class StateApplyView(TrainerRequiredMixin, ServiceFormMixin, FormView):
    """The trainer sets a seat to a starting state, then goes back where they were (a class
    seat's page, the guide): a form of no page of its own, its errors in a message."""

    form_class = SeatStateForm
    http_method_names = ["post"]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def service_call(self, form):
        seat = seat_state_apply(
            seat=form.cleaned_data["seat"], name=form.cleaned_data["state"], actor=self.request.user
        )
        state = STATES_BY_NAME[seat.state]
        messages.success(
            self.request,
            _("%(seat)s is set to “%(state)s”.") % {"seat": seat, "state": state.title},
        )
        return self.back()

    def form_invalid(self, form):
        messages.error(self.request, _("Choose a seat and a starting state."))
        return self.back()

    def back(self):
        request = self.request
        return redirect(
            same_site_url(request, request.POST.get("next", ""), default=reverse("sandbox:states"))
        )


class MySeatStateView(ServiceFormMixin, FormView):
    """A person in a seat of no class sets it to a starting state, and lands where its
    scenario starts (the seat's people were made anew: signed out, still in the seat)."""

    form_class = StateForm
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        if not may_apply_state_to_own_seat(request.joined_seat):
            messages.info(request, _("Starting states apply to a seat of your own: see below."))
            return redirect("sandbox:states")
        return super().post(request, *args, **kwargs)

    def service_call(self, form):
        seat = seat_state_apply(seat=self.request.joined_seat, name=form.cleaned_data["state"])
        seat_enter(self.request, seat)
        state = STATES_BY_NAME[seat.state]
        messages.success(
            self.request, _("Your seat is set to “%(state)s”.") % {"state": state.title}
        )
        return redirect(state_start_url(state))

    def form_invalid(self, form):
        messages.error(self.request, _("Choose a starting state."))
        return redirect("sandbox:states")
