import functools
from dataclasses import dataclass

from django.db import connections, router
from django.utils.functional import SimpleLazyObject

from .models import Classroom, Seat
from .scope import seat_scope

SESSION_KEY = "seat_id"
# The seat's rejoin code when this browser entered it: a seat the trainer freed (or gave to
# someone else) has another one, and the browser is no longer in it.
TRAINEE_KEY = "seat_rejoin_code"


class SeatMiddleware:
    """Runs each request in the seat its session joined, or in the default seat.

    Sets `request.seat`, and `request.joined_seat` (None in the default seat). A session in a
    seat costs one query to find it (with its class, for the header's badge); the default seat
    costs none unless a page asks for it. A session whose seat was deleted (its class ended)
    is back in the default seat, as is one whose seat the trainer freed since.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seat = request.joined_seat = joined_seat(request.session)
        if seat is None:
            request.seat = SimpleLazyObject(Seat.objects.default)
            return self.get_response(request)
        request.seat = seat
        with seat_scope(seat):
            return self.get_response(request)


def joined_seat(session) -> Seat | None:
    """The seat this session joined, None for the default seat."""
    seat_id = session.get(SESSION_KEY)
    if seat_id is None:
        return None
    seat = seat_with_class(seat_id)
    entered_as = session.get(TRAINEE_KEY)  # None: a session from before rejoin codes
    if seat is None or (entered_as and entered_as != seat.rejoin_code):
        session.pop(SESSION_KEY, None)
        session.pop(TRAINEE_KEY, None)
        return None
    return seat


def seat_with_class(seat_id) -> Seat | None:
    """`Seat.objects.select_related("classroom").filter(pk=seat_id).first()`: the same
    instances with the same values, for every request in a seat. The statement is written once
    a process (`_seat_with_class_statement`) instead of being built by the ORM on every
    request, which costs many times what the database spends answering it."""
    connection = connections[router.db_for_read(Seat)]
    statement = _seat_with_class_statement(connection.alias)
    with connection.cursor() as cursor:
        cursor.execute(statement.sql, [seat_id])
        row = cursor.fetchone()
    if row is None:
        return None
    values = []
    for value, (expression, converters) in zip(row, statement.converters, strict=True):
        for converter in converters:
            value = converter(value, expression, connection)
        values.append(value)
    split = len(statement.seat_attnames)
    seat = Seat.from_db(connection.alias, statement.seat_attnames, values[:split])
    classroom = None
    if seat.classroom_id is not None:
        classroom = Classroom.from_db(connection.alias, statement.class_attnames, values[split:])
    Seat.classroom.field.set_cached_value(seat, classroom)
    return seat


@dataclass(frozen=True)
class _Statement:
    sql: str
    seat_attnames: list[str]
    class_attnames: list[str]
    converters: list[tuple]  # (column expression, its converters), column by column


@functools.cache
def _seat_with_class_statement(alias: str) -> _Statement:
    """The seat's row and its class's, by the seat's id, in one statement; and how each column
    becomes the value the ORM would give (SQLite's text dates, integer booleans...)."""
    connection = connections[alias]
    quote = connection.ops.quote_name
    seat_fields = list(Seat._meta.concrete_fields)
    class_fields = list(Classroom._meta.concrete_fields)
    columns = [f"s.{quote(f.column)}" for f in seat_fields]
    columns += [f"c.{quote(f.column)}" for f in class_fields]
    converters = []
    for field in seat_fields + class_fields:
        expression = field.get_col(field.model._meta.db_table)
        found = connection.ops.get_db_converters(expression)
        converters.append((expression, found + expression.get_db_converters(connection)))
    sql = (
        f"SELECT {', '.join(columns)} FROM {quote(Seat._meta.db_table)} s"
        f" LEFT OUTER JOIN {quote(Classroom._meta.db_table)} c"
        f" ON s.{quote(Seat.classroom.field.column)} = c.{quote(Classroom._meta.pk.column)}"
        f" WHERE s.{quote(Seat._meta.pk.column)} = %s"
    )
    return _Statement(
        sql, [f.attname for f in seat_fields], [f.attname for f in class_fields], converters
    )


def seat_enter(request, seat: Seat) -> None:
    """Put this browser in `seat` from its next request on, signed out of every persona: the
    people of one seat do not exist in another."""
    from django.contrib.auth import logout

    logout(request)
    if not seat.is_default:
        request.session[SESSION_KEY] = seat.pk
        request.session[TRAINEE_KEY] = seat.rejoin_code
    request.seat = seat
    request.joined_seat = None if seat.is_default else seat


def seat_leave(request) -> None:
    """Back to the default seat, signed out."""
    seat_enter(request, Seat.objects.default())
