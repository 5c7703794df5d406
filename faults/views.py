"""The trainer's pages of the faults: the answer key, and a seat's switches (from its page).

Trainer only (`sandbox.views.trainer_only`): signed out, to the sign-in and back; to anyone
else signed in, an unknown page (404). Thin views over `services.py`.
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from sandbox.views import trainer_only
from seats.models import Seat

from .catalog import FAULTS
from .forms import SeatFaultsForm
from .models import SeatFault
from .services import seat_faults, seat_faults_by_seat, seat_faults_set


@trainer_only
@require_GET
def answer_key(request):
    """Every fault with what is wrong, where, and what is right; the seats that have some on."""
    seat_ids = SeatFault.objects.values_list("seat", flat=True).distinct()
    seats = list(Seat.objects.filter(pk__in=seat_ids).select_related("classroom").order_by("pk"))
    on = seat_faults_by_seat(seats=seats)
    return render(
        request,
        "faults/answer_key.html",
        {"faults": FAULTS, "seats": [(seat, on.get(seat.pk, [])) for seat in seats]},
    )


@trainer_only
@require_http_methods(["GET", "POST"])
def seat_switches(request, code, number):
    """One seat of a class: a checkbox per fault (GET), switched as ticked (POST), back to the
    seat's page of the class (where the same switches are)."""
    seat = get_object_or_404(
        Seat.objects.select_related("classroom"), classroom__code=code, number=number
    )
    on = [fault.id for fault in seat_faults(seat=seat)]
    # A POST with nothing ticked switches every fault off (it may carry no field at all).
    data = request.POST if request.method == "POST" else None
    form = SeatFaultsForm(data, initial={"faults": on})
    if request.method == "POST" and form.is_valid():
        chosen = seat_faults_set(
            seat=seat, fault_ids=form.cleaned_data["faults"], actor=request.user
        )
        if chosen:
            text = _("Seat %(number)s: faults on: %(faults)s.") % {
                "number": seat.number,
                "faults": ", ".join(fault.id for fault in chosen),
            }
        else:
            text = _("Seat %(number)s: every fault is off.") % {"number": seat.number}
        messages.success(request, text)
        return redirect("classes:seat", code=seat.classroom.code, number=seat.number)
    return render(
        request,
        "faults/seat.html",
        {"seat": seat, "classroom": seat.classroom, "form": form, "faults": FAULTS},
        status=400 if form.errors else 200,
    )
