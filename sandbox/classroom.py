"""Classes and seats: each seat gets its own copy of the sample world, made, reset and
deleted here, and nowhere else.

A seat's rows are found through `seats.scope` (every seat-scoped model has a SeatField), so
deleting or resetting one seat is a query per model on that seat's rows: no other seat, and no
session of another seat, is touched.
"""

import datetime

from django.apps import apps
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.db.models.deletion import Collector
from django.utils import timezone
from django.utils.translation import gettext

from accounts.decisions import Outcome
from accounts.models import User
from accounts.services import activity_record
from seats.models import MAX_SEATS_PER_CLASS, Classroom, Seat, rejoin_code_new
from seats.names import name_clean, name_key
from seats.scope import SeatField, entered_seat_id, seat_scope

from .models import OutcomeReached, PersonaSignedIn
from .services import sandbox_load

# How stale a seat's "last activity" may grow before a request writes it again: the board
# counts in minutes, so a trainee clicking through pages costs one UPDATE per half minute,
# not one per page.
SEAT_TOUCH_EVERY = datetime.timedelta(seconds=30)


def seat_scoped_models() -> list[type]:
    """Every model whose rows belong to a seat: the sample world a seat copies."""
    return [
        model
        for model in apps.get_models()
        if any(isinstance(field, SeatField) for field in model._meta.concrete_fields)
    ]


def _seat_rows_delete(seat: Seat) -> None:
    """Delete every row of `seat`'s world, keeping the seat itself, and the staff (the
    trainers, who live in the default seat beside its world and are no sample data).

    One collector for all of them, so an account and the people in it go together: a person's
    account is RESTRICTed (not deletable alone), and every row that restricts one is in the
    same seat, so it is deleted too."""
    collector = Collector(using="default")
    for model in seat_scoped_models():
        rows = model._base_manager.filter(seat=seat)
        if model is User:
            rows = rows.exclude(Q(is_staff=True) | Q(is_superuser=True))
        collector.collect(rows, fail_on_restricted=False)
    collector.delete()
    _seat_lockouts_delete(seat)


def _seat_lockouts_delete(seat: Seat) -> None:
    """The seat's sign-in lockouts and failed attempts, under its own identity prefix (its
    portal logins' locks go with its rows); every other seat's stay, and so does the staff's."""
    from axes.models import AccessAttempt, AccessFailureLog

    from .lockouts import seat_identity_prefix

    prefix = seat_identity_prefix(seat)
    AccessAttempt.objects.filter(username__startswith=prefix).delete()
    AccessFailureLog.objects.filter(username__startswith=prefix).delete()


@transaction.atomic
def seat_create(
    *, classroom: Classroom | None = None, display_name: str = "", number: int | None = None
) -> Seat:
    """A new seat with its own copy of the sample world (personas, accounts, invoices, portal
    login), in its class's next free number (an API seat has no class)."""
    if number is None:
        number = _next_number(classroom)
    seat = Seat.objects.create(classroom=classroom, number=number, display_name=display_name)
    with seat_scope(seat):
        sandbox_load()
    return seat


def _next_number(classroom: Classroom | None) -> int:
    seats = Seat.objects.filter(classroom=classroom, is_default=False)
    last = seats.order_by("-number").values_list("number", flat=True).first()
    return (last or 0) + 1


@transaction.atomic
def seat_reset(*, seat: Seat, actor: User | None = None) -> Seat:
    """Restore `seat`'s world to the sample data, its clock at the start. Sign-ins to the
    seat's personas end (the people are made anew); every other seat keeps its data and its
    sessions. The default seat is restored only with the whole sandbox (`sandbox_reset`),
    which keeps the trainer."""
    if seat.is_default:
        raise ValueError("The default seat is reset with the whole sandbox (reset_sandbox).")
    # The seat's lock first, NO KEY (`seats.scope.seat_lock`): an order, a clock move or a
    # starting state of this seat waits for the reset, or the reset for it; never a deadlock.
    seat = Seat.objects.select_for_update(no_key=True).get(pk=seat.pk)
    seat.today = None  # the sample world is made at the start date
    _seat_rows_delete(seat)
    with seat_scope(seat):
        sandbox_load()
        activity_record(
            actor=None,
            account=None,
            action="seat_reset",
            summary=f"Seat reset to the sample data ({seat})",
            after={"seat": seat.pk, "by": actor.email if actor else None},
        )
    seat.last_activity_at = timezone.now()
    seat.state = ""  # the plain sample world; `states.seat_state_apply` names its state after
    seat.save(update_fields=["last_activity_at", "state", "today"])
    return seat


