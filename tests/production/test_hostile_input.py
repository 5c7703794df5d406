"""Bad input at scale: every POST form the crawler finds, as each persona, filled by
hypothesis with hostile values, hidden fields and buttons included, and the forms reached only
after a POST too (an order summary's Place Order, Add Seats' review). No answer is a server
error; a rejected submission (anything but an accepted one, whatever its status) changes
nothing in the project's tables; the persona stays signed in throughout.

It knows no form by name, so the forms other branches add are covered once merged. Forms that
end the session or change who is signed in (sign-out, reset, the home page's sign-in as a
persona) are fuzzed last, each example on a freshly signed-in client.
"""

import hashlib

import pytest
from django.apps import apps
from django.contrib import messages
from django.db import connection
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sandbox.classroom import seat_create

from .bounded import REFUSAL_BUDGET, hostile_dates, query_budget
from .crawler import (
    Form,
    class_state,
    crawl,
    is_signed_in_as,
    lockout_state,
    pending_cancellation_state,
    persona_client,
    seat_persona_client,
)

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
