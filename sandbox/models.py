"""The trainers' and QA's layer: who the sample personas are, and what the sandbox sent."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.decisions import Outcome
from seats.scope import SeatScopedManager, SeatScopedModel


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


def reads_staff_mail(viewer) -> bool:
    """Whether `viewer` may read mail to the sandbox's staff (`MailboxMessage.staff_only`)."""
    return viewer.is_authenticated and viewer.is_staff


class MailboxMessageQuerySet(models.QuerySet):
    def readable_by(self, viewer):
        """The messages `viewer` may read in the Mailbox, which anyone in the room can open:
        every message of the seat, but mail to the sandbox's staff (`staff_only`: a new
        trainer's one-time link to set their password) for staff only."""
        return self.readable(staff=reads_staff_mail(viewer))

    def readable(self, *, staff: bool):
        """Every message for the staff (`staff=True`), the others' for anyone else."""
        return self if staff else self.filter(staff_only=False)


class MailboxMessage(SeatScopedModel):
    """An email the sandbox sent, kept for the mailbox instead of leaving the machine."""

    recipient = models.EmailField(_("to"), db_index=True)
    sender = models.CharField(_("from"), max_length=254)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("body"))
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)
    staff_only = models.BooleanField(
        _("staff only"),
        default=False,
        editable=False,
        help_text=_("Marked by its sender for the sandbox's staff: only staff can read it."),
    )

    objects = SeatScopedManager.from_queryset(MailboxMessageQuerySet)()

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
