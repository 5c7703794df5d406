"""The classroom's writes: create, reset, end and prune a class, a trainee joining a seat of
it, pruning idle seats of no class, and the board's records (the outcomes a seat reached and the
personas its trainee signed in as).

A seat's world itself (made, reset, deleted) is `sandbox.worlds`'; a class asks it for each of
its seats.
"""

import datetime
import functools
import threading
from collections import OrderedDict

from django.db import IntegrityError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext

from accounts.decisions import Outcome
from accounts.models import User
from sandbox.worlds import seat_create, seat_delete, seat_reset
from seats.models import MAX_SEATS_PER_CLASS, Classroom, Seat, rejoin_code_new
from seats.names import name_clean, name_key
from seats.scope import entered_seat_id

from .models import OutcomeReached, PersonaSignedIn


@transaction.atomic
def class_create(
    *,
    name: str,
    seat_count: int,
    language: str,
    time_zone: str | None = None,
    owner: User | None = None,
) -> Classroom:
    """A class with `seat_count` seats, each with its own sample world, ready to be joined.
    Its board shows times in `time_zone` (an IANA name; default: the server's TIME_ZONE).
    `owner` is the trainer who runs it (`Classroom.objects.run_by`); a class of nobody is
    seen by lead trainers only."""
    if not 1 <= seat_count <= MAX_SEATS_PER_CLASS:
        raise ValueError(f"A class has 1 to {MAX_SEATS_PER_CLASS} seats.")
    classroom = Classroom(name=name, language=language, owner=owner)
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
    `classes.joining`'s decision. The database decides between two joins with one name at
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


def outcome_reached_record(*, seat_id: int, outcome: Outcome) -> None:
    """Mark on the board that the seat's trainee was shown `outcome`; the first time stays."""
    _record_once(
        OutcomeReached, seat=seat_id, outcome=Outcome(outcome).value, reached_at=timezone.now()
    )


def persona_signed_in_record(*, seat_id: int, email: str) -> None:
    """Mark on the board that the seat's trainee signed in as the persona of `email`."""
    _record_once(PersonaSignedIn, seat=seat_id, email=email.lower(), signed_in_at=timezone.now())


def _record_once(model, **values) -> None:
    """One INSERT of a board's record that the database ignores when the seat has it already
    (the model's unique seat and outcome, or seat and persona), so two tabs showing it at once
    cannot fail either.

    The statement `bulk_create(ignore_conflicts=True)` would write, without the ORM building
    it at every outcome page of a class (five times the CPU) and wrapping it in a
    transaction of its own. ON CONFLICT DO NOTHING is the same in SQLite and PostgreSQL."""
    meta = model._meta
    fields = {meta.get_field(name): value for name, value in values.items()}
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES ({placeholders}) "
            "ON CONFLICT DO NOTHING",
            [field.get_db_prep_save(value, connection) for field, value in fields.items()],
        )


class RecordsWritten:
    """The board's records this process has written, so that showing a page again (every
    visit to Subscriptions shows BC-1) writes nothing: without it, each outcome page a class
    opens took SQLite's one write lock.

    A record is remembered by its seat's id and token: freeing a seat deletes its records and
    gives it a new token, and a deleted seat takes its records with it, so a remembered record
    is one the database holds. Remembered once its transaction commits, and at most `size` of
    them (the oldest forgotten first, written again if they come back)."""

    def __init__(self, size: int):
        self.size = size
        self._keys: OrderedDict[tuple, None] = OrderedDict()
        self._lock = threading.Lock()

    def __contains__(self, key: tuple) -> bool:
        return key in self._keys

    def add(self, key: tuple) -> None:
        with self._lock:
            self._keys[key] = None
            while len(self._keys) > self.size:
                self._keys.popitem(last=False)


# A class of 60 seats, each with its dozen outcomes and personas, fits many times over.
records_written = RecordsWritten(size=20_000)


def outcome_shown_record(*, seat: Seat, outcome: Outcome) -> None:
    """`outcome_reached_record`, unless this process already wrote it for this seat."""
    _write_once(
        ("outcome", seat.pk, seat.token, str(outcome)),
        functools.partial(outcome_reached_record, seat_id=seat.pk, outcome=outcome),
    )


def persona_signed_in_noted(sender, request, user, **kwargs) -> None:
    """`user_logged_in` receiver: a seat's trainee signed in as a persona (any customer
    person: the trainer and staff are nobody's persona). Nothing in the default seat; nothing
    written when this process already did for the seat (a seat entered during this very
    request, as an LMS launch does, has no token here yet and is always written)."""
    seat_id = entered_seat_id()
    if seat_id is None or user.account_id is None:
        return
    seat = getattr(request, "joined_seat", None)
    write = functools.partial(persona_signed_in_record, seat_id=seat_id, email=user.email)
    if seat is None or seat.pk != seat_id:
        write()
    else:
        _write_once(("persona", seat_id, seat.token, user.email.lower()), write)


def _write_once(key: tuple, write) -> None:
    """`write()`, unless this process wrote `key` before (`records_written`, once committed)."""
    if key not in records_written:
        write()
        transaction.on_commit(lambda: records_written.add(key))


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
