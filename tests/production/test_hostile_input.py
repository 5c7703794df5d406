"""Bad input at scale: every POST form the crawler finds, as each persona, filled by
hypothesis with hostile values, hidden fields and buttons included, and the forms reached only
after a POST too (an order summary's Place Order, Add Seats' review). No answer is a server
error; a rejected submission (anything but an accepted one, whatever its status) changes
nothing in the project's tables; the persona stays signed in throughout.

It knows no form by name, so the forms other branches add are covered once merged. Forms that
end the session or change who is signed in (sign-out, reset, the home page's sign-in as a
persona) are fuzzed last, each example on a freshly signed-in client.

The same crawl also sends every date field dates outside the clock's window, every field a
value of 100,000 characters and bodies of more fields than Django reads (size limits:
core/middleware.py), and every field that names someone or something (a LogMeIn ID, a portal
User ID, an object's id) the identities and primary keys of another seat.
"""

import hashlib
import re

import pytest
from django.apps import apps
from django.contrib import messages
from django.contrib.auth.signals import user_login_failed
from django.db import connection
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sandbox.lockouts import TRAINER_SIGN_IN_VIEW, seat_identity_prefix
from sandbox.sample_data import PERSONAS_BY_KEY
from sandbox.worlds import seat_create, seat_scoped_models
from seats.models import Seat

from .bounded import REFUSAL_BUDGET, hostile_dates, query_budget
from .crawler import (
    PORTAL_USER_ID,
    Form,
    cart_line_add,
    class_state,
    crawl,
    is_signed_in_as,
    lockout_state,
    page_forms,
    pending_cancellation_state,
    persona_client,
    seat_persona_client,
    view_name,
)
from .isolation import seat_attempts_of, seat_rows
from .test_seat_isolation import NOT_SUBMITTED

PROJECT_APPS = ("accounts", "billing_center", "admin_center", "corp_portal", "sandbox")
PERSONAS = [None, "ana", "bruno", "carla", "diego", "elena", "fernanda", "trainer"]
EXAMPLES_PER_FORM = 25
# The sign-in and language forms are the same for everyone: fuzzed in full for the anonymous
# visitor, briefly for each persona.
EXAMPLES_PER_SHARED_FORM = 4
EXAMPLES_PER_SESSION_ENDING_FORM = 4
SHARED_VIEWS = {
    "billing_center:sign-in",
    "admin_center:sign-in",
    "corp_portal:sign-in",
    "set_language",
}
# Bookkeeping a refused sign-in is meant to write (counting failures towards a lockout).
BOOKKEEPING_FIELDS = {
    "accounts.User": {"last_login"},
    "corp_portal.PortalLogin": {"failed_attempts", "locked_until", "last_sign_in_at"},
}
UNFUZZED_FIELDS = {"csrfmiddlewaretoken"}  # the test client does not check it

HOSTILE_TEXTS = [
    "",
    " ",
    "0",
    "-1",
    "-0",
    "1e9",
    "99999999999999999999999999",
    "0.5",
    "1,5",
    "١٢",
    "１２",
    "NaN",
    "Infinity",
    "<script>alert(1)</script>",
    '"><img src=x>',
    "' OR 1=1 --",
    "\u202eevil",
    "a\x00b",
    "\x07\x1b",
    "𝟙𝟚𝟛",
    "ana.billing@acme.example",
    "//evil.example",
    "9" * 5000,
    "é" * 300,
]
hostile = st.one_of(
    st.sampled_from(HOSTILE_TEXTS),
    st.integers(min_value=-(10**15), max_value=10**15).map(str),
    st.decimals(allow_nan=False, allow_infinity=False, places=3).map(str),
    st.text(max_size=40),
    st.text(min_size=200, max_size=2000),
)


def _snapshot() -> dict[str, str]:
    """A digest of every row of the project's own models (bookkeeping fields aside), read
    with plain SQL: it runs once for every submission."""
    digests = {}
    with connection.cursor() as cursor:
        for model in _project_models():
            skipped = BOOKKEEPING_FIELDS.get(model._meta.label, set())
            columns = ", ".join(
                connection.ops.quote_name(f.column)
                for f in model._meta.concrete_fields
                if f.name not in skipped
            )
            table = connection.ops.quote_name(model._meta.db_table)
            pk = connection.ops.quote_name(model._meta.pk.column)
            cursor.execute(f"SELECT {columns} FROM {table} ORDER BY {pk}")  # noqa: S608
            rows = cursor.fetchall()
            digests[model._meta.label] = hashlib.sha256(repr(rows).encode()).hexdigest()
    return digests


