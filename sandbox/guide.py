"""The scenario guide: the article's two decision tables as a flow chart.

Each step carries the article's own text (translated with the seeds' wording); each branch
is labelled with its outcome id and the personas whose path, asked of the decision
functions (`personas.py`), goes through it.
"""

from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from accounts.decisions import Outcome, PathEnd, Step
from core.centers import ADMIN_CENTER, BILLING_CENTER, Center

from .personas import PersonaRow, persona_rows
from .states import StartingState, states_demonstrating


@dataclass(frozen=True)
class Branch:
    """One "If this happens / Then" row of a table, keyed by the step of the decision paths
    (`accounts.decisions`) that takes it.

    Branches that are not rows of the article (a `PathEnd`: the portal sign-in that succeeds,
    the Admin Center refusing an agent) show the step's own label and no article text.
    """

    step: Step
    happens: Promise | None
    then: Promise | None = None
    children: tuple["Branch", ...] = ()

    @property
    def outcome(self) -> Outcome | None:
        return self.step if isinstance(self.step, Outcome) else None

    @property
    def label(self) -> Promise:
        return self.step.label


@dataclass(frozen=True)
class Step:
    label: Promise  # the flow chart's box
    text: Promise  # the article's words
    branches: tuple[Branch, ...] = ()


@dataclass(frozen=True)
class Table:
    slug: str
    center: Center
    title: Promise
    intro: Promise | None
    steps: tuple[Step, ...]


ONE_OF_THESE = _("One of the following happens:")
REDIRECTED = _("You are redirected to your account's Subscriptions page")
YOU_ARE_BILLING_ADMIN = _("You are the billing admin")
CANNOT_SIGN_IN_TO_PORTAL = _(
    "If you cannot sign in to the Corporate Billing Portal, you are not the billing admin."
)
WHAT_HAPPENS = _("What happens?")
FALLBACK = _(
    "If you still can't tell who the billing contact is, contact the account admin who manages "
    "your GoToAssist Remote Support v5 account."
)

BILLING_CENTER_TABLE = Table(
    "billing-center",
    BILLING_CENTER,
    _("Sign in to the Billing Center"),
    None,
    (
        Step(
            _("Sign in at billing.logmeininc.com"),
            _(
                "Sign in to the Billing Center at https://billing.logmeininc.com with your "
                "GoToAssist Remote Support v5 email address and password."
            ),
        ),
        Step(
            WHAT_HAPPENS,
            ONE_OF_THESE,
            (
                Branch(Outcome.BC_1, REDIRECTED, YOU_ARE_BILLING_ADMIN),
                Branch(
                    Outcome.BC_2,
                    _(
                        "The message “You seem to have landed in the wrong place.” appears. "
                        "Click the account profile to be redirected to the My Account page."
                    ),
                    _("One of the following is true:"),
                    (
                        Branch(
                            Outcome.BC_2A,
                            _(
                                "You have a standard account and you are not the billing admin. "
                                "For more information, contact your account admin."
                            ),
                        ),
                        Branch(
                            Outcome.BC_2B,
                            _(
                                "You may or may not be the billing admin, but your account is "
                                "managed in the Corporate Billing Portal. Click Go to Billing or "
                                "go to https://link.logmeininc.com/corp-billing and sign in to "
                                "the Corporate Billing Portal with your User ID (from an emailed "
                                "invoice) and password."
                            ),
                            None,
                            (
                                Branch(Outcome.BC_2C, CANNOT_SIGN_IN_TO_PORTAL),
                                Branch(PathEnd.PORTAL_SIGNED_IN, None),
                            ),
                        ),
                    ),
                ),
            ),
        ),
    ),
)

ADMIN_CENTER_TABLE = Table(
    "admin-center",
    ADMIN_CENTER,
    _("Sign in to the Admin Center"),
    _(
        "If you are an account admin, you can sign in to the Admin Center to determine whether "
        "you are also a billing admin of your account."
    ),
    (
        Step(
            _("Sign in at admin.logmeininc.com"),
            _(
                "Sign in to the Admin Center at https://admin.logmeininc.com with your "
                "GoToAssist Remote Support v5 email address and password."
            ),
            (Branch(PathEnd.ADMIN_CENTER_REFUSED, None),),
        ),
        Step(_("Add Licenses"), _("In the left navigation, select Add Licenses.")),
        Step(
            WHAT_HAPPENS,
            ONE_OF_THESE,
            (
                Branch(Outcome.AC_1, REDIRECTED, YOU_ARE_BILLING_ADMIN),
                Branch(
                    Outcome.AC_2,
                    _(
                        "You see a message telling you to contact the billing admin to make "
                        "changes to your account's products or licenses."
                    ),
                    _(
                        "You are not the billing admin. To request changes, contact the billing "
                        "admin (whose name and email address are in the message) by clicking "
                        "Send email."
                    ),
                ),
                Branch(
                    Outcome.AC_3,
                    _(
                        "A message tells you to select a product to sign in to the Billing "
                        "Center and add licenses"
                    ),
                    _(
                        "You may or may not be the billing admin, but your account is managed "
                        "from the Corporate Billing Portal. Click the logo of a product on your "
                        "account or go to https://link.logmeininc.com/corp-billing and sign in to "
                        "the Corporate Billing Portal with your User ID (from an emailed invoice) "
                        "and password."
                    ),
                    (
                        Branch(Outcome.AC_3C, CANNOT_SIGN_IN_TO_PORTAL),
                        Branch(PathEnd.PORTAL_SIGNED_IN, None),
                    ),
                ),
            ),
        ),
    ),
)

