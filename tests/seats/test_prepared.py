"""A `PreparedRead` (seats.prepared) gives what its queryset gives, compiled once a process: the
same instances (class, values, `select_related` objects, annotations, deferred fields) or
`values_list()` tuples, in the seat and the language of the call, whichever seat or language
compiled it first."""

from unittest import mock

import pytest
from django.contrib.sessions.backends.db import SessionStore as DjangoSessionStore
from django.db import connection
from django.db.models.sql.compiler import SQLCompiler
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from accounts.backends import _user_with_account
from accounts.decisions import _billing_contact
from accounts.models import Account, Subscription, User, _priced, _priced_of
from corp_portal.models import Invoice, PortalLogin
from corp_portal.views import _invoices_shown, _portal_login
from faults.catalog import FAULTS
from faults.services import _faults_on, seat_faults_set
from sandbox.middleware import _trainer_note
from sandbox.models import Persona, TrainerNote
from sandbox.personas import _portal_logins_held
from sandbox.sample_data import PERSONAS_BY_KEY
from sandbox.views import _home_personas
from sandbox.worlds import seat_create
from seats.middleware import _seat_with_class
from seats.models import Seat
from seats.prepared import PreparedRead, first_of
from seats.scope import entered_seat_id, seat_scope
from seats.sessions import _session_read

pytestmark = pytest.mark.django_db

ANA = PERSONAS_BY_KEY["ana"].email

# A read of a Subscription's columns that need converters (a Decimal annotation, a date).
_priced_columns = PreparedRead(
    lambda account_id: (
        Subscription.objects.with_prices()
        .filter(account=account_id)
        .order_by("pk")
        .values_list("pk", "price_per_license", "renewal_date", "licenses")
    ),
    Subscription._meta.get_field("account"),
)


# DISTINCT and an order by a column not selected: SQL selects that column too, after the
# tuple's (Django's compiler leaves it out of the rows it gives).
_licenses_by_product = PreparedRead(
    lambda account_id: (
        Subscription.objects.filter(account=account_id)
        .distinct()
        .order_by("product__name")
        .values_list("licenses")
    ),
    Subscription._meta.get_field("account"),
)


def _ana_account_id():
    return User.objects.get(email=ANA).account_id


def _corporate_account_id():
    return Invoice.objects.order_by("pk").values_list("account_id", flat=True).first()


def _session_args():
    store = DjangoSessionStore()
    store["seat"] = entered_seat_id()
    store.create()
    return (store.session_key, timezone.now())


# (name, read, the arguments it takes, read in the current seat)
READS = [
    ("user_with_account", _user_with_account, lambda: (User.objects.get(email=ANA).pk,)),
    ("priced_of", _priced_of, lambda: (_ana_account_id(),)),
    (
        "priced",
        _priced,
        lambda: (
            _ana_account_id(),
            Subscription.objects.filter(account=_ana_account_id()).order_by("-pk")[0].pk,
        ),
    ),
    ("priced_columns", _priced_columns, lambda: (_ana_account_id(),)),
    (
        "seat_with_class",
        _seat_with_class,
        lambda: (entered_seat_id() or Seat.objects.default().pk,),
    ),
    ("home_personas", _home_personas, lambda: ()),
    ("portal_logins_held", _portal_logins_held, lambda: ()),
    ("trainer_note", _trainer_note, lambda: (TrainerNote.objects.order_by("pk")[0].outcome,)),
    ("billing_contact", _billing_contact, lambda: (_ana_account_id(),)),
    ("faults_on", _faults_on, lambda: (entered_seat_id() or Seat.objects.default().pk,)),
    (
        "portal_login",
        _portal_login,
        lambda: (PortalLogin.objects.filter(holder__isnull=False).order_by("pk")[0].pk,),
    ),
    ("invoices_shown", _invoices_shown, lambda: (_corporate_account_id(),)),
    ("session", _session_read, _session_args),
]
# The reads whose rows belong to a seat: another seat's arguments find none of them.
SEAT_SCOPED = {
    "user_with_account",
    "priced_of",
    "priced",
    "priced_columns",
    "billing_contact",
    "portal_login",
    "invoices_shown",
}