def _project_models() -> list:
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label in PROJECT_APPS and not model._meta.proxy
    ]


def _strategy_for(form: Form):
    """Every field of the form: visible ones hostile or a valid choice, hidden ones and
    buttons their own value, left out, or hostile."""
    fields = {}
    for f in form.fields:
        if f.name in fields or f.name in UNFUZZED_FIELDS:
            continue
        same_name = [g for g in form.fields if g.name == f.name]
        own_values = [g.value or "on" for g in same_name]
        own_values += [option for g in same_name for option in g.options]
        if f.kind in ("hidden", "submit", "button", "image", "checkbox", "radio", "select"):
            fields[f.name] = st.one_of(st.sampled_from(own_values), st.just(None), hostile)
        else:
            fields[f.name] = st.one_of(hostile, st.just(None))
    return st.fixed_dictionaries(fields)


def _accepted(response) -> bool:
    """The product said it did what was asked: a success message came with the answer."""
    storage = getattr(response.wsgi_request, "_messages", None)
    queued = getattr(storage, "_queued_messages", [])
    return any(message.level == messages.SUCCESS for message in queued)


# The snapshot after the last submission: nothing else writes between two submissions.
_last_snapshot: list = [None]


def _submit(client, form: Form, values: dict) -> tuple[dict, object, bool]:
    data = {k: v for k, v in form.default_data().items() if k not in values}
    data.update({k: v for k, v in values.items() if v is not None})
    before = _last_snapshot[0] or _snapshot()
    response = client.post(form.action, data)
    assert response.status_code < 500, f"{form.action}: {response.status_code} for {data}"
    accepted = _accepted(response)
    after = _last_snapshot[0] = _snapshot()
    if not accepted:
        assert after == before, (
            f"{form.action} ({form.testid}) refused {data} with {response.status_code} "
            "but changed data"
        )
    return data, response, accepted


def _fuzz(form: Form, examples: int, submit_one) -> list[bool]:
    outcomes = []

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(values=_strategy_for(form))
    def submit(values):
        outcomes.append(submit_one(values))

    submit()
    return outcomes


@pytest.mark.parametrize("persona_key", PERSONAS)
def test_no_input_breaks_a_form(sample_data, persona_key):
    pending_cancellation_state()  # so the undo-cancel forms are fuzzed too
    lockout_state()  # and the Lockouts page's Clear form
    client = persona_client(Client(), persona_key)
    _, forms = crawl(client)
    _last_snapshot[0] = None
    assert forms
    assert is_signed_in_as(client, persona_key)
    staying = [form for form in forms if not form.ends_the_session]
    ending = [form for form in forms if form.ends_the_session]
    submitted = {}

    for form in staying:
        shared = persona_key is not None and form.key[0] in SHARED_VIEWS

        def submit_one(values, form=form):
            _, _, accepted = _submit(client, form, values)
            assert is_signed_in_as(client, persona_key), (
                f"{persona_key} was signed out by {form.action} ({form.testid})"
            )
            return accepted

        examples = EXAMPLES_PER_SHARED_FORM if shared else EXAMPLES_PER_FORM
        submitted[form.key] = _fuzz(form, examples, submit_one)

    for form in ending:  # last, each example on a client signed in afresh

        def submit_fresh(values, form=form):
            fresh = persona_client(Client(), persona_key)
            _last_snapshot[0] = None  # signing in may write
            return _submit(fresh, form, values)[2]

        submitted[form.key] = _fuzz(form, EXAMPLES_PER_SESSION_ENDING_FORM, submit_fresh)

    assert all(len(outcomes) >= 1 for outcomes in submitted.values())
    rejected = sum(not accepted for outcomes in submitted.values() for accepted in outcomes)
    assert rejected >= len(forms)  # the snapshot check ran at least once a form


def _date_clients() -> dict[str, Client]:
    """Whoever meets a date field: Diego (the portal's Purchase Orders), a person in a seat
    of no class (the Clock page), the trainer with a class (each seat's clock on the board)."""
    class_state()
    return {
        "diego": persona_client(Client(), "diego"),
        "a seat of no class": seat_persona_client(Client(), seat_create(), None),
        "trainer": persona_client(Client(), "trainer"),
    }


