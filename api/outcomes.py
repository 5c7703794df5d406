"""The outcome ids of the article's two tables, each with the table it belongs to.

Which table an outcome belongs to is read from the scenario guide's tables
(`sandbox.guide.TABLES`), the one description of the tables' branches, so a new outcome
placed in a table is listed here with it, and one placed in no table is an error.
"""

from dataclasses import dataclass

from django.utils.functional import Promise

from accounts.decisions import Outcome
from sandbox.guide import TABLES, Branch, Table
from sandbox.personas import PersonaRow


@dataclass(frozen=True)
class OutcomeRow:
    id: str
    label: Promise
    table: str  # the table's slug: billing-center, admin-center
    table_name: Promise


def _branches(branches: tuple[Branch, ...]):
    for branch in branches:
        yield branch
        yield from _branches(branch.children)


def outcome_branches() -> dict[Outcome, tuple[Table, Branch]]:
    """Each outcome's table and its row of that table (what happens, then who you are)."""
    return {
        branch.outcome: (table, branch)
        for table in TABLES
        for step in table.steps
        for branch in _branches(step.branches)
        if branch.outcome is not None
    }


def outcome_tables() -> dict[Outcome, Table]:
    return {outcome: table for outcome, (table, _branch) in outcome_branches().items()}


@dataclass(frozen=True)
class OutcomeTableRow:
    id: str
    label: Promise
    table: str
    table_name: Promise
    happens: Promise | None
    then: Promise | None
    personas: list[str]


def outcome_table_rows(persona_rows: list[PersonaRow]) -> list[OutcomeTableRow]:
    """The outcome table: every outcome, in the order of `Outcome`, with the article's row of
    its table and the keys of the personas (of `persona_rows`) whose paths reach it."""
    reached: dict[Outcome, list[str]] = {outcome: [] for outcome in Outcome}
    for row in persona_rows:
        for step in row.billing_center_path + row.admin_center_path:
            if isinstance(step, Outcome) and row.persona.key not in reached[step]:
                reached[step].append(row.persona.key)
    branches = outcome_branches()
    rows = []
    for outcome in Outcome:
        table, branch = branches[outcome]
        rows.append(
            OutcomeTableRow(
                outcome.value,
                outcome.label,
                table.slug,
                table.center.name,
                branch.happens,
                branch.then,
                reached[outcome],
            )
        )
    return rows


def outcome_rows() -> list[OutcomeRow]:
    """Every outcome, in the order of `Outcome`."""
    tables = outcome_tables()
    return [
        OutcomeRow(outcome.value, outcome.label, tables[outcome].slug, tables[outcome].center.name)
        for outcome in Outcome
    ]


TABLE_CHOICES = [(table.slug, table.center.name) for table in TABLES]