TABLES = (BILLING_CENTER_TABLE, ADMIN_CENTER_TABLE)


@dataclass
class Taker:
    """A persona who takes a branch, and the link that starts their scenario."""

    row: PersonaRow
    start_url: str


@dataclass
class BranchView:
    branch: Branch
    takers: list[Taker]
    children: list["BranchView"] = field(default_factory=list)
    test_id: str = ""
    # The starting states that demonstrate this branch's outcome: its "start here" links.
    states: list[StartingState] = field(default_factory=list)


@dataclass
class StepView:
    number: int
    step: Step
    branches: list[BranchView]


@dataclass
class TableView:
    table: Table
    steps: list[StepView]


def _path(row: PersonaRow, table: Table) -> list[Step]:
    return row.billing_center_path if table is BILLING_CENTER_TABLE else row.admin_center_path


def _branch_view(branch: Branch, table: Table, rows: list[PersonaRow], prefix: str) -> BranchView:
    takers = [row for row in rows if branch.step in _path(row, table)]
    start = (
        (lambda row: row.billing_center_start_url)
        if table.center is BILLING_CENTER
        else (lambda row: row.admin_center_start_url)
    )
    test_id = f"{prefix}-{branch.step.value}"
    return BranchView(
        branch,
        [Taker(row, start(row)) for row in takers],
        [_branch_view(child, table, takers, test_id) for child in branch.children],
        test_id,
        states_demonstrating(branch.outcome) if branch.outcome else [],
    )


def guide_tables(rows: list[PersonaRow] | None = None) -> list[TableView]:
    """The two tables with every branch's personas, from one query for the personas."""
    rows = persona_rows() if rows is None else rows
    return [
        TableView(
            table,
            [
                StepView(
                    number,
                    step,
                    [_branch_view(b, table, rows, table.slug) for b in step.branches],
                )
                for number, step in enumerate(table.steps, start=1)
            ],
        )
        for table in TABLES
    ]


@dataclass(frozen=True)
class RealConsoleScreen:
    """A screen around the article's flows, made as the vendor's own help pages describe the
    real console, so that a trainee recognises it later: where it is in the sandbox, what it
    shows, and the vendor's help page it follows (named, never copied)."""

    name: Promise
    url_name: str
    shows: Promise
    vendor_page: Promise


AROUND_THE_ARTICLE = (
    RealConsoleScreen(
        _("Wrong location"),
        "billing_center:wrong-location",
        _("Ask your account admin for access; it goes on to My Account by itself."),
        _("“Who is the billing contact for my account?” (GoToMeeting's English edition)"),
    ),
    RealConsoleScreen(
        _("My Account, Billing"),
        "billing_center:my-account",
        _("Contact the Account Admin for access to the Billing Center."),
        _("“Who is the billing contact for my account?” (GoToMeeting's English edition)"),
    ),
    RealConsoleScreen(
        _("Add Agents: Add to Cart, Cart, Proceed to Checkout, Place Order"),
        "billing_center:subscriptions",
        _(
            "The Add button names the product's licenses (agents, organizers). The cart "
            "lists each line with Edit and Remove; the checkout shows the billing period "
            "beginning today, the licenses, the plan's price, the total due, the card on file "
            "and the VAT number, Edit Order; an email confirms the order."
        ),
        _("The vendor's help page on adding seats to a subscription"),
    ),
    RealConsoleScreen(
        _("Add New Subscription"),
        "billing_center:new-subscription",
        _("Buy or try another product: its plan tier, monthly or annual."),
        _("The vendor's help page on adding a subscription"),
    ),
    RealConsoleScreen(
        _("Options, Cancel Subscription"),
        "billing_center:subscriptions",
        _(
            "“Yes, Cancel” leaves the subscription pending cancellation until its renewal "
            "date; Reactivate undoes it; a lower plan tier is for Customer Care."
        ),
        _("The vendor's help page on cancelling a subscription"),
    ),
)
