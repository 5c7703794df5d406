"""A persona's path through one of the article's tables, asked of the decision functions.

Below the exercise (`models.Exercise.clean` refuses an exercise whose path reaches no outcome)
and the answer check (`answers.exercise_expected` takes the first or the last of the path), so
both import it from below. The path is read through `sandbox.personas.persona_rows`, as the
home page's persona table and the scenario guide read it, in the request's seat.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.decisions import Outcome
from sandbox.personas import PersonaRow, persona_rows


class Table(models.TextChoices):
    """The article's two tables, by the center whose page decides them."""

    BILLING_CENTER = "billing_center", _("Billing Center sign-in")
    ADMIN_CENTER = "admin_center", _("Admin Center “Add Licenses”")


def persona_rows_by_key() -> dict[str, PersonaRow]:
    return {row.persona.key: row for row in persona_rows()}


def persona_path(
    persona_key: str, table: str, rows: dict[str, PersonaRow] | None = None
) -> list[Outcome]:
    """The outcomes of the article the persona reaches in the table, in order: none when the
    path reaches no outcome (an agent in the Admin Center) or the persona is not in this seat."""
    rows = persona_rows_by_key() if rows is None else rows
    row = rows.get(persona_key)
    if row is None:
        return []
    if table == Table.ADMIN_CENTER:
        return row.admin_center_outcomes
    return row.billing_center