def described(found, seen=()):
    """Everything a read's answer holds, comparable with ==: each instance's class, values
    (`__dict__` less `_state`), database, deferred fields and the related objects cached with
    it (`select_related`, both ways of a one-to-one), described the same way; a tuple as it
    is. An instance met again on the way is named by its class and key."""
    if isinstance(found, list):
        return [described(item, seen) for item in found]
    if found is None or isinstance(found, tuple):
        return found
    if id(found) in seen:
        return ("again", type(found), found.pk)
    seen = (*seen, id(found))
    return (
        type(found),
        {name: value for name, value in found.__dict__.items() if name != "_state"},
        found._state.db,
        found._state.adding,
        sorted(found.get_deferred_fields()),
        {
            name: described(related, seen)
            for name, related in sorted(found._state.fields_cache.items())
        },
    )


def orm_answer(read, args):
    return list(read.build(*args))


@pytest.fixture
def two_seats(sample_data):
    """Two seats whose worlds differ (their ids, their faults, Ana's licenses and persona)."""
    first, second = seat_create(), seat_create()
    for seat, faults, licenses in ((first, FAULTS[:2], 41), (second, FAULTS[2:3], 42)):
        seat_faults_set(seat=seat, fault_ids=[fault.id for fault in faults])
        with seat_scope(seat):
            Subscription.objects.filter(account=_ana_account_id()).update(licenses=licenses)
    with seat_scope(first):
        Persona.objects.filter(key="ana").update(description="Ana, first seat")
    return first, second


def _seat_of(name, seats):
    return {"A": seats[0], "B": seats[1], "default": None}[name]


@pytest.mark.parametrize(("name", "read", "arguments"), READS, ids=[r[0] for r in READS])
@pytest.mark.parametrize("order", [("A", "B", "default"), ("default", "B", "A")], ids="-".join)
def test_a_prepared_read_gives_what_its_queryset_gives_in_each_seat(
    two_seats, django_assert_num_queries, name, read, arguments, order
):
    PreparedRead._statement.cache_clear()  # compiled in this test's order of seats
    answers = {}
    for seat_name in order:
        seat = _seat_of(seat_name, two_seats)
        with seat_scope(seat):  # None: the default seat
            args = arguments()
            with django_assert_num_queries(1):  # compiling it reads nothing
                found = read(*args)
            expected = orm_answer(read, args)
        answers[seat_name] = (args, found)
        assert described(found) == described(expected), seat_name
        if (name, seat_name) != ("faults_on", "default"):  # no fault in the default seat
            assert expected, f"{name} finds nothing in seat {seat_name}: nothing compared"
    if name in SEAT_SCOPED:
        # Each seat's rows are its own: A's arguments find nothing in B, nor B's in A.
        for here, there in (("A", "B"), ("B", "A")):
            with seat_scope(_seat_of(here, two_seats)):
                other_args = answers[there][0]
                assert read(*other_args) == orm_answer(read, other_args) == []
    # And the two seats did not answer the same (their rows differ), but for the notes, which
    # belong to no seat.
    if name != "trainer_note":
        assert described(answers["A"][1]) != described(answers["B"][1])


# Reads whose SQL depends on the language: modeltranslation makes `title` the active
# language's column in a filter or an ordering.
_notes_titled = PreparedRead(
    lambda title: TrainerNote.objects.filter(title=title), TrainerNote._meta.get_field("title")
)
_notes_by_title = PreparedRead(lambda: TrainerNote.objects.order_by("-title", "pk"))


@pytest.mark.parametrize(
    ("read", "arguments", "translated"),
    [
        (
            _trainer_note,
            lambda: (TrainerNote.objects.order_by("pk")[0].outcome,),
            ("title", "text"),
        ),
        (_home_personas, lambda: (), ("description",)),
        (_notes_titled, lambda: (TrainerNote.objects.order_by("pk")[0].title,), ("title",)),
        (_notes_by_title, lambda: (), ("title",)),
    ],
    ids=["trainer_note", "home_personas", "filtered-by-title", "ordered-by-title"],
)
def test_translated_fields_answer_in_the_active_language(sample_data, read, arguments, translated):
    PreparedRead._statement.cache_clear()
    shown = {}
    for language in ("en", "es", "pt-br", "en"):
        with translation.override(language):
            args = arguments()
            found, expected = read(*args), orm_answer(read, args)
            assert described(found) == described(expected)
            values = [[getattr(obj, field) for field in translated] for obj in found]
            assert values == [[getattr(obj, field) for field in translated] for obj in expected]
            assert all(all(row) for row in values)
            shown.setdefault(language, values)
            assert shown[language] == values
    # The languages really differ (else the test could not tell one from the other).
    assert len({str(shown[language]) for language in ("en", "es", "pt-br")}) == 3