@transaction.atomic
def default_seat_reset(*, actor: User | None = None) -> Seat:
    """Restore the default seat's world to the sample data (the trainer's "Reset the default
    seat"), and nothing else: no class ends and no other seat is touched, unlike the whole
    sandbox's reset. The trainers stay, with their passwords and sign-ins; the personas are
    made anew (whoever was signed in as one in the default seat is signed out), and the
    personas' sign-in lockouts there go. Recorded in the default seat's activity."""
    default = Seat.objects.default()
    seat = Seat.objects.select_for_update(no_key=True).get(pk=default.pk)  # seats.scope.seat_lock
    _seat_rows_delete(seat)
    with seat_scope(seat):
        sandbox_load()
        activity_record(
            actor=actor,
            account=None,
            action="default_seat_reset",
            summary="Default seat reset to the sample data",
            after={"seat": seat.pk, "by": actor.email if actor else None},
        )
    seat.state = ""
    seat.save(update_fields=["state"])
    return seat


@transaction.atomic
def seat_delete(*, seat: Seat) -> None:
    """Delete a seat and its whole world. The default seat is never deleted."""
    if seat.is_default:
        raise ValueError("The default seat is never deleted.")
    _seat_rows_delete(seat)
    seat.delete()


@transaction.atomic
def class_create(
    *, name: str, seat_count: int, language: str, time_zone: str | None = None
) -> Classroom:
    """A class with `seat_count` seats, each with its own sample world, ready to be joined.
    Its board shows times in `time_zone` (an IANA name; default: the server's TIME_ZONE)."""
    if not 1 <= seat_count <= MAX_SEATS_PER_CLASS:
        raise ValueError(f"A class has 1 to {MAX_SEATS_PER_CLASS} seats.")
    classroom = Classroom(name=name, language=language)
    if time_zone is not None:
        classroom.time_zone = time_zone
    classroom.full_clean(validate_unique=False, validate_constraints=False)
    classroom.save()
    for number in range(1, seat_count + 1):
        seat_create(classroom=classroom, number=number)
    return classroom


@transaction.atomic
def class_reset(*, classroom: Classroom, actor: User | None = None) -> None:
    for seat in classroom.seats.all():
        seat_reset(seat=seat, actor=actor)


@transaction.atomic
def class_end(*, classroom: Classroom) -> None:
    """Delete the class and its seats; the trainees' browsers are back in the default seat."""
    for seat in classroom.seats.all():
        seat_delete(seat=seat)
    classroom.delete()


class ClassFull(Exception):
    """Every seat of the class has a trainee."""

    def __str__(self):  # what the join page says (the view's ServiceFormMixin shows it)
        return gettext(
            "Every seat of this class is taken. Ask your trainer for a seat, or type "
            "the name you joined with if you already have one."
        )


class NameTaken(Exception):
    """Another seat of the class has this name (compared by `seats.names.name_key`)."""

    def __init__(self, seat: Seat | None):
        super().__init__(seat)
        self.seat = seat

    def __str__(self):  # what the rename form says under the name
        number = self.seat.number if self.seat else "?"
        return gettext("Seat %(number)s already has this name.") % {"number": number}


@transaction.atomic
def seat_join(*, classroom: Classroom, display_name: str, device: str = "") -> Seat:
    """The next free seat of the class, for a trainee whose name no seat of it has.

    A name some seat already has raises NameTaken: who gets that seat back is
    `sandbox.joining`'s decision. The database decides between two joins with one name at
    the same moment (the unique name key of a class), not a read before the write: each
    claims a free seat with one conditional UPDATE, and the second is refused by the
    constraint, on any number of servers."""
    display_name = name_clean(display_name)
    key = name_key(display_name)
    taken = Seat.objects.filter(classroom=classroom, name_key=key).first()
    if taken is not None:
        raise NameTaken(taken)
    free = Seat.objects.filter(classroom=classroom, name_key="").order_by(
        F("last_activity_at").asc(nulls_first=True), "number"
    )
    for seat in free:
        fields = {
            "display_name": display_name,
            "name_key": key,
            "rejoin_code": rejoin_code_new(),
            "device": device,
            "last_activity_at": timezone.now(),
        }
        try:
            with transaction.atomic():
                claimed = Seat.objects.filter(pk=seat.pk, name_key="").update(**fields)
        except IntegrityError:
            other = Seat.objects.filter(classroom=classroom, name_key=key).first()
            raise NameTaken(other) from None
        if claimed:
            for name, value in fields.items():
                setattr(seat, name, value)
            return seat
    raise ClassFull


