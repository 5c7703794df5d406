"""The rules every form shares: numbers in the digits 0 to 9, and one billing-address rule for
the Billing Center's Billing Info and the portal's Bill To."""

from types import SimpleNamespace

import pytest
from django.utils import translation

from accounts.validators import Country
from billing_center.forms import AddLicensesForm, BillingInfoForm, PaymentMethodForm
from billing_center.models import BillingInfo
from corp_portal.forms import BillToForm, SeatsForm, ServiceOrderForm
from corp_portal.models import BillTo
from tests.billing_center.factories import CARD

DIGITS_ONLY = "Use the digits 0 to 9."
ONE_LICENSE = SimpleNamespace(licenses=1)

# Every number people type in a center: (form, its arguments, the data around it, field).
NUMBER_FIELDS = [
    (AddLicensesForm, {"subscription": ONE_LICENSE}, {}, "quantity"),
    (PaymentMethodForm, {}, CARD, "exp_month"),
    (PaymentMethodForm, {}, CARD, "exp_year"),
    (PaymentMethodForm, {}, CARD, "cvc"),
    (PaymentMethodForm, {}, CARD, "card_number"),
    (SeatsForm, {}, {}, "seats"),
    (ServiceOrderForm, {}, {"seats": "12"}, "seats_reviewed"),
]
# The same number in Arabic-Indic, full-width, mathematical and Bengali digits.
OTHER_SCRIPTS = {
    "quantity": ["١٢", "１２", "𝟙𝟚", "১২"],
    "exp_month": ["١٢", "１２"],
    "exp_year": ["٢٠٣٠", "２０３０"],
    "cvc": ["١٢٣", "１２３"],
    "card_number": ["٤٢٤٢ ٤٢٤٢ ٤٢٤٢ ٤٢٤٢", "４２４２４２４２４２４２４２４２"],
    "seats": ["١٢", "１２"],
    "seats_reviewed": ["٥", "５"],
}


@pytest.mark.parametrize(
    ("form_class", "kwargs", "data", "field", "value"),
    [
        (form_class, kwargs, data, field, value)
        for form_class, kwargs, data, field in NUMBER_FIELDS
        for value in OTHER_SCRIPTS[field]
    ],
)
def test_numbers_accept_the_digits_0_to_9_only(form_class, kwargs, data, field, value):
    with translation.override("en"):
        form = form_class({**data, field: value}, **kwargs)
        assert not form.is_valid()
        assert form.errors[field] == [DIGITS_ONLY]


@pytest.mark.parametrize(
    ("form_class", "kwargs", "data", "field"),
    [row for row in NUMBER_FIELDS if row[3] != "card_number"],
)
def test_numbers_in_ascii_digits_still_pass(form_class, kwargs, data, field):
    value = {"exp_year": "2030", "exp_month": "12", "cvc": "123", "seats_reviewed": "5"}
    form = form_class({**data, field: value.get(field, "12")}, **kwargs)
    assert field not in form.errors


def _address_forms(data):
    billing_info = {
        "company_name": "Acme",
        "address_line1": "1 Main Street",
        "city": "Austin",
        "postal_code": "78701",
        "country": "US",
    }
    bill_to = {
        "company_name": "Acme",
        "street": "1 Main Street",
        "city": "Austin",
        "postal_code": "78701",
        "email": "ap@acme.example",
    }
    return [
        BillingInfoForm({**billing_info, **data}, instance=BillingInfo()),
        BillToForm({**bill_to, **data}, instance=BillTo(country=Country.US)),
    ]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("company_name", "<b>Acme</b>"),
        ("city", "{{ 7*7 }}"),
        ("city", "Aus\x00tin"),
        ("city", "Aus\x1btin"),
        ("postal_code", "<script>"),
        ("postal_code", "7"),
        ("postal_code", "!!"),
        ("postal_code", "1" * 12),
        ("postal_code", "٧٨٧٠١"),
    ],
)
def test_one_address_rule_for_billing_info_and_bill_to(field, value):
    for form in _address_forms({field: value}):
        assert not form.is_valid(), type(form).__name__
        assert field in form.errors, type(form).__name__


def test_both_address_forms_accept_the_same_good_address():
    for form in _address_forms({"postal_code": "SW1A 1AA"}):
        assert form.is_valid(), (type(form).__name__, form.errors)


def test_one_country_list():
    assert BillingInfoForm().fields["country"].choices == Country.choices
    assert BillTo._meta.get_field("country").choices == Country.choices