@pytest.mark.parametrize(
    ("read", "arguments"),
    [
        (_portal_logins_held, lambda: ()),
        (_faults_on, lambda: (entered_seat_id(),)),
        (_priced_columns, lambda: (_ana_account_id(),)),
        (_licenses_by_product, lambda: (_ana_account_id(),)),
    ],
    ids=["portal_logins_held", "faults_on", "priced_columns", "distinct-ordered-by-another"],
)
def test_values_list_reads_give_the_orms_tuples(two_seats, read, arguments):
    for seat in two_seats:
        with seat_scope(seat):
            args = arguments()
            found = read(*args)
            expected = list(read.build(*args))
            assert expected
            assert found == expected
            assert [tuple(map(type, row)) for row in found] == [
                tuple(map(type, row)) for row in expected
            ]


@pytest.mark.parametrize(
    ("model", "field", "value"),
    [
        (Subscription, "licenses", lambda: Subscription.objects.order_by("pk")[0].licenses),
        (Seat, "number", lambda: 1),
    ],
    ids=["PositiveIntegerField", "PositiveSmallIntegerField"],
)
def test_an_argument_of_a_narrower_integer_field_is_prepared(two_seats, model, field, value):
    """Django compiles a comparison with an integer beyond the column's range as "no row"
    (EmptyResultSet): the stand-in of an argument has to be one the column can hold."""
    read = PreparedRead(
        lambda n: model.objects.filter(**{field: n}).order_by("pk"), model._meta.get_field(field)
    )
    for seat in (*two_seats, None):
        with seat_scope(seat):
            found, expected = read(value()), orm_answer(read, (value(),))
        assert expected
        assert described(found) == described(expected)


@pytest.mark.parametrize("beyond", [2**70, -(2**70)], ids=["2**70", "-2**70"])
@pytest.mark.parametrize(
    ("read", "arguments"),
    [
        (_user_with_account, lambda n: (n,)),
        (_priced_of, lambda n: (n,)),
        (_priced, lambda n: (_ana_account_id(), n)),
        (_priced, lambda n: (n, 1)),
        (_seat_with_class, lambda n: (n,)),
        (_billing_contact, lambda n: (n,)),
        (_faults_on, lambda n: (n,)),
        (_portal_login, lambda n: (n,)),
        (_invoices_shown, lambda n: (n,)),
    ],
    ids=[
        "user_with_account",
        "priced_of",
        "priced-pk",
        "priced-account",
        "seat_with_class",
        "billing_contact",
        "faults_on",
        "portal_login",
        "invoices_shown",
    ],
)
def test_an_integer_beyond_the_databases_range_finds_nothing(sample_data, read, arguments, beyond):
    # The Add Agents page of such an id answers 404: tests/billing_center/test_orders.py
    # ::test_absurd_ids_are_404_not_500.
    assert read(*arguments(beyond)) == []
    assert read.first(*arguments(beyond)) is None


