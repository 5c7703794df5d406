"""Which deliberate faults are switched on in which seat (`catalog.py` says what each does).

A row per seat and fault that is on; no row, no fault: every seat starts without any. The
rows are the trainer's settings for the seat, not part of its sample world: resetting the
seat keeps them, deleting the seat (ending its class) deletes them.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SeatFault(models.Model):
    seat = models.ForeignKey(
        "seats.Seat",
        verbose_name=_("seat"),
        on_delete=models.CASCADE,
        related_name="faults_on",
    )
    fault = models.CharField(_("fault"), max_length=60)

    class Meta:
        verbose_name = _("fault switched on")
        verbose_name_plural = _("faults switched on")
        ordering = ["seat", "fault"]
        constraints = [models.UniqueConstraint(fields=["seat", "fault"], name="seat_fault_once")]

    def __str__(self):
        return f"{self.seat}: {self.fault}"
