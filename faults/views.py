"""The trainer's pages of the faults: the answer key, and a seat's switches (from its page).

Trainer only (`sandbox.access.TrainerRequiredMixin`): signed out, to the sign-in and back; to anyone
else signed in, an unknown page (404). Thin views over `services.py`.
"""

from functools import cached_property

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from core.mixins import ServiceFormMixin
from sandbox.access import TrainerRequiredMixin
from seats.models import Seat

from .catalog import FAULTS
from .forms import SeatFaultsForm
from .models import SeatFault
from .services import seat_faults, seat_faults_by_seat, seat_faults_set


class AnswerKeyView(TrainerRequiredMixin, TemplateView):
    """Every fault with what is wrong, where, and what is right; the seats that have some on
    (among the seats the trainer runs: `Seat.objects.run_by`)."""

    template_name = "faults/answer_key.html"
    http_method_names = ["get"]

    def get_context_data(self, **kwargs):
        seat_ids = SeatFault.objects.values_list("seat", flat=True).distinct()
        seats = list(
            Seat.objects.run_by(self.request.user)
            .filter(pk__in=seat_ids)
            .select_related("classroom")
            .order_by("pk")
        )
        on = seat_faults_by_seat(seats=seats)
        return super().get_context_data(
            faults=FAULTS, seats=[(seat, on.get(seat.pk, [])) for seat in seats], **kwargs
        )


class SeatSwitchesView(TrainerRequiredMixin, ServiceFormMixin, FormView):
    """One seat of a class: a checkbox per fault (GET), switched as ticked (POST: one with
    nothing ticked, even no field at all, switches every fault off), back to the seat's page
    of the class (where the same switches are). A form that does not validate: 400."""

    template_name = "faults/seat.html"
    form_class = SeatFaultsForm
    http_method_names = ["get", "post"]
    invalid_status = 400

    @cached_property
    def seat(self) -> Seat:
        return get_object_or_404(
            Seat.objects.run_by(self.request.user).select_related("classroom"),
            classroom__code=self.kwargs["code"],
            number=self.kwargs["number"],
        )

    def get_initial(self):
        return {"faults": [fault.id for fault in seat_faults(seat=self.seat)]}

    def get_context_data(self, **kwargs):
        seat = self.seat
        return super().get_context_data(
            seat=seat, classroom=seat.classroom, faults=FAULTS, **kwargs
        )

    def service_call(self, form):
        seat = self.seat
        chosen = seat_faults_set(
            seat=seat, fault_ids=form.cleaned_data["faults"], actor=self.request.user
        )
        if chosen:
            text = _("Seat %(number)s: faults on: %(faults)s.") % {
                "number": seat.number,
                "faults": ", ".join(fault.id for fault in chosen),
            }
        else:
            text = _("Seat %(number)s: every fault is off.") % {"number": seat.number}
        messages.success(self.request, text)
        return redirect("classes:seat", code=seat.classroom.code, number=seat.number)