@pytest.mark.parametrize(
    ("build", "fields", "error", "message"),
    [
        (lambda pk: Account.objects.all(), [Account._meta.pk], ValueError, "do not reach"),
        (
            lambda pk, name: Account.objects.filter(pk=pk),
            [Account._meta.pk, Account._meta.get_field("name")],
            ValueError,
            "do not reach",
        ),
        (
            lambda pk: Account.objects.filter(pk=pk).values("name"),
            [Account._meta.pk],
            TypeError,
            "values_list",
        ),
        (
            lambda pk: Account.objects.filter(pk=pk).prefetch_related("users"),
            [Account._meta.pk],
            TypeError,
            "values_list",
        ),
        (
            lambda pk: Account.objects.filter(pk=pk).values_list("name", flat=True),
            [Account._meta.pk],
            TypeError,
            "values_list",
        ),
        (
            lambda pk: Account.objects.filter(pk=pk).values_list("name", named=True),
            [Account._meta.pk],
            TypeError,
            "values_list",
        ),
        (
            lambda day: Subscription.objects.filter(renewal_date=day),
            [Subscription._meta.get_field("renewal_date")],
            TypeError,
            "no stand-in",
        ),
    ],
    ids=[
        "argument-unused",
        "second-argument-unused",
        "values",
        "prefetch_related",
        "flat-values_list",
        "named-values_list",
        "date-argument",
    ],
)
def test_a_build_it_cannot_prepare_fails_at_the_first_call(
    sample_data, build, fields, error, message
):
    read = PreparedRead(build, *fields)
    values = [_ana_account_id(), "Acme"][: len(fields)]
    with pytest.raises(error, match=message):
        read(*values)


@pytest.mark.parametrize("values", [(), (1, 2)], ids=["none", "two"])
def test_the_wrong_number_of_values_is_a_type_error(sample_data, values):
    with pytest.raises(TypeError, match="takes 1 values"):
        _priced_of(*values)


@pytest.mark.parametrize("in_a_seat", [False, True], ids=["default-seat", "joined-seat"])
@pytest.mark.parametrize(
    ("read", "arguments"),
    [
        (_priced, lambda: [(a.account_id, a.pk) for a in Subscription.objects.order_by("pk")]),
        (_user_with_account, lambda: [(pk,) for pk in User.objects.values_list("pk", flat=True)]),
        (_home_personas, lambda: [(), ()]),
    ],
    ids=["priced", "user_with_account", "home_personas"],
)
def test_the_statement_is_compiled_once_and_each_call_is_one_query(
    sample_data, django_assert_num_queries, read, arguments, in_a_seat
):
    seat = seat_create() if in_a_seat else None
    with seat_scope(seat):
        calls = arguments()[:4]
        assert len(calls) >= 2
        PreparedRead._statement.cache_clear()
        compile_spy = mock.patch.object(
            SQLCompiler, "as_sql", autospec=True, side_effect=SQLCompiler.as_sql
        )
        with compile_spy as as_sql:
            with django_assert_num_queries(1):
                first = read(*calls[0])
            compiled = as_sql.call_count
            assert compiled >= 1  # the spy sees the compiler
            for args in calls[1:]:
                with django_assert_num_queries(1):
                    found = read(*args)
                assert found  # each call answers for its own values
            assert as_sql.call_count == compiled
        assert first
        assert described(found) == described(orm_answer(read, calls[-1]))


@pytest.mark.parametrize(
    "queryset",
    [
        lambda: User.objects.filter(is_account_admin=True),  # the model's ordering
        lambda: User.objects.order_by("-email"),
        lambda: Account.objects.order_by(),  # unordered: by the primary key
        lambda: Subscription.objects.with_prices().filter(licenses__gt=0),  # unordered
        lambda: Account.objects.filter(name="No such account"),  # empty
        lambda: Account.objects.order_by().filter(name="No such account"),  # empty, unordered
    ],
    ids=["model-ordering", "ordered", "unordered", "unordered-annotated", "empty", "empty-unord"],
)
def test_first_of_runs_the_query_first_runs(sample_data, queryset):
    with CaptureQueriesContext(connection) as by_first:
        expected = queryset().first()
    with CaptureQueriesContext(connection) as by_first_of:
        found = list(first_of(queryset()))
    assert [q["sql"] for q in by_first_of] == [q["sql"] for q in by_first]
    assert found[:1] == ([expected] if expected is not None else [])
    assert len(found) <= 1


def test_first_of_in_a_prepared_read_is_first(sample_data):
    read = PreparedRead(
        lambda account_id: first_of(User.objects.filter(account=account_id)),
        User._meta.get_field("account"),
    )
    for account in Account.objects.order_by("pk"):
        expected = User.objects.filter(account=account.pk).first()
        assert read.first(account.pk) == expected
        assert len(read(account.pk)) == (expected is not None)