def seat_touch(seat: Seat) -> None:
    """Note that the seat's trainee did something (the board's "last activity")."""
    now = timezone.now()
    Seat.objects.filter(pk=seat.pk).update(last_activity_at=now)
    seat.last_activity_at = now


def seat_touch_due(seat: Seat, *, now: datetime.datetime | None = None) -> bool:
    """Whether a request in `seat` should write its "last activity" again: never for the
    default seat (nobody's board shows it), else when it is older than SEAT_TOUCH_EVERY."""
    if seat.is_default:
        return False
    now = now or timezone.now()
    return seat.last_activity_at is None or now - seat.last_activity_at >= SEAT_TOUCH_EVERY


def outcome_reached_record(*, seat_id: int, outcome: Outcome) -> None:
    """Mark on the board that the seat's trainee was shown `outcome`; the first time stays.

    One INSERT that the database ignores when the seat reached the outcome before (the
    unique seat and outcome), so two tabs showing it at once cannot fail either."""
    OutcomeReached.objects.bulk_create(
        [OutcomeReached(seat_id=seat_id, outcome=Outcome(outcome))], ignore_conflicts=True
    )


def persona_signed_in_record(*, seat_id: int, email: str) -> None:
    """Mark on the board that the seat's trainee signed in as the persona of `email`."""
    PersonaSignedIn.objects.bulk_create(
        [PersonaSignedIn(seat_id=seat_id, email=email.lower())], ignore_conflicts=True
    )


# The shortest idle window `classes_prune` and `seats_prune` accept: a trainee reading a
# long page for a few minutes is no idle class.
PRUNE_MIN_IDLE_DAYS = 1


def _prune_limit(idle_days: int, now: datetime.datetime | None) -> datetime.datetime:
    if idle_days < PRUNE_MIN_IDLE_DAYS:
        raise ValueError(f"The idle window is at least {PRUNE_MIN_IDLE_DAYS} day.")
    return (now or timezone.now()) - datetime.timedelta(days=idle_days)


def classes_prune(*, idle_days: int, now: datetime.datetime | None = None) -> list[str]:
    """End every class with no activity in its seats for more than `idle_days` days (at least
    one): a class nobody joined counts from its creation, so one prepared within the window
    stays. Returns the ended classes' codes."""
    limit = _prune_limit(idle_days, now)
    ended = []
    for classroom in Classroom.objects.filter(created_at__lt=limit).prefetch_related("seats"):
        last = max(
            [seat.last_activity_at for seat in classroom.seats.all() if seat.last_activity_at],
            default=classroom.created_at,
        )
        if last < limit:
            ended.append(classroom.code)
            class_end(classroom=classroom)
    return ended


def seats_prune(*, idle_days: int, now: datetime.datetime | None = None) -> list[int]:
    """Delete every seat of no class (the self-paced course's, the API's) that nobody used for
    more than `idle_days` days (at least one): no page in it, no API call with its token, counted
    from its creation when never used. Never the default seat, never a class's seat (its class
    ends with `classes_prune`). Returns the deleted seats' ids."""
    limit = _prune_limit(idle_days, now)
    idle = (
        Seat.objects.filter(classroom__isnull=True, is_default=False, created_at__lt=limit)
        .filter(Q(last_activity_at__isnull=True) | Q(last_activity_at__lt=limit))
        .order_by("pk")
    )
    deleted = []
    for seat in idle:
        deleted.append(seat.pk)
        seat_delete(seat=seat)
    return deleted


def persona_signed_in_noted(sender, request, user, **kwargs) -> None:
    """`user_logged_in` receiver: a seat's trainee signed in as a persona (any customer
    person: the trainer and staff are nobody's persona). Nothing in the default seat."""
    seat_id = entered_seat_id()
    if seat_id is not None and user.account_id is not None:
        persona_signed_in_record(seat_id=seat_id, email=user.email)
