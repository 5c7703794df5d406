"""What an exercise's answer is, asked of the decision tables, and how a trainee's answer is
checked against it.

The expected answer is never stored: it is the persona's path through the exercise's table
(`accounts.decisions.billing_center_path` / `admin_center_path`, read through
`sandbox.personas.persona_rows`, as the home page's persona table and the scenario guide read
it), in the seat the trainee plays in. A trainer who gives Elena a portal login changes her
answer here as on every page. The answers a trainee picks from are the article's outcomes and
people; `CHOICE_OUTCOMES` is the one place that says which outcome ids each one means.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.decisions import Outcome, billing_contact, can_see_billing_contact
from sandbox.models import TrainerNote
from sandbox.personas import PersonaRow

from .models import Asks, Exercise
from .paths import Table, persona_path


class Choice(models.TextChoices):
    """The answers offered for every exercise: the article's outcomes and people."""

    I_AM_THE_BILLING_ADMIN = "billing-admin", _("I am the billing admin")
    WRONG_LOCATION = (
        "wrong-location",
        _("The wrong-location message: “You seem to have landed in the wrong place.”"),
    )
    CONTACT_THE_BILLING_ADMIN = "contact-billing-admin", _("Contact the billing admin")
    CORPORATE_BILLING_PORTAL = "corporate-billing-portal", _("The Corporate Billing Portal")
    CONTACT_THE_ACCOUNT_ADMIN = (
        "contact-account-admin",
        _("Contact the account admin who manages the account"),
    )


# What each answer means in the article's tables: the one place. Every outcome id is the
# meaning of exactly one answer (tests/lessons/test_answers.py holds it).
CHOICE_OUTCOMES: dict[Choice, tuple[Outcome, ...]] = {
    Choice.I_AM_THE_BILLING_ADMIN: (Outcome.BC_1, Outcome.AC_1),
    Choice.WRONG_LOCATION: (Outcome.BC_2,),
    Choice.CONTACT_THE_BILLING_ADMIN: (Outcome.AC_2,),
    Choice.CORPORATE_BILLING_PORTAL: (Outcome.BC_2B, Outcome.AC_3),
    Choice.CONTACT_THE_ACCOUNT_ADMIN: (Outcome.BC_2A, Outcome.BC_2C, Outcome.AC_3C),
}

# The outcomes of each table, in the article's order.
TABLE_OUTCOMES: dict[str, tuple[Outcome, ...]] = {
    Table.BILLING_CENTER: (
        Outcome.BC_1,
        Outcome.BC_2,
        Outcome.BC_2A,
        Outcome.BC_2B,
        Outcome.BC_2C,
    ),
    Table.ADMIN_CENTER: (Outcome.AC_1, Outcome.AC_2, Outcome.AC_3, Outcome.AC_3C),
}


def choice_of(outcome: Outcome) -> Choice:
    """The answer that means `outcome`."""
    return next(choice for choice, outcomes in CHOICE_OUTCOMES.items() if outcome in outcomes)


def exercise_expected(
    exercise: Exercise, rows: dict[str, PersonaRow] | None = None
) -> Outcome | None:
    """The outcome that answers the exercise, from the decision functions: the first of the
    persona's path (`Asks.LANDING`) or the last (`Asks.END`). None when the path reaches no
    outcome (an agent in the Admin Center) or the persona is not in this seat."""
    outcomes = persona_path(exercise.persona_key, exercise.table, rows)
    if not outcomes:
        return None
    return outcomes[0] if exercise.asks == Asks.LANDING else outcomes[-1]


def choice_label(choice: Choice, row: PersonaRow | None) -> str:
    """The answer as the page shows it: "Contact Ana Ortega (the billing admin)" names the
    billing admin, but only to someone the article lets see who that is."""
    if choice == Choice.CONTACT_THE_BILLING_ADMIN and row is not None:
        user = row.user
        contact = billing_contact(user.account) if user.account else None
        if contact is not None and can_see_billing_contact(user, user.account):
            return _("Contact %(name)s (the billing admin)") % {"name": contact.get_full_name()}
    return str(choice.label)


@dataclass(frozen=True)
class Check:
    """The verdict on one answer: right or wrong, the outcome that answers the exercise (with
    the trainer note that explains it, the article's wording), and the branch of the table the
    trainee's answer stands for."""

    exercise: Exercise
    chosen: Choice
    expected: Outcome
    note: TrainerNote | None

    @property
    def right(self) -> bool:
        return self.chosen == choice_of(self.expected)

    @property
    def chosen_outcomes(self) -> list[Outcome]:
        """The outcomes the chosen answer means in this exercise's table (none: the answer is
        a branch of the other table only)."""
        table = TABLE_OUTCOMES[self.exercise.table]
        return [outcome for outcome in CHOICE_OUTCOMES[self.chosen] if outcome in table]

    @property
    def chosen_elsewhere(self) -> list[Outcome]:
        """The outcomes the chosen answer means in the other table."""
        table = TABLE_OUTCOMES[self.exercise.table]
        return [outcome for outcome in CHOICE_OUTCOMES[self.chosen] if outcome not in table]


def answer_check(exercise: Exercise, chosen: Choice, *, expected: Outcome) -> Check:
    """Check `chosen` against the outcome the decision tables give (`exercise_expected`)."""
    note = TrainerNote.objects.filter(outcome=expected.value).first()
    return Check(exercise=exercise, chosen=Choice(chosen), expected=expected, note=note)
