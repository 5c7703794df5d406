"""The article's two tables, row by row, for every sample persona."""

import re
from pathlib import Path

import pytest

from accounts.decisions import (
    Outcome,
    PortalSignIn,
    add_licenses_outcome,
    admin_center_path,
    billing_center_landing,
    billing_center_path,
    billing_contact,
    can_see_billing_contact,
    can_use_admin_center,
    is_billing_admin_of,
    my_account_outcome,
    portal_refusal_outcome,
    portal_sign_in_outcome,
    subscriptions_outcome,
)
from tests import outcome_table as table
from tests.factories import AccountFactory, UserFactory


@pytest.mark.parametrize("key", table.PATHS)
def test_billing_center_table(persona, key):
    user = persona(key)
    assert billing_center_landing(user) == table.landing(key)
    assert my_account_outcome(user) == table.my_account(key)


@pytest.mark.parametrize("key", table.PATHS)
def test_admin_center_table(persona, key):
    add_licenses = table.add_licenses(key)
    user = persona(key)
    assert can_use_admin_center(user) is (add_licenses is not None)
    if add_licenses is not None:
        assert add_licenses_outcome(user) == add_licenses


@pytest.mark.parametrize("key", table.PATHS)
@pytest.mark.parametrize(
    ("center", "path"),
    [(table.BILLING_CENTER, billing_center_path), (table.ADMIN_CENTER, admin_center_path)],
)
def test_whole_path_through_each_table(persona, key, center, path):
    holds = key in table.PORTAL_LOGIN_HOLDERS
    steps = path(persona(key), holds_portal_login=holds)
    assert [step.value for step in steps] == table.PATHS[key][center]


@pytest.mark.parametrize(
    ("holds", "billing_center_end", "admin_center_end"),
    [(True, "portal-signed-in", "portal-signed-in"), (False, "BC-2c", "AC-3c")],
)
def test_the_portal_ends_both_corporate_paths(persona, holds, billing_center_end, admin_center_end):
    # Whoever holds a portal login signs in; without one, the portal's refusal.
    for key in ["diego", "elena"]:
        assert billing_center_path(persona(key), holds_portal_login=holds)[-1] == (
            billing_center_end
        )
        assert admin_center_path(persona(key), holds_portal_login=holds)[-1] == admin_center_end


def test_add_licenses_refuses_to_decide_for_an_agent(persona):
    with pytest.raises(ValueError):
        add_licenses_outcome(persona("carla"))


def test_trainer_without_account_is_not_billing_admin(persona):
    trainer = persona("trainer")
    assert billing_center_landing(trainer) == Outcome.BC_2
    assert my_account_outcome(trainer) == Outcome.BC_2A
    assert not can_use_admin_center(trainer)


@pytest.mark.parametrize(
    ("from_admin_center", "expected"), [(False, Outcome.BC_2C), (True, Outcome.AC_3C)]
)
def test_portal_refusal(from_admin_center, expected):
    assert portal_refusal_outcome(from_admin_center=from_admin_center) == expected


@pytest.mark.parametrize(
    ("result", "from_admin_center", "expected"),
    [
        (PortalSignIn.INVALID, False, Outcome.BC_2C),
        (PortalSignIn.INVALID, True, Outcome.AC_3C),
        # A locked User ID says nothing of who the billing admin is: no outcome, the lock.
        (PortalSignIn.LOCKED, False, None),
        (PortalSignIn.LOCKED, True, None),
        (PortalSignIn.SIGNED_IN, False, None),
        (None, True, None),  # a field left empty: nothing was checked
    ],
)
def test_portal_sign_in_outcome(result, from_admin_center, expected):
    assert portal_sign_in_outcome(result, from_admin_center=from_admin_center) == expected


@pytest.mark.django_db
def test_billing_admin_of_another_account_is_not_billing_admin_here():
    ana = UserFactory(billing_admin=True)
    assert is_billing_admin_of(ana, ana.account)
    assert not is_billing_admin_of(ana, AccountFactory())


@pytest.mark.parametrize(
    ("key", "may_see"),
    [("ana", True), ("bruno", True), ("carla", False), ("diego", True), ("trainer", False)],
)
def test_who_may_see_the_billing_contact(persona, key, may_see):
    acme_or_globex = persona("ana").account if key != "diego" else persona("diego").account
    assert can_see_billing_contact(persona(key), acme_or_globex) is may_see


def test_billing_contact_is_the_billing_admin(persona):
    assert billing_contact(persona("bruno").account) == persona("ana")
    assert billing_contact(persona("diego").account) is None


def test_no_template_compares_an_outcome_with_a_string():
    # Templates receive the Outcome enum or a named boolean from the view: an id written in a
    # template would escape the decision functions.
    literal = re.compile(r"""(==|!=)\s*["'](BC|AC)-""")
    templates = Path(__file__).resolve().parents[2] / "templates"
    found = [
        str(path.relative_to(templates))
        for path in templates.rglob("*.html")
        if literal.search(path.read_text())
    ]
    assert found == []


@pytest.mark.parametrize(
    ("from_admin_center", "outcome"), [(True, Outcome.AC_1), (False, Outcome.BC_1)]
)
def test_subscriptions_say_which_table_brought_the_billing_admin(
    persona, from_admin_center, outcome
):
    assert subscriptions_outcome(persona("ana"), from_admin_center=from_admin_center) == outcome
    with pytest.raises(ValueError):
        subscriptions_outcome(persona("bruno"), from_admin_center=from_admin_center)
