"""A seat's world: each seat gets its own copy of the sample world, made, reset and deleted
here, and nowhere else; the default seat's world is reset here too, alone.

A seat's rows are found through `seats.scope` (every seat-scoped model has a SeatField), so
deleting or resetting one seat is a query per model on that seat's rows: no other seat, and no
session of another seat, is touched. What a class does with its seats (create, join, end and
prune a class, the board's records) is `classes.services`'. A seat's "last activity" is
written here too, at most once per SEAT_TOUCH_EVERY.
"""

import datetime

from axes.models import AccessAttempt, AccessFailureLog
from django.apps import apps
from django.db import transaction
from django.db.models import Q
from django.db.models.deletion import Collector
from django.utils import timezone

from accounts.models import User
from accounts.services import activity_record
from seats.models import Classroom, Seat
from seats.scope import SeatField, seat_scope

from .lockouts import seat_identity_prefix
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
        sandbox_load(fresh=True)  # a new seat has no row: nothing to look for
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
        sandbox_load(fresh=True)  # every row of the seat went just above
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