def test_no_date_field_takes_a_date_outside_the_window(sample_data):
    """Every date field the crawler finds, sent dates far in the future or past and just
    outside the clock's window (tests/production/bounded.py): refused (no success message,
    nothing changed), never a server error, and in a handful of queries (no replay of years)."""
    checked = []
    for who, client in _date_clients().items():
        _, forms = crawl(client, steps=False)  # every date field is on a page of its own
        for form in (form for form in forms if form.date_fields):
            for name in form.date_fields:
                for value in hostile_dates():
                    data = form.date_data(name, value)
                    before = _snapshot()
                    with query_budget(REFUSAL_BUDGET * 3):
                        response = client.post(form.action, data)
                    where = f"{who}: {form.action} {name}={value}"
                    assert response.status_code < 500, where
                    assert not _accepted(response), f"{where} was accepted"
                    assert _snapshot() == before, f"{where} changed data"
                    checked.append((who, form.url_name, name))
    # The crawl met the clock's two forms and the portal's Purchase Order form.
    assert {url_name for _who, url_name, _name in checked} >= {
        "clock",
        "seat-clock",
        "purchase-orders",
    }, checked


# --- Size limits -----------------------------------------------------------------------
# Whoever meets a form: a visitor, a billing admin, the portal's user, the trainer.
SIZE_PERSONAS = [None, "ana", "diego", "trainer"]
OVERSIZED = "A" * 100_000
# Past DATA_UPLOAD_MAX_NUMBER_FIELDS (Django's 1,000): a field sent 2,000 times, 2,000 fields.
MANY = 2_000


def _oversized_cases(form: Form) -> list[tuple[str, dict, bool]]:
    """(what, data, with the CSRF check) for one form: each of its fields (hidden ones and
    buttons too) sent OVERSIZED, one field sent MANY times, MANY fields of names of their
    own. The last two go through the CSRF check, as every POST does outside the tests: the
    check is the first to read the body."""
    default = form.default_data()
    names = list(dict.fromkeys(f.name for f in form.fields if f.name not in UNFUZZED_FIELDS))
    cases = [
        (f"{name}=<100,000 characters>", {**default, name: OVERSIZED}, False) for name in names
    ]
    repeated = names[0] if names else "field"
    cases.append((f"{repeated} sent {MANY} times", {**default, repeated: ["1"] * MANY}, True))
    extra = {f"extra{i}": "1" for i in range(MANY)}
    cases.append((f"{MANY} extra fields", {**default, **extra}, True))
    return cases


@pytest.mark.parametrize("persona_key", SIZE_PERSONAS)
def test_no_form_takes_an_oversized_value(sample_data, persona_key):
    """Every form the crawler finds, each field sent 100,000 characters, and a body of more
    fields than Django reads: never a server error, refused (a 4xx or the form again, no
    success message), nothing changed, the value not echoed back whole, in a bounded number
    of queries. Forms that end the session are sent from a client signed in afresh."""
    client = persona_client(Client(), persona_key)
    _, forms = crawl(client)
    assert forms
    sent = 0
    for form in forms:
        for what, data, csrf_checked in _oversized_cases(form):
            sender = persona_client(Client(), persona_key) if form.ends_the_session else client
            sender.handler.enforce_csrf_checks = csrf_checked
            before = _snapshot()
            with query_budget(REFUSAL_BUDGET):
                response = sender.post(form.action, data)
            sender.handler.enforce_csrf_checks = False
            where = f"{persona_key}: {form.action} ({form.testid}) {what}"
            assert response.status_code < 500, f"{where}: {response.status_code}"
            assert not _accepted(response), f"{where} was accepted"
            assert _snapshot() == before, f"{where} changed data"
            assert OVERSIZED not in response.content.decode(errors="replace"), (
                f"{where}: the answer echoes the value back"
            )
            if csrf_checked:
                assert 400 <= response.status_code < 500, f"{where}: {response.status_code}"
            sent += 1
        assert is_signed_in_as(client, persona_key), f"{persona_key} signed out by {form.action}"
    assert sent >= 2 * len(forms)


# --- Identities of other seats ---------------------------------------------------------
# Fields that name a person, a LogMeIn ID, a portal User ID or an object.
IDENTIFIER_NAME = re.compile(r"(^|_)(id|pk|username|email|user|login|lockout)(_|$)")
IDENTIFIER_VALUE = re.compile(r"^\d+$|@")
# Forms through which the trainer acts on any seat, by design (never sent here).
ANY_SEAT_BY_DESIGN = set(NOT_SUBMITTED)
WRONG_PASSWORD = "typo"


def _identifier_fields(form: Form) -> list[str]:
    """The names of the form's fields that name someone or something: by their name or type
    (username, email, user_id, a hidden id), or by a value the crawler saw there (a number,
    an email), an option's too."""
    names = []
    for f in form.fields:
        seen = [f.value, *f.options]
        if f.name in UNFUZZED_FIELDS or f.name in names or f.kind == "password":
            continue
        if (
            f.kind == "email"
            or IDENTIFIER_NAME.search(f.name)
            or any(IDENTIFIER_VALUE.search(value or "") for value in seen)
        ):
            names.append(f.name)
    return names


