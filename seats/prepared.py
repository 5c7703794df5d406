"""Reads whose SQL the ORM builds once a process instead of at every request.

Evaluating a queryset makes Django build its query and compile it to SQL every time: for the
few reads that nearly every request makes (the session, the signed-in user, the billing admin's
subscriptions) that costs the server several times what SQLite spends answering them.

A `PreparedRead` is still written with the ORM: `build` returns the queryset, with the values
it is asked for as its arguments. The first call in a process compiles it once with stand-in
values; every later call runs the same statement with the real values in their places, and
makes the instances the way Django's own `ModelIterable` does (same columns, same converters,
`select_related` and annotations included). The result is the same list of instances the
queryset gives.

The seat (`seats.scope`) stays decided when the read runs: a seat-scoped queryset is compiled
once for the default seat (its subquery) and once for an entered seat, whose id is a parameter
filled in at every call, like the arguments. So is the language, for translated fields.

`build` must depend on its arguments only (no clock, no setting, no current user): anything
else is frozen into the statement at the first call.
"""

import datetime
import functools
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connections, models, router
from django.db.models.query import ModelIterable, ValuesListIterable, get_related_populators
from django.utils import translation

from .scope import entered_seat_id, seat_scope

# Stand-ins no row holds, one per argument (and one for the seat), each found again among the
# compiled statement's parameters.
_STAND_IN_INT = -918_273_645_546
_SEAT = "seat"


def _stand_in(field: models.Field, index: int, connection=None):
    """A value of `field`'s type that no real argument is: it marks where argument `index`
    goes in the compiled statement's parameters."""
    if isinstance(field, models.ForeignKey):
        field = field.target_field
    if isinstance(field, models.IntegerField | models.AutoField):
        # One the column can hold: Django compiles a comparison with an integer beyond its
        # range as "no row" (EmptyResultSet), a positive or 32-bit column's included.
        low, high = (
            connection.ops.integer_field_range(field.get_internal_type())
            if connection is not None
            else (None, None)
        )
        if low is not None and _STAND_IN_INT - index < low:
            return high - index
        return _STAND_IN_INT - index
    if isinstance(field, models.CharField | models.TextField):
        return f"\x00stand-in {index}\x00"
    if isinstance(field, models.DateTimeField):
        return datetime.datetime(1901, 2, 3, 4, 5, 6, index + 1, tzinfo=datetime.UTC)
    raise TypeError(f"PreparedRead: no stand-in for a {type(field).__name__}")


def first_of(queryset: models.QuerySet) -> models.QuerySet:
    """The query `queryset.first()` runs, as a queryset to prepare: in its order (by primary
    key when it has none), one row."""
    return (queryset if queryset.ordered else queryset.order_by("pk"))[:1]


def _beyond_range(field: models.Field, value, connection) -> bool:
    """An integer the database's column cannot hold (a URL's id of 2**70, say)."""
    if not isinstance(value, int) or isinstance(value, bool):
        return False
    target = field.target_field if isinstance(field, models.ForeignKey) else field
    low, high = connection.ops.integer_field_range(target.get_internal_type())
    return (low is not None and value < low) or (high is not None and value > high)


@dataclass(frozen=True)
class _Statement:
    sql: str
    params: tuple
    slots: tuple  # (position in params, argument index or _SEAT)
    model: type[models.Model] | None  # None: values_list() tuples
    init_list: list[str]
    model_columns: slice  # the model's columns, or a values_list() tuple's
    converters: dict  # column -> (converters, expression), as the compiler finds them
    related_populators: list
    annotation_col_map: dict


