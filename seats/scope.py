"""Which seat the code is working in: the one place that scopes the sample world.

A request works in its session's seat (`seats.middleware`); code outside a request (commands,
tests, the sample-data loader) works in the default seat unless it enters another with
`seat_scope`. Seat-scoped models (`SeatScopedModel`: a `SeatField` and a `SeatScopedManager`)
read only the current seat's rows and write new rows into it, so no view, form or service
filters by seat itself.

The idea is django-scopes' (a context variable read by the default managers), with one
difference: there is always a current seat, the default one, so every page and every test
written before seats existed behaves as it did.
"""

import contextlib
import datetime
from contextvars import ContextVar

from django.db import connections, models, router

_current_seat_id: ContextVar[int | None] = ContextVar("current_seat_id", default=None)
# The entered seat's clock (`Seat.today`), carried beside its id so that reading "today" costs
# no query: None means the start date; UNKNOWN, a seat entered by its id only (read when asked).
UNKNOWN = object()
_current_seat_today: ContextVar = ContextVar("current_seat_today", default=None)


def current_seat_id() -> int:
    """The id of the seat the code is working in (the default seat's when none was entered)."""
    seat_id = _current_seat_id.get()
    if seat_id is None:
        from .models import Seat

        seat_id = Seat.objects.default().pk
    return seat_id


@contextlib.contextmanager
def seat_scope(seat, *, today=UNKNOWN):
    """Work in `seat` (a Seat or its id) inside the block, at the seat's clock: `today` when
    given (the clock replaying a day), else the Seat's own `today`."""
    if today is UNKNOWN:
        today = getattr(seat, "today", UNKNOWN)
    token = _current_seat_id.set(getattr(seat, "pk", seat))
    today_token = _current_seat_today.set(today)
    try:
        yield
    finally:
        _current_seat_today.reset(today_token)
        _current_seat_id.reset(token)


def current_seat_today() -> datetime.date | None:
    """The current seat's clock: its `today`, None when it shows the start date (always so in
    the default seat). No query, but for a seat entered by its id alone."""
    today = _current_seat_today.get()
    if today is UNKNOWN:
        from .models import Seat

        return (
            Seat.objects.filter(pk=_current_seat_id.get()).values_list("today", flat=True).first()
        )
    return today


class SeatField(models.ForeignKey):
    """The seat a row belongs to: the current seat when the row is made, never edited."""

    def __init__(self, **kwargs):
        kwargs.setdefault("to", "seats.Seat")
        kwargs.setdefault("on_delete", models.CASCADE)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("blank", True)  # filled in on save, never by a form
        kwargs.setdefault("related_name", "+")
        kwargs.setdefault("verbose_name", "seat")
        super().__init__(**kwargs)

    def get_default(self):
        # No query here: Django makes model instances at start-up (system checks) too.
        return _current_seat_id.get()

    def pre_save(self, model_instance, add):
        if add and getattr(model_instance, self.attname) is None:
            setattr(model_instance, self.attname, current_seat_id())
        return super().pre_save(model_instance, add)


class CurrentSeatId(models.Expression):
    """The current seat's id, read when the query runs rather than when it is built: a
    queryset made at import time (a form field's choices) still answers for the seat of the
    request that evaluates it. In the default seat it is a subquery, so a page of the default
    seat costs no query more than it did before seats existed."""

    output_field = models.BigIntegerField()

    def as_sql(self, compiler, connection):
        seat_id = _current_seat_id.get()
        if seat_id is not None:
            return "%s", [seat_id]
        from .models import Seat

        # `WHERE is_default` as the partial unique index `one_default_seat` says it: SQLite
        # then reads that one-row index instead of every seat (`= %s` it could not match).
        quote = connection.ops.quote_name
        return (
            f"(SELECT {quote('id')} FROM {quote(Seat._meta.db_table)} WHERE {quote('is_default')})",
            [],
        )


class SeatScopedManager(models.Manager):
    """A default manager that sees the current seat's rows only.

    Related-object access (`subscription.account`) goes through Django's base manager, which
    follows a row already read in this seat; deleting a seat cascades through the same.
    """

    def get_queryset(self):
        # The filter is the same for every query of the manager (its seat is read when the query
        # runs): built once, and each call answers a fresh copy, as `.all()` does. A related
        # manager (`account.users`, made for one instance) builds its own.
        if self._hints:
            return super().get_queryset().filter(seat_id=CurrentSeatId())
        scoped = self.__dict__.get("_scoped")
        if scoped is None or scoped._db != self._db:  # `db_manager(using)` copies the manager
            scoped = self._scoped = super().get_queryset().filter(seat_id=CurrentSeatId())
        return scoped.all()


def seat_lock(seat=None) -> None:
    """Lock the row of `seat` (a Seat or its id; the current seat when None) until the
    transaction ends, FOR NO KEY UPDATE.

    The one lock that orders the writes of a seat's world which must not interleave: a
    reset (of the seat, its class, a starting state), a clock move, and placing an order
    each take it first, before any row of the world, so that one waits for the other instead
    of each holding what the other needs (a deadlock). NO KEY: the rows a writer inserts
    meanwhile check their seat with a KEY SHARE lock, which this one lets through (a plain
    FOR UPDATE would not). No query on a database without row locks (SQLite, which writes
    one transaction at a time: a transaction of every profile begins IMMEDIATE, holding the
    database's write lock already)."""
    from .models import Seat

    if not connections[router.db_for_write(Seat)].features.has_select_for_update:
        return
    seat_id = getattr(seat, "pk", seat) if seat is not None else _current_seat_id.get()
    seats = Seat.objects.select_for_update(no_key=True)
    seats = seats.filter(pk=seat_id) if seat_id is not None else seats.filter(is_default=True)
    seats.values_list("pk").first()


def entered_seat_id() -> int | None:
    """The seat entered with `seat_scope` (a request's joined seat); None in the default seat.
    Costs no query."""
    return _current_seat_id.get()


class SeatScopedModel(models.Model):
    """A row of a seat's world: it belongs to one seat, and its default manager sees only the
    current seat's rows. Every model of the sample world derives from it (the user model, which
    needs Django's user manager, declares the same two lines itself)."""

    seat = SeatField()

    objects = SeatScopedManager()

    class Meta:
        abstract = True
