"""The outcome ids of the article's two tables, each with the table it belongs to.

Which table an outcome belongs to is read from the scenario guide's tables
(`sandbox.guide.TABLES`), the one description of the tables' branches, so a new outcome
placed in a table is listed here with it, and one placed in no table is an error.
"""

from dataclasses import dataclass

from django.utils.functional import Promise

from accounts.decisions import Outcome
from sandbox.guide import TABLES, Branch, Table


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


def outcome_tables() -> dict[Outcome, Table]:
    return {
        branch.outcome: table
        for table in TABLES
        for step in table.steps
        for branch in _branches(step.branches)
        if branch.outcome is not None
    }


def outcome_rows() -> list[OutcomeRow]:
    """Every outcome, in the order of `Outcome`."""
    tables = outcome_tables()
    return [
        OutcomeRow(outcome.value, outcome.label, tables[outcome].slug, tables[outcome].center.name)
        for outcome in Outcome
    ]


TABLE_CHOICES = [(table.slug, table.center.name) for table in TABLES]
