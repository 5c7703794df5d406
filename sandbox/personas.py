"""What each persona is expected to see, asked of the decision functions themselves."""

from dataclasses import dataclass

from accounts.decisions import (
    Outcome,
    add_licenses_outcome,
    billing_center_landing,
    can_use_admin_center,
    my_account_outcome,
    portal_refusal_outcome,
)
from corp_portal.models import PortalLogin

from .models import Persona


@dataclass
class PersonaRow:
    persona: Persona
    billing_center: list[Outcome]
    admin_center: Outcome | None  # None: the Admin Center refuses them
    # Corporate Billing Portal: None for a standard account; [] for whoever signs in there;
    # else the refusals, from the Billing Center and from the Admin Center.
    corp_portal: list[Outcome] | None = None


def persona_rows() -> list[PersonaRow]:
    """The home page's persona table: customer personas with their outcome ids per center."""
    personas = Persona.objects.select_related("user__account").filter(user__account__isnull=False)
    portal_holders = set(PortalLogin.objects.values_list("holder_id", "account_id"))
    rows = []
    for persona in personas:
        user = persona.user
        billing_center = [billing_center_landing(user)]
        if billing_center[0] == Outcome.BC_2:
            billing_center.append(my_account_outcome(user))
        admin_center = add_licenses_outcome(user) if can_use_admin_center(user) else None
        corp_portal = None
        if user.account.is_corporate_billing:
            corp_portal = [] if (user.pk, user.account_id) in portal_holders else _portal_refusals()
        rows.append(PersonaRow(persona, billing_center, admin_center, corp_portal))
    return rows


def _portal_refusals() -> list[Outcome]:
    return [
        portal_refusal_outcome(from_admin_center=False),
        portal_refusal_outcome(from_admin_center=True),
    ]
