"""The class board's faults mark: `{% faults_by_seat rows as faults_on %}` once (one query for
the whole class), then `{% seat_faults_on faults_on row.seat as on %}` in each row; and on a
seat's page of the class, its switches: `{% seat_faults_switches classroom seat %}`."""

from django import template

from ..forms import SeatFaultsForm
from ..services import seat_faults, seat_faults_by_seat

register = template.Library()


@register.simple_tag
def faults_by_seat(rows):
    return seat_faults_by_seat(seats=[row.seat for row in rows])


@register.simple_tag
def seat_faults_on(by_seat, seat):
    return by_seat.get(seat.pk, [])


@register.simple_tag
def seat_faults_now(seat):
    """The faults on in one seat (its page of the class)."""
    return seat_faults(seat=seat)


@register.inclusion_tag("faults/_seat_switches.html", takes_context=True)
def seat_faults_switches(context, classroom, seat):
    """The seat's fault switches, ticked as they are now (they post to `faults:seat`)."""
    on = [fault.id for fault in seat_faults(seat=seat)]
    return {
        "classroom": classroom,
        "seat": seat,
        "form": SeatFaultsForm(initial={"faults": on}),
        "csrf_token": context.get("csrf_token"),
    }
