"""The article's decision tables, as plain functions.

Every screen that shows an outcome asks one of these functions; no other place decides. Each
returns an `Outcome`, whose value is the outcome id of docs/decision-tables.md and of
`data-outcome`. A persona's whole path through a table (`billing_center_path`,
`admin_center_path`) is made of the same functions, so the persona table, the scenario guide,
the QA page and the tests show what the views do.
"""

from dataclasses import dataclass
from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _

from seats.prepared import PreparedRead, first_of

from .models import Account, User

# The query parameter value (`?from=admin-center`) that says a page was reached from the
# Admin Center's Add Licenses: AC-1 on Subscriptions, AC-3c in the portal.
FROM_ADMIN_CENTER = "admin-center"


class Outcome(models.TextChoices):
    # Billing Center sign-in table.
    BC_1 = "BC-1", _("Redirected to Subscriptions: you are the billing admin")
    BC_2 = "BC-2", _("You seem to have landed in the wrong place.")
    BC_2A = "BC-2a", _("Standard account: you are not the billing admin")
    BC_2B = "BC-2b", _("Account managed in the Corporate Billing Portal: Go to Billing")
    BC_2C = "BC-2c", _("Cannot sign in to the Corporate Billing Portal: not the billing admin")
    # Admin Center "Add Licenses" table.
    AC_1 = "AC-1", _("Redirected to Subscriptions: you are the billing admin")
    AC_2 = "AC-2", _("Contact the billing admin to change products or licenses")
    AC_3 = "AC-3", _("Select a product to sign in to the Billing Center and add licenses")
    AC_3C = "AC-3c", _("Cannot sign in to the Corporate Billing Portal: not the billing admin")


class PathEnd(models.TextChoices):
    """Where a path through a table ends on no outcome of the article: no `data-outcome`, no
    trainer note, but a branch of the scenario guide."""

    PORTAL_SIGNED_IN = (
        "portal-signed-in",
        _("Signs in to the Corporate Billing Portal (holds the User ID from an emailed invoice)"),
    )
    ADMIN_CENTER_REFUSED = "refused", _("Not an account admin: the Admin Center refuses them")


Step = Outcome | PathEnd


def billing_center_landing(user: User) -> Outcome:
    """Billing Center sign-in: where a signed-in LogMeIn ID lands.

    BC-1: the account's billing admin goes to the account's Subscriptions page.
    BC-2: everyone else gets the wrong-location message, which links to My Account.
    """
    if is_billing_admin_of(user, user.account):
        return Outcome.BC_1
    return Outcome.BC_2


def subscriptions_outcome(user: User, *, from_admin_center: bool) -> Outcome:
    """Billing Center, Subscriptions: which row of which table brought the billing admin here.

    AC-1: Add Licenses in the Admin Center redirected them (`?from=admin-center`).
    BC-1: they signed in to the Billing Center (or came from anywhere else).
    """
    if not is_billing_admin_of(user, user.account):
        raise ValueError("Subscriptions is the billing admin's page; check is_billing_admin_of.")
    return Outcome.AC_1 if from_admin_center else Outcome.BC_1


def my_account_outcome(user: User) -> Outcome | None:
    """Billing Center, My Account (reached from the wrong-location message).

    None: the billing admin; My Account shows no outcome, only the way to Subscriptions.
    BC-2b: the account is managed in the Corporate Billing Portal: "Go to Billing".
    BC-2a: otherwise (a standard account): not the billing admin, contact the account admin.
    """
    if is_billing_admin_of(user, user.account):
        return None
    if user.account is not None and user.account.is_corporate_billing:
        return Outcome.BC_2B
    return Outcome.BC_2A


def can_use_admin_center(user: User) -> bool:
    """The Admin Center is for account admins only (an agent is refused)."""
    return user.is_authenticated and user.account_id is not None and user.is_account_admin


def add_licenses_outcome(user: User) -> Outcome:
    """Admin Center, "Add Licenses" in the left navigation, for an account admin.

    AC-3: the account is managed in the Corporate Billing Portal (whoever you are): select a
          product's logo to sign in, or go to the portal.
    AC-1: you are the billing admin: redirected to the Billing Center Subscriptions page.
    AC-2: a standard account, and you are not the billing admin: contact the billing admin.
    """
    if not can_use_admin_center(user):
        raise ValueError("Add Licenses is for account admins; check can_use_admin_center first.")
    if user.account.is_corporate_billing:
        return Outcome.AC_3
    if user.is_billing_admin:
        return Outcome.AC_1
    return Outcome.AC_2


