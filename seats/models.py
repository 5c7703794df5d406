"""A seat is a private copy of the sample world; a class is a group of seats a trainer runs.

Every row of the sample world (accounts, people, subscriptions, invoices, portal logins,
mailbox, activity) belongs to one seat through a `SeatField`, and its default manager sees only
the current seat's rows (`seats.scope`). Whoever joined nothing works in the default seat,
which is the sandbox as it always was.
"""

import functools
import secrets
import zoneinfo

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# Join codes avoid letters and digits that read alike on a projector (0/O, 1/I/L).
JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 6
MAX_SEATS_PER_CLASS = 60


def join_code_new() -> str:
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def seat_token_new() -> str:
    return secrets.token_urlsafe(16)


@functools.cache
def time_zone_choices() -> list[tuple[str, str]]:
    """Every IANA time zone (zoneinfo, from the system's database or the pinned tzdata
    package where the system has none), by name: "Europe/Madrid". Read once a process."""
    return [(name, name) for name in sorted(zoneinfo.available_timezones())]


def time_zone_default() -> str:
    """A new class's time zone: the server's (the TIME_ZONE setting)."""
    return settings.TIME_ZONE


def rejoin_code_new() -> str:
    """A seat's rejoin code, shown in its trainee's header: the same letters as a join code."""
    return join_code_new()


# The lead trainer's permission: adds trainers and sees every class (and every seat's
# lockouts, the default seat's too). Any other trainer sees the classes they own.
LEAD_PERMISSION = "seats.lead_trainers"


def is_lead_trainer(user) -> bool:
    return bool(user is not None and user.has_perm(LEAD_PERMISSION))


def trainers_own(queryset: models.QuerySet, user, *, owner: str) -> models.QuerySet:
    """The rows of `queryset` a trainer sees: every one for a lead trainer, those whose `owner`
    field is `user` for a trainer, none for anyone else. The one rule of a trainer's view
    (classes: `ClassroomQuerySet.run_by`; LMSs: `lms.models.PlatformQuerySet`)."""
    if is_lead_trainer(user):
        return queryset.all()
    if user is None or not user.is_authenticated:
        return queryset.none()
    return queryset.filter(**{owner: user})


class ClassroomQuerySet(models.QuerySet):
    def run_by(self, user) -> "ClassroomQuerySet":
        """The classes `user` runs (`trainers_own`): the one place a trainer's view of the
        classes is scoped."""
        return trainers_own(self, user, owner="owner")


class Classroom(models.Model):
    """A class: a trainer's group of seats, joined with its short code."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trainer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The trainer who runs the class; lead trainers see every class."),
    )

    name = models.CharField(_("name"), max_length=120)
    code = models.CharField(_("join code"), max_length=12, unique=True, default=join_code_new)
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        choices=time_zone_choices,
        default=time_zone_default,
        help_text=_("Every time on the class's board, its CSV and its seats' pages is in it."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ClassroomQuerySet.as_manager()

    class Meta:
        verbose_name = _("class")
        verbose_name_plural = _("classes")
        ordering = ["-created_at", "-id"]
        permissions = [("lead_trainers", _("Can add trainers and see every class"))]

    def __str__(self):
        return f"{self.name} ({self.code})"


class SeatQuerySet(models.QuerySet):
    def default(self) -> "Seat":
        """The default seat, created the first time it is asked for."""
        seat, _created = self.get_or_create(is_default=True, defaults={"number": 0})
        return seat

    def run_by(self, user) -> "SeatQuerySet":
        """The seats `user` runs as a trainer: the seats of their classes
        (`ClassroomQuerySet.run_by`); a lead trainer's are every seat, the default seat and
        the seats of no class too."""
        if is_lead_trainer(user):
            return self.all()
        return self.filter(classroom__in=Classroom.objects.run_by(user))


class Seat(models.Model):
    """One person's (or one script's) private copy of the sample world.

    A seat of a class has a number and the trainee's display name; a seat made through the API
    has no class. `token` is the secret in a seat's join URL.

    A seat is its trainee's: `name_key` (`seats.names.name_key`, unique in the class) says
    whose it is, and getting it back by name takes something only the trainee has: the
    browser that took it (its cookie holds `rejoin_code`), the `rejoin_code` shown in the
    seat's header, or the trainer's approval of a browser's request from the board.
    """

    classroom = models.ForeignKey(
        Classroom,
        verbose_name=_("class"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="seats",
    )
    number = models.PositiveSmallIntegerField(_("seat number"))
    display_name = models.CharField(_("name"), max_length=60, blank=True)
    name_key = models.CharField(
        _("name key"),
        max_length=255,
        blank=True,
        editable=False,
        help_text=_("The name as it is compared (seats.names.name_key); empty: a free seat."),
    )
    rejoin_code = models.CharField(
        _("rejoin code"),
        max_length=12,
        blank=True,
        editable=False,
        help_text=_("Shown in the trainee's header: it gives the seat back on another device."),
    )
    rejoin_request = models.CharField(
        _("rejoin request"),
        max_length=12,
        blank=True,
        editable=False,
        help_text=_("The code of a browser asking the trainer to let it into the seat."),
    )
    rejoin_requested_at = models.DateTimeField(null=True, blank=True, editable=False)
    rejoin_approved = models.CharField(max_length=12, blank=True, editable=False)
    device = models.CharField(
        max_length=32,
        blank=True,
        editable=False,
        help_text=_("The browser that entered the seat last."),
    )
    shared_at = models.DateTimeField(
        _("active elsewhere"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When another browser rejoined the seat while it was in use."),
    )
    is_default = models.BooleanField(_("default seat"), default=False, editable=False)
    token = models.CharField(max_length=40, unique=True, default=seat_token_new, editable=False)
    today = models.DateField(
        _("today"), null=True, blank=True, help_text=_("The seat's clock; empty: the sandbox's.")
    )
    state = models.CharField(
        _("starting state"),
        max_length=60,
        blank=True,
        editable=False,
        help_text=_("The name of the starting state applied last; empty: the plain sample world."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_activity_at = models.DateTimeField(_("last activity"), null=True, blank=True)

    objects = SeatQuerySet.as_manager()

    class Meta:
        verbose_name = _("seat")
        verbose_name_plural = _("seats")
        ordering = ["classroom_id", "number", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"], condition=models.Q(is_default=True), name="one_default_seat"
            ),
            models.UniqueConstraint(
                fields=["classroom", "number"],
                condition=models.Q(classroom__isnull=False),
                name="unique_seat_number_in_class",
            ),
            # One seat per trainee: two joins with one name at once cannot both take a seat.
            models.UniqueConstraint(
                fields=["classroom", "name_key"],
                condition=models.Q(classroom__isnull=False) & ~models.Q(name_key=""),
                name="unique_trainee_name_in_class",
            ),
        ]

    def __str__(self):
        if self.is_default:
            return str(_("Default seat"))
        if self.classroom_id:
            return _("%(class)s, seat %(number)s") % {
                "class": self.classroom.name,
                "number": self.number,
            }
        return _("Seat %(id)s") % {"id": self.pk}

    @property
    def keeps_sample_credentials(self) -> bool:
        """Whether the sample credentials (the personas' password, the portal logins') stay
        as the home page shows them whatever a visitor does: in the default seat of an open
        sandbox (SANDBOX_OPEN), where every trainer demonstrates, a new password is shown as
        set but not kept. In a seat, or a closed sandbox, passwords change for real."""
        return self.is_default and settings.SANDBOX_OPEN