def _other_seat_values(other) -> list[str]:
    """What belongs to the `other` seat: its personas' lockout identities as django-axes
    counts them (sandbox/lockouts.py: "seat<id>:", "default:", and the default seat's
    "staff:"), its portal User ID so scoped, and the primary keys of the first and last row of
    each of its models (a subscription, an invoice, a person, a quote...) and of the seat itself."""
    ana = PERSONAS_BY_KEY["ana"].email
    trainer = PERSONAS_BY_KEY["trainer"].email
    values = [
        f"{seat_identity_prefix(other)}{ana}",
        f"default:{ana}",
        f"staff:{trainer}",
        f"{seat_identity_prefix(other)}{PORTAL_USER_ID}",
        str(other.pk),
    ]
    for model in seat_scoped_models():  # the base manager: the other seat's rows, unscoped
        pks = model._base_manager.filter(seat=other).order_by("pk").values_list("pk")
        values += [str(row[0]) for row in (pks.first(), pks.last()) if row is not None]
    return list(dict.fromkeys(values))


def _lockout_sign_in_forms(client) -> list[Form]:
    """The forms of the sign-in pages whose failures django-axes counts and the crawler does
    not reach (sandbox/lockouts.py's trainer's sign-in, the Django admin's, under a prefix
    the crawler skips): the one sign-in that takes any username, not only an email."""
    return page_forms(client, reverse(TRAINER_SIGN_IN_VIEW))  # none for the trainer, signed in


def _seat_client(here, persona_key):
    """A client of `persona_key` in `here`, signed in the way the README says."""
    return seat_persona_client(Client(), here, persona_key)


# (where the forms are sent, persona): the trainer lives in the default seat only.
IDENTITY_CASES = [
    *[("default seat", key) for key in (None, "ana", "diego", "trainer")],
    *[("a seat", key) for key in (None, "ana", "diego")],
]


@pytest.mark.parametrize(("where", "persona_key"), IDENTITY_CASES)
def test_no_identifier_field_reaches_another_seat(request, sample_data, where, persona_key):
    """In the default seat and in a seat, every form whose fields name someone or something,
    sent the other seat's identities (its lockout identities, its rows' primary keys), with a
    wrong password where the form asks one: never a server error, the other seat's rows
    exactly as before, and no failed sign-in counted under the other seat's identity."""
    default, seat = Seat.objects.default(), seat_create()
    here, other = (default, seat) if where == "default seat" else (seat, default)
    client = _seat_client(here, persona_key)
    if persona_key == "ana":
        cart_line_add(client)  # the cart's Remove buttons name a subscription by its id
    _, forms = crawl(client)
    forms += _lockout_sign_in_forms(client)
    values = _other_seat_values(other)
    tried = []  # the usernames whose password was checked (and refused)

    def password_checked(sender, credentials, **kwargs):
        tried.append(credentials.get("username"))

    user_login_failed.connect(password_checked, dispatch_uid="hostile-identities")
    request.addfinalizer(lambda: user_login_failed.disconnect(dispatch_uid="hostile-identities"))
    rows_before = seat_rows(other)
    attempts_before = seat_attempts_of(other).count()
    sent = 0
    for form in forms:
        names = _identifier_fields(form)
        if not names or view_name(form.action) in ANY_SEAT_BY_DESIGN:
            continue
        passwords = {f.name: WRONG_PASSWORD for f in form.fields if f.kind == "password"}
        for name in names:
            for value in values:
                sender = _seat_client(here, persona_key) if form.ends_the_session else client
                data = {**form.default_data(), **passwords, name: value}
                response = sender.post(form.action, data)
                assert response.status_code < 500, (
                    f"{where}, {persona_key}: {form.action} {name}={value}: {response.status_code}"
                )
                sent += 1
        assert seat_attempts_of(other).count() == attempts_before, (
            f"{where}, {persona_key}: {form.action} counted a failed sign-in in the other seat"
        )
        assert seat_rows(other) == rows_before, (
            f"{where}, {persona_key}: {form.action} ({names}) changed the other seat's rows"
        )
        assert is_signed_in_as(client, persona_key, seat=here), (
            f"{persona_key} left {here} after {form.action}"
        )
    assert sent >= len(values), f"{where}, {persona_key}: no identifier field was sent"
    if where == "default seat" and persona_key != "trainer":
        # The trainer's sign-in took the other seat's identity to the password check.
        assert values[0] in tried, f"{persona_key}: no sign-in checked {values[0]}"