class PreparedRead:
    """`read = PreparedRead(lambda pk: User.objects.filter(pk=pk), User._meta.pk)`, then
    `read(pk)`: the list of instances `build(pk)` would give, its SQL compiled once (or of
    tuples, for a `values_list()`).

    `fields` names, argument by argument, the model field the value is compared with: how it
    is written for the database (an aware datetime for SQLite's text, say). An integer
    argument is compared for equality: one beyond the database's range finds nothing, as
    Django's own lookup does.
    """

    def __init__(self, build: Callable[..., models.QuerySet], *fields: models.Field):
        self.build = build
        self.fields = fields

    def __call__(self, *values) -> list[models.Model]:
        if len(values) != len(self.fields):
            raise TypeError(f"PreparedRead takes {len(self.fields)} values, {len(values)} given")
        alias = router.db_for_read(self._model())
        connection = connections[alias]
        seat_id = entered_seat_id()
        statement = self._statement(alias, seat_id is not None, translation.get_language())
        written = [
            field.get_db_prep_value(value, connection)
            for field, value in zip(self.fields, values, strict=True)
        ]
        if any(map(_beyond_range, self.fields, written, [connection] * len(written))):
            return []  # as Django's `=` lookup: no row holds an integer the database cannot
        params = list(statement.params)
        for position, argument in statement.slots:
            params[position] = seat_id if argument == _SEAT else written[argument]
        with connection.cursor() as cursor:
            cursor.execute(statement.sql, params)
            rows = cursor.fetchall()
        return [self._instance(statement, alias, connection, row) for row in rows]

    def first(self, *values) -> models.Model | None:
        """The first instance, None when there is none (`build` orders and slices as it
        needs: no LIMIT is added)."""
        found = self(*values)
        return found[0] if found else None

    @functools.cache  # noqa: B019 (a PreparedRead lives as long as its module)
    def _model(self) -> type[models.Model]:
        return self.build(*(_stand_in(f, i) for i, f in enumerate(self.fields))).model

    @functools.cache  # noqa: B019
    def _statement(self, alias: str, in_a_seat: bool, language: str | None) -> _Statement:
        """Compile `build` with stand-ins, in an entered seat (a stand-in seat) or the default
        one, and note where each value goes."""
        connection = connections[alias]
        stand_ins = [_stand_in(f, i, connection) for i, f in enumerate(self.fields)]
        seat_stand_in = _STAND_IN_INT - len(self.fields)
        with translation.override(language), seat_scope(seat_stand_in if in_a_seat else None):
            queryset = self.build(*stand_ins)
            if (
                queryset._iterable_class not in (ModelIterable, ValuesListIterable)
                or queryset._prefetch_related_lookups
            ):
                raise TypeError("PreparedRead reads instances or `values_list()` tuples only")
            compiler = queryset.query.get_compiler(using=alias)
            sql, params = compiler.as_sql()
        written = {
            field.get_db_prep_value(stand_in, connection): index
            for index, (field, stand_in) in enumerate(zip(self.fields, stand_ins, strict=True))
        }
        if in_a_seat:
            written[seat_stand_in] = _SEAT
        slots = tuple(
            (position, written[param]) for position, param in enumerate(params) if param in written
        )
        # Every argument has its place (the seat has one only in a seat-scoped read).
        missing = set(range(len(self.fields))) - {argument for _position, argument in slots}
        if missing:
            raise ValueError(f"PreparedRead: arguments {missing} do not reach the statement")
        klass_info, select = compiler.klass_info, compiler.select
        converters = compiler.get_converters([s[0] for s in select[: compiler.col_count]])
        if queryset._iterable_class is ValuesListIterable:
            # The tuple's columns only: DISTINCT ordered by another column selects that too.
            columns = slice(compiler.col_count)
            return _Statement(sql, tuple(params), slots, None, [], columns, converters, [], {})
        columns = klass_info["select_fields"]
        model_columns = slice(columns[0], columns[-1] + 1)
        return _Statement(
            sql=sql,
            params=tuple(params),
            slots=slots,
            model=klass_info["model"],
            init_list=[column[0].target.attname for column in select[model_columns]],
            model_columns=model_columns,
            converters=converters,
            related_populators=get_related_populators(klass_info, select, alias),
            annotation_col_map=compiler.annotation_col_map,
        )

    @staticmethod
    def _instance(statement: _Statement, alias: str, connection, row) -> models.Model | tuple:
        row = list(row)
        for column, (converters, expression) in statement.converters.items():
            value = row[column]
            for converter in converters:
                value = converter(value, expression, connection)
            row[column] = value
        if statement.model is None:
            return tuple(row[statement.model_columns])  # values_list()
        instance = statement.model.from_db(alias, statement.init_list, row[statement.model_columns])
        for populator in statement.related_populators:
            populator.populate(row, instance)
        for name, column in statement.annotation_col_map.items():
            setattr(instance, name, row[column])
        return instance
