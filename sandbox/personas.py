"""What each persona is expected to see, asked of the decision functions themselves."""

from dataclasses import dataclass

from accounts.decisions import (
    Outcome,
    add_licenses_outcome,
    billing_center_landing,
    can_use_admin_center,
    my_account_outcome,
)

from .models import Persona


@dataclass
class PersonaRow:
    persona: Persona
    billing_center: list[Outcome]
    admin_center: Outcome | None  # None: the Admin Center refuses them


def persona_rows() -> list[PersonaRow]:
    """The home page's persona table: customer personas with their outcome ids per center."""
    personas = Persona.objects.select_related("user__account").filter(user__account__isnull=False)
    rows = []
    for persona in personas:
        user = persona.user
        billing_center = [billing_center_landing(user)]
        if billing_center[0] == Outcome.BC_2:
            billing_center.append(my_account_outcome(user))
        admin_center = add_licenses_outcome(user) if can_use_admin_center(user) else None
        rows.append(PersonaRow(persona, billing_center, admin_center))
    return rows
