"""Bad input at scale: every POST form the crawler finds, as each persona, filled by
hypothesis with hostile values. No answer is a server error, and a rejected submission (the
form shown again, or a 4xx) changes nothing in the project's tables.

It knows no form by name, so the forms other branches add are covered once merged. The
example count per form shrinks as forms multiply, to keep the whole run under a minute.
"""

import hashlib
import time

import pytest
from django.apps import apps
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .crawler import Form, crawl, persona_client

PROJECT_APPS = ("accounts", "billing_center", "admin_center", "corp_portal", "sandbox")
PERSONAS = [None, "ana", "bruno", "carla", "diego", "elena", "fernanda", "trainer"]
EXAMPLES_PER_PERSONA = 120  # shared among the persona's forms
TIME_BUDGET_PER_PERSONA = 4.0  # seconds; hypothesis stops drawing once spent

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
    "NaN",
    "Infinity",
    "<script>alert(1)</script>",
    '"><img src=x>',
    "' OR 1=1 --",
    "\u202eevil",
    "a\x00b",
    "𝟙𝟚𝟛",
    "ana.billing@acme.example",
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
    """A digest of every row of the project's own models."""
    digests = {}
    for model in apps.get_models():
        if model._meta.app_label not in PROJECT_APPS or model._meta.proxy:
            continue
        rows = list(model._default_manager.order_by("pk").values_list())
        digests[model._meta.label] = hashlib.sha256(repr(rows).encode()).hexdigest()
    return digests


def _strategy_for(form: Form):
    fields = {}
    for f in form.fields:
        if not f.is_visible or f.name in fields:
            continue
        if f.kind == "select" and f.options:
            fields[f.name] = st.one_of(st.sampled_from(f.options), hostile)
        elif f.kind in ("checkbox", "radio"):
            fields[f.name] = st.one_of(st.just(None), st.just(f.value or "on"), hostile)
        else:
            fields[f.name] = hostile
    return st.fixed_dictionaries(fields)


def _check_form(client, form: Form, max_examples: int, deadline: float) -> int:
    tried = []

    @settings(
        max_examples=max_examples,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(values=_strategy_for(form))
    def submit(values):
        if tried and time.monotonic() > deadline:  # every form gets one example at least
            return
        data = {**form.default_data(), **{k: v for k, v in values.items() if v is not None}}
        before = _snapshot()
        response = client.post(form.action, data)
        tried.append(1)
        assert response.status_code < 500, f"{form.action}: {response.status_code} for {data}"
        if response.status_code == 200 or 400 <= response.status_code < 500:
            assert _snapshot() == before, f"{form.action} rejected {data} but changed data"

    submit()
    return len(tried)


@pytest.mark.parametrize("persona_key", PERSONAS)
def test_no_input_breaks_a_form(sample_data, persona_key):
    client = persona_client(Client(), persona_key)
    _, forms = crawl(client)
    assert forms
    per_form = max(3, EXAMPLES_PER_PERSONA // len(forms))
    deadline = time.monotonic() + TIME_BUDGET_PER_PERSONA
    submitted = sum(_check_form(client, form, per_form, deadline) for form in forms)
    assert submitted >= len(forms)
