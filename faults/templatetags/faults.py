"""The class board's faults mark: `{% faults_by_seat rows as faults_on %}` once (one query for
the whole class), then `{% seat_faults_on faults_on row.seat as on %}` in each row."""

from django import template

from ..services import seat_faults_by_seat

register = template.Library()


@register.simple_tag
def faults_by_seat(rows):
    return seat_faults_by_seat(seats=[row.seat for row in rows])


@register.simple_tag
def seat_faults_on(by_seat, seat):
    return by_seat.get(seat.pk, [])