def portal_refusal_outcome(*, from_admin_center: bool) -> Outcome:
    """Corporate Billing Portal: someone who cannot sign in there is not the billing admin.

    BC-2c when they came from the Billing Center (My Account, Go to Billing), AC-3c when they
    came from the Admin Center (Add Licenses).
    """
    return Outcome.AC_3C if from_admin_center else Outcome.BC_2C


class PortalSignIn(StrEnum):
    """What the Corporate Billing Portal's credential check answered."""

    SIGNED_IN = "signed_in"
    INVALID = "invalid"  # unknown User ID or wrong password
    LOCKED = "locked"  # too many wrong passwords: refused whatever the password


def portal_sign_in_outcome(
    result: PortalSignIn | None, *, from_admin_center: bool
) -> Outcome | None:
    """Corporate Billing Portal sign-in: the outcome its answer shows, if any.

    BC-2c / AC-3c: the User ID and password were refused (portal_refusal_outcome).
    None: signed in; or locked out, which says nothing of who the billing admin is (the page
    tells who is locked and until when); or nothing was checked (a field left empty).
    """
    if result == PortalSignIn.INVALID:
        return portal_refusal_outcome(from_admin_center=from_admin_center)
    return None


def portal_step(*, holds_portal_login: bool, from_admin_center: bool) -> Step:
    """The Corporate Billing Portal at the end of BC-2b and AC-3: whoever holds a portal login
    signs in; anyone else meets the refusal (BC-2c / AC-3c)."""
    if holds_portal_login:
        return PathEnd.PORTAL_SIGNED_IN
    return portal_refusal_outcome(from_admin_center=from_admin_center)


def billing_center_path(user: User, *, holds_portal_login: bool) -> list[Step]:
    """The Billing Center table's branches this person takes, in order: the landing, then
    My Account's outcome, then the portal (`holds_portal_login`: the portal's own logins say
    whether this person holds one)."""
    landing = billing_center_landing(user)
    path: list[Step] = [landing]
    if landing == Outcome.BC_2:
        my_account = my_account_outcome(user)
        path.append(my_account)
        if my_account == Outcome.BC_2B:
            path.append(portal_step(holds_portal_login=holds_portal_login, from_admin_center=False))
    return path


def admin_center_path(user: User, *, holds_portal_login: bool) -> list[Step]:
    """The Admin Center "Add Licenses" table's branches this person takes, in order: the
    refusal of someone who is not an account admin, or Add Licenses' outcome, then the portal."""
    if not can_use_admin_center(user):
        return [PathEnd.ADMIN_CENTER_REFUSED]
    outcome = add_licenses_outcome(user)
    path: list[Step] = [outcome]
    if outcome == Outcome.AC_3:
        path.append(portal_step(holds_portal_login=holds_portal_login, from_admin_center=True))
    return path


def is_billing_admin_of(user: User, account: Account | None) -> bool:
    """The one person who may change this account's plan, payment and billing information.

    Accounts managed in the Corporate Billing Portal have no billing admin in the Billing
    Center: they are billed in the portal. A URL never bypasses this check.
    """
    return (
        account is not None
        and user.is_authenticated
        and user.account_id == account.pk
        and user.is_billing_admin
        and not account.is_corporate_billing
    )


def can_see_billing_contact(viewer: User, account: Account | None) -> bool:
    """Only billing contacts and account admins may see who an account's billing contact is."""
    return (
        account is not None
        and viewer.is_authenticated
        and viewer.account_id == account.pk
        and (viewer.is_account_admin or viewer.is_billing_admin)
    )


def billing_contact(account: Account) -> User | None:
    """The account's billing admin, if it has one."""
    return _billing_contact.first(account.pk)


# AC-2's and My Account's read, its SQL compiled once a process (seats.prepared).
_billing_contact = PreparedRead(
    lambda account_id: first_of(User.objects.filter(account=account_id, is_billing_admin=True)),
    User._meta.get_field("account"),
)


@dataclass(frozen=True)
class WhomToContact:
    """Whom a page tells a person to contact about the account's billing: the billing admin,
    named, when the account has one; otherwise the article's fallback, "contact the account
    admin who manages your account" (an account whose billing admin left the company)."""

    billing_admin: User | None

    @property
    def names_billing_admin(self) -> bool:
        return self.billing_admin is not None

    @property
    def is_fallback(self) -> bool:
        """No billing admin to name: the page gives the article's fallback instead."""
        return self.billing_admin is None


def whom_to_contact(account: Account) -> WhomToContact:
    """AC-2 ("contact the billing admin") and My Account (BC-2a) name the billing admin; an
    account with no billing admin at all names no one and falls back on the account admin who
    manages the account. The outcome stays the same (AC-2, BC-2a): only whom it names changes.
    """
    return WhomToContact(billing_admin=billing_contact(account))
