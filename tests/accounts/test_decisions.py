"""The article's two tables, row by row, for every sample persona."""

import pytest

from accounts.decisions import (
    Outcome,
    PortalSignIn,
    add_licenses_outcome,
    billing_center_landing,
    billing_contact,
    can_see_billing_contact,
    can_use_admin_center,
    is_billing_admin_of,
    my_account_outcome,
    portal_refusal_outcome,
    portal_sign_in_outcome,
)
from tests.factories import AccountFactory, UserFactory

# persona: (Billing Center landing, My Account, Admin Center "Add Licenses"); None where the
# step does not apply (the billing admin never sees My Account's verdict; an agent is refused).
EXPECTED = {
    "ana": (Outcome.BC_1, None, Outcome.AC_1),
    "bruno": (Outcome.BC_2, Outcome.BC_2A, Outcome.AC_2),
    "carla": (Outcome.BC_2, Outcome.BC_2A, None),
    "diego": (Outcome.BC_2, Outcome.BC_2B, Outcome.AC_3),
    "elena": (Outcome.BC_2, Outcome.BC_2B, Outcome.AC_3),
    "fernanda": (Outcome.BC_1, None, Outcome.AC_1),
}


@pytest.mark.parametrize(("key", "expected"), EXPECTED.items())
def test_billing_center_table(persona, key, expected):
    landing, my_account, _ = expected
    user = persona(key)
    assert billing_center_landing(user) == landing
    if my_account is not None:
        assert my_account_outcome(user) == my_account


@pytest.mark.parametrize(("key", "expected"), EXPECTED.items())
def test_admin_center_table(persona, key, expected):
    _, _, add_licenses = expected
    user = persona(key)
    assert can_use_admin_center(user) is (add_licenses is not None)
    if add_licenses is not None:
        assert add_licenses_outcome(user) == add_licenses


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
