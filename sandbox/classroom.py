"""Classes and seats: each seat gets its own copy of the sample world, made, reset and
deleted here, and nowhere else.

A seat's rows are found through `seats.scope` (every seat-scoped model has a SeatField), so
deleting or resetting one seat is a query per model on that seat's rows: no other seat, and no
session of another seat, is touched.
"""

import datetime

from django.apps import apps
from django.db import IntegrityError, transaction
from django.db.models import F
from django.db.models.deletion import Collector
from django.utils import timezone

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
    """Delete every row of `seat`'s world, keeping the seat itself.

    One collector for all of them, so an account and the people in it go together: a person's
    account is RESTRICTed (not deletable alone), and every row that restricts one is in the
    same seat, so it is deleted too."""
    collector = Collector(using="default")
    for model in seat_scoped_models():
        collector.collect(model._base_manager.filter(seat=seat), fail_on_restricted=False)
    collector.delete()
    _seat_lockouts_delete(seat)


def _seat_lockouts_delete(seat: Seat) -> None:
    from axes.models import AccessAttempt, AccessFailureLog

    from .lockouts import seat_identity_prefix

    prefix = seat_identity_prefix(seat)
    if prefix:
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
    seat = Seat.objects.select_for_update().get(pk=seat.pk)
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
def seat_delete(*, seat: Seat) -> None:
    """Delete a seat and its whole world. The default seat is never deleted."""
    if seat.is_default:
        raise ValueError("The default seat is never deleted.")
    _seat_rows_delete(seat)
    seat.delete()


@transaction.atomic
def class_create(*, name: str, seat_count: int, language: str) -> Classroom:
    """A class with `seat_count` seats, each with its own sample world, ready to be joined."""
    if not 1 <= seat_count <= MAX_SEATS_PER_CLASS:
        raise ValueError(f"A class has 1 to {MAX_SEATS_PER_CLASS} seats.")
    classroom = Classroom.objects.create(name=name, language=language)
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


class NameTaken(Exception):
    """Another seat of the class has this name (compared by `seats.names.name_key`)."""

    def __init__(self, seat: Seat | None):
        super().__init__(seat)
        self.seat = seat


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


def classes_prune(*, idle_days: int, now: datetime.datetime | None = None) -> list[str]:
    """End every class with no activity in its seats for more than `idle_days` days (counted
    from its creation when nobody ever joined). Returns the ended classes' codes."""
    now = now or timezone.now()
    limit = now - datetime.timedelta(days=idle_days)
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


def persona_signed_in_noted(sender, request, user, **kwargs) -> None:
    """`user_logged_in` receiver: a seat's trainee signed in as a persona (any customer
    person: the trainer and staff are nobody's persona). Nothing in the default seat."""
    seat_id = entered_seat_id()
    if seat_id is not None and user.account_id is not None:
        persona_signed_in_record(seat_id=seat_id, email=user.email)
