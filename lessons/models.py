"""Exercises: the article's question put to a trainee, with the answer checked against the
decision tables.

An exercise stores the question (content the trainer edits and translates in the Django admin)
and what it is about: a persona and one of the two tables. It never stores the answer: that is
the persona's path through the table, asked of `accounts/decisions.py` in the seat where the
trainee plays (`lessons.answers`).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sandbox.sample_data import PERSONAS
from seats.scope import SeatScopedModel

from .paths import Table, persona_path


class Asks(models.TextChoices):
    """Which step of the persona's path the question is about."""

    END = "end", _("Where the persona ends up (the last outcome of the path)")
    LANDING = "landing", _("What the center shows first (the first outcome of the path)")


PERSONA_CHOICES = [(p.key, f"{p.first_name} {p.last_name}") for p in PERSONAS if p.account]


class Exercise(models.Model):
    """A question about one persona in one table, for a trainee to play and answer.

    `question` is translated content (django-modeltranslation); the expected answer is
    computed, never stored (`lessons.answers.exercise_expected`).
    """

    key = models.SlugField(_("key"), unique=True, help_text=_("Stable name for scripts."))
    persona_key = models.SlugField(_("persona"), choices=PERSONA_CHOICES)
    table = models.CharField(_("table"), max_length=20, choices=Table.choices)
    asks = models.CharField(_("asks about"), max_length=10, choices=Asks.choices, default=Asks.END)
    question = models.TextField(_("question"))
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    in_course = models.BooleanField(_("in the self-paced course"), default=True)

    class Meta:
        verbose_name = _("exercise")
        verbose_name_plural = _("exercises")
        ordering = ["sort_order", "id"]

    def __str__(self):
        return f"{self.key}: {self.question[:60]}"

    def clean(self):
        if self.persona_key and self.table and not persona_path(self.persona_key, self.table):
            raise ValidationError(
                _("This persona's path through this table reaches no outcome of the article.")
            )


class ExerciseAnswer(SeatScopedModel):
    """A seat's answers to one exercise: how many tries, whether it got it right, and when.

    Opening the exercise starts the clock (`opened_at`); the first right answer stops it
    (`answered_right_at`). Belongs to the seat, as the rest of its world does.
    """

    exercise = models.ForeignKey(
        Exercise, verbose_name=_("exercise"), on_delete=models.CASCADE, related_name="answers"
    )
    opened_at = models.DateTimeField(_("opened"), default=timezone.now)
    tries = models.PositiveSmallIntegerField(_("tries"), default=0)
    last_choice = models.CharField(_("last answer"), max_length=40, blank=True)
    answered_right_at = models.DateTimeField(_("answered right"), null=True, blank=True)

    class Meta:
        verbose_name = _("exercise answer")
        verbose_name_plural = _("exercise answers")
        ordering = ["seat", "exercise__sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["seat", "exercise"], name="one_answer_per_seat")
        ]

    def __str__(self):
        return f"{self.seat_id}: {self.exercise_id} ({self.state})"

    RIGHT = "right"
    WRONG = "wrong"
    NOT_YET = "not-yet"

    @property
    def is_right(self) -> bool:
        return self.answered_right_at is not None

    @property
    def state(self) -> str:
        """right, wrong (answered, never right yet) or not-yet (opened, not answered)."""
        if self.is_right:
            return self.RIGHT
        return self.WRONG if self.tries else self.NOT_YET

    @property
    def time_taken(self):
        """From opening the exercise to the right answer; None until then."""
        if not self.is_right:
            return None
        return self.answered_right_at - self.opened_at


class ReleasedExercise(models.Model):
    """An exercise the trainer released to a class: its seats see only the released ones."""

    classroom = models.ForeignKey(
        "seats.Classroom",
        verbose_name=_("class"),
        on_delete=models.CASCADE,
        related_name="released_exercises",
    )
    exercise = models.ForeignKey(
        Exercise, verbose_name=_("exercise"), on_delete=models.CASCADE, related_name="releases"
    )
    released_at = models.DateTimeField(_("released"), default=timezone.now)

    class Meta:
        verbose_name = _("released exercise")
        verbose_name_plural = _("released exercises")
        ordering = ["classroom", "released_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["classroom", "exercise"], name="released_once")
        ]

    def __str__(self):
        return f"{self.classroom_id}: {self.exercise_id}"
