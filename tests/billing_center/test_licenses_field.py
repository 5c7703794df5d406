"""A number of licenses is asked the same way by Add Licenses and Add New Subscription: the
same limits, the same messages (each its own "how many"), the same number input."""

from types import SimpleNamespace

import pytest
from django.utils import translation

from accounts.models import MAX_LICENSES, PlanTier
from billing_center.forms import AddLicensesForm, NewSubscriptionForm

# (form, its arguments, its licenses field, what it says when the field is left empty)
LICENSES_FIELDS = [
    (
        AddLicensesForm,
        {"subscription": SimpleNamespace(licenses=0)},
        "quantity",
        "Enter how many licenses to add.",
    ),
    (
        NewSubscriptionForm,
        {"plan_tiers": PlanTier.objects.none()},
        "licenses",
        "Enter how many licenses.",
    ),
]


@pytest.mark.parametrize(("form_class", "kwargs", "field", "required"), LICENSES_FIELDS)
@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("0", "Enter a number of licenses of at least 1."),
        (str(MAX_LICENSES + 1), f"A subscription can hold at most {MAX_LICENSES} licenses."),
        ("", None),
    ],
)
def test_licenses_limits_and_messages(form_class, kwargs, field, required, value, message):
    with translation.override("en"):
        form = form_class({field: value}, **kwargs)
        assert not form.is_valid()
        assert form.errors[field] == [message or required]


@pytest.mark.parametrize(("form_class", "kwargs", "field", "required"), LICENSES_FIELDS)
def test_licenses_a_number_input_within_the_limits(form_class, kwargs, field, required):
    html = str(form_class(**kwargs)[field])
    assert 'type="number"' in html
    assert 'min="1"' in html and f'max="{MAX_LICENSES}"' in html
    assert 'inputmode="numeric"' in html
