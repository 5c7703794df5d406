"""The trainers' and QA's layer: who the sample personas are, and what the sandbox sent."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.decisions import Outcome
from seats.scope import SeatScopedModel


class Persona(SeatScopedModel):
    """A sample person trainers sign in as, with a description of what they demonstrate."""

    key = models.SlugField(_("key"))
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="persona",
    )
    description = models.TextField(_("description"))
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("persona")
        verbose_name_plural = _("personas")
        ordering = ["sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["seat", "key"], name="unique_persona_key_in_seat")
        ]

    def __str__(self):
        return str(self.user)


class MailboxMessage(SeatScopedModel):
    """An email the sandbox sent, kept for the mailbox instead of leaving the machine."""

    recipient = models.EmailField(_("to"), db_index=True)
    sender = models.CharField(_("from"), max_length=254)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("body"))
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("mailbox message")
        verbose_name_plural = _("mailbox")
        ordering = ["-sent_at", "-id"]

    def __str__(self):
        return f"{self.recipient}: {self.subject}"


class TrainerNote(models.Model):
    """What an outcome page means in the article's terms, shown to trainers on that page.

    One note per outcome id of `accounts.decisions.Outcome`; title and text are translated
    content the trainer edits in the Django admin.
    """

    outcome = models.CharField(_("outcome"), max_length=10, unique=True, choices=Outcome.choices)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))

    class Meta:
        verbose_name = _("trainer note")
        verbose_name_plural = _("trainer notes")
        ordering = ["outcome"]
        # The trainer tools' own permission (sandbox.trainers), beside the notes they edit.
        permissions = [("reset_sandbox", _("Can reset the sandbox to the sample data"))]

    def __str__(self):
        return f"{self.outcome}: {self.title}"


class OutcomeReached(models.Model):
    """The first time a seat's trainee was shown an outcome page: a mark on the class's board.

    Recorded on the server from the view's response (`classes.middleware`), in every seat of a
    class. It is the trainer's record of the trainee's progress, not part of the seat's sample
    world: resetting a seat keeps it (the trainee reached BC-1 before the reset as surely as
    after), ending the class deletes it with the seat.
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
        verbose_name = _("persona signed in")
        verbose_name_plural = _("personas signed in")
        ordering = ["seat", "signed_in_at"]
        constraints = [
            models.UniqueConstraint(fields=["seat", "email"], name="persona_signed_in_once")
        ]

    def __str__(self):
        return f"{self.seat_id}: {self.email}"
