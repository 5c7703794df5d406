"""The board's records: what a seat's trainee reached in the class, the trainer's record of
their progress (`board.py` reads them). They belong to the seat, not to the seat's world:
resetting a seat keeps them, freeing it or ending the class deletes them.

Their tables are the ones they had in the `sandbox` app (`db_table`), so a database made before
they moved here keeps its rows (`migrations/0001_initial.py`).
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.decisions import Outcome


class OutcomeReached(models.Model):
    """The first time a seat's trainee was shown an outcome page: a mark on the class's board.

    Recorded on the server from the view's response (`classes.middleware`), in every seat but
    the default one. It is the trainer's record of the trainee's progress, not part of the
    seat's sample world: resetting a seat keeps it (the trainee reached BC-1 before the reset
    as surely as after), ending the class deletes it with the seat.
    """

    seat = models.ForeignKey(
        "seats.Seat",
        verbose_name=_("seat"),
        on_delete=models.CASCADE,
        related_name="outcomes_reached",
    )
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    reached_at = models.DateTimeField(_("first reached"), default=timezone.now)

    class Meta:
        db_table = "sandbox_outcomereached"
        verbose_name = _("outcome reached")
        verbose_name_plural = _("outcomes reached")
        ordering = ["seat", "reached_at"]
        constraints = [
            models.UniqueConstraint(fields=["seat", "outcome"], name="outcome_reached_once")
        ]

    def __str__(self):
        return f"{self.seat_id}: {self.outcome}"


class PersonaSignedIn(models.Model):
    """A persona a seat's trainee signed in as (the first time), for the class's board.

    Kept by LogMeIn ID, not by user row: resetting a seat makes its people anew, and the
    board still says who the trainee has already been. Like `OutcomeReached`, it belongs to
    the seat, not to the seat's world.
    """

    seat = models.ForeignKey(
        "seats.Seat",
        verbose_name=_("seat"),
        on_delete=models.CASCADE,
        related_name="personas_signed_in",
    )
    email = models.EmailField(_("LogMeIn ID"))
    signed_in_at = models.DateTimeField(_("first signed in"), default=timezone.now)

    class Meta:
        db_table = "sandbox_personasignedin"
        verbose_name = _("persona signed in")
        verbose_name_plural = _("personas signed in")
        ordering = ["seat", "signed_in_at"]
        constraints = [
            models.UniqueConstraint(fields=["seat", "email"], name="persona_signed_in_once")
        ]

    def __str__(self):
        return f"{self.seat_id}: {self.email}"
