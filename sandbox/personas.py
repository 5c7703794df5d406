"""What each persona is expected to see, asked of the decision functions themselves.

The home page, the scenario guide and the QA page all read these paths: one source.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse

from accounts.decisions import (
    Outcome,
    add_licenses_outcome,
    billing_center_landing,
    can_use_admin_center,
    my_account_outcome,
    portal_refusal_outcome,
)
from accounts.models import User
from corp_portal.models import PortalLogin

from .centers import ADMIN_CENTER, BILLING_CENTER, Center
from .models import Persona

# Steps of a path that are not outcomes of the article's tables.
PORTAL_SIGNED_IN = "portal-signed-in"  # holds a Corporate Billing Portal login: signs in there
ADMIN_CENTER_REFUSED = "refused"  # not an account admin: the Admin Center refuses them


def billing_center_path(user: User, *, holds_portal_login: bool) -> list[str]:
    """The Billing Center table's branches this person takes, in order (outcome ids)."""
    landing = billing_center_landing(user)
    if landing != Outcome.BC_2:
        return [landing.value]
    my_account = my_account_outcome(user)
    path = [landing.value, my_account.value]
    if my_account == Outcome.BC_2B:
        path.append(
            PORTAL_SIGNED_IN
            if holds_portal_login
            else portal_refusal_outcome(from_admin_center=False).value
        )
    return path


def admin_center_path(user: User, *, holds_portal_login: bool) -> list[str]:
    """The Admin Center "Add Licenses" table's branches this person takes, in order."""
    if not can_use_admin_center(user):
        return [ADMIN_CENTER_REFUSED]
    outcome = add_licenses_outcome(user)
    path = [outcome.value]
    if outcome == Outcome.AC_3:
        path.append(
            PORTAL_SIGNED_IN
            if holds_portal_login
            else portal_refusal_outcome(from_admin_center=True).value
        )
    return path


def start_url(center: Center, email: str) -> str:
    """The center's sign-in with the persona's email filled in: the trainee still signs in."""
    return f"{reverse(center.sign_in_url_name)}?{urlencode({'email': email})}"


@dataclass
class PersonaRow:
    persona: Persona
    billing_center_path: list[str]
    admin_center_path: list[str]
    portal_user_id: str | None

    @property
    def user(self) -> User:
        return self.persona.user

    @property
    def billing_center(self) -> list[Outcome]:
        return [Outcome(step) for step in self.billing_center_path if step in Outcome.values]

    @property
    def admin_center(self) -> Outcome | None:
        """None: the Admin Center refuses them."""
        outcomes = [Outcome(step) for step in self.admin_center_path if step in Outcome.values]
        return outcomes[0] if outcomes else None

    @property
    def admin_center_outcomes(self) -> list[Outcome]:
        return [Outcome(step) for step in self.admin_center_path if step in Outcome.values]

    @property
    def corp_portal(self) -> list[Outcome] | None:
        """The portal column: None for a standard account, [] for whoever signs in there,
        else the refusals (from the Billing Center, from the Admin Center)."""
        if not self.user.account.is_corporate_billing:
            return None
        if self.portal_user_id:
            return []
        return [
            portal_refusal_outcome(from_admin_center=False),
            portal_refusal_outcome(from_admin_center=True),
        ]

    @property
    def billing_center_start_url(self) -> str:
        return start_url(BILLING_CENTER, self.user.email)

    @property
    def admin_center_start_url(self) -> str:
        return start_url(ADMIN_CENTER, self.user.email)


def persona_rows() -> list[PersonaRow]:
    """Customer personas with the branches they take in each table, in two queries.

    Who holds a Corporate Billing Portal login is read from the portal's own logins, so a
    trainer who gives Elena one in the Django admin sees her path change here too.
    """
    personas = Persona.objects.select_related("user__account").filter(user__account__isnull=False)
    portal_user_ids = dict(
        PortalLogin.objects.filter(holder__isnull=False).values_list("holder_id", "user_id")
    )
    rows = []
    for persona in personas:
        portal_user_id = portal_user_ids.get(persona.user_id)
        holds = portal_user_id is not None
        rows.append(
            PersonaRow(
                persona,
                billing_center_path(persona.user, holds_portal_login=holds),
                admin_center_path(persona.user, holds_portal_login=holds),
                portal_user_id,
            )
        )
    return rows
