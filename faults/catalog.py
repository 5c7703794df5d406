"""Every deliberate fault of the sandbox, in one place: what it is, where it shows, how it works.

A fault is a defect planted for QA practice, switched on per seat by the trainer (on the class
board) or by the API; every seat starts without any. The product's code (the centers,
`accounts`, `sandbox`) knows nothing of faults: each fault here names the page it spoils (a
URL name) and hooks in from outside, through `middleware.FaultsMiddleware`, in one of three
ways:

- `before_view(request)`: runs before the page's view (a slow sign-in, a server error);
- `on_context(request, context)`: changes what the view handed its template (a wrong name,
  a wrong total, a mailto without a subject), before the page is rendered;
- `on_html(request, html) -> html`: changes the rendered page (an untranslated sentence, a
  form field without its label).

Each fault carries its answer key: what is wrong, where, and what the right behaviour is. The
answer key is the trainer's (the trainer's Faults page, `GET /api/v1/faults/`); a trainee
never sees a word about faults.

Adding a fault: write its hook below, add a `Fault` to FAULTS with a new stable id, and a row
to the table-driven test (`tests/faults/test_catalog.py`).
"""

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.utils.html import escape
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from accounts.decisions import Outcome
from accounts.models import User


@dataclass(frozen=True)
class Fault:
    """One deliberate defect and its answer key."""

    id: str  # stable: scripts, the API and the trainer's notes name the fault by it
    title: str  # a few words, for the trainer's switches
    wrong: str  # the answer key: what the trainee sees that is wrong
    right: str  # the answer key: what the sandbox does without the fault
    page: str  # the URL name of the page it spoils
    where: str  # the page, in words, and who reaches it
    outcome: Outcome | None = None  # the outcome of that page, when it has one
    language: str | None = None  # only in this language (None: every language)
    method: str | None = None  # only for this HTTP method (None: every method)
    before_view: Callable | None = None
    on_context: Callable | None = None
    on_html: Callable | None = None

    def applies_to(self, *, view_name: str, language: str, method: str) -> bool:
        """Whether the fault spoils this request (once switched on in its seat)."""
        return (
            view_name == self.page
            and (self.language is None or language == self.language)
            and (self.method is None or method == self.method)
        )


class FaultError(Exception):
    """The server error of F7: raised on purpose, logged like any unhandled error."""


# --- F1: the wrong billing admin named on AC-2 ----------------------------------------------


def wrong_billing_admin(request, context) -> None:
    """AC-2 names another person of the account (not the billing admin, not the reader)."""
    billing_admin = context.get("billing_admin")
    if billing_admin is None:
        return
    someone_else = (
        User.objects.filter(account_id=billing_admin.account_id)
        .exclude(pk__in=[billing_admin.pk, request.user.pk])
        .order_by("pk")
        .first()
    )
    context["billing_admin"] = someone_else or request.user


# --- F2: the mailto with an empty subject ---------------------------------------------------


def mailto_without_subject(request, context) -> None:
    """AC-2's Send email opens a message with an empty subject (address and body stay)."""
    if context.get("mailto"):
        context["mailto"] = re.sub(r"subject=[^&]*", "subject=", context["mailto"], count=1)


# --- F3: a sentence left untranslated on one Spanish page -----------------------------------

UNTRANSLATED = gettext_noop(
    "You have a standard account and you are not the billing admin. For more information, "
    "contact your account admin."
)


def sentence_untranslated(request, html: str) -> str:
    """The sentence of BC-2a in English on the Spanish page (every other word in Spanish)."""
    return html.replace(escape(gettext(UNTRANSLATED)), escape(UNTRANSLATED))


# --- F4: a sign-in that takes 3 seconds -----------------------------------------------------


def pause(seconds: float) -> None:
    """Wait `seconds` (its own function, so that tests can see it asked without waiting)."""
    time.sleep(seconds)


def slow_sign_in(request) -> None:
    """The Billing Center's sign-in waits FAULTS_SLOW_SIGN_IN_SECONDS (3) before answering."""
    pause(settings.FAULTS_SLOW_SIGN_IN_SECONDS)


# --- F5: a form field without its label -----------------------------------------------------

UNLABELLED_FIELD_ID = "id_user_id"


def label_removed(request, html: str) -> str:
    """The portal's User ID field loses its <label>: nothing names it for a screen reader."""
    return re.sub(
        rf"<label[^>]*\bfor=\"{UNLABELLED_FIELD_ID}\"[^>]*>.*?</label>",
        "",
        html,
        count=1,
        flags=re.DOTALL,
    )


# --- F6: the order summary's total off by one license ---------------------------------------


def total_one_license_more(request, context) -> None:
    """The Billing Center's checkout charges each line for one license more than ordered
    (the totals only: the licenses shown, and the order placed, are right)."""
    lines = context.get("lines")
    if not lines:
        return
    wrong = []
    for line in lines:
        summary = line.summary
        if summary is not None and summary.licenses_added >= 1:
            one_license = summary.total_due / summary.licenses_added
            total = (summary.total_due + one_license).quantize(
                Decimal("0.01"), rounding=ROUND_HALF_UP
            )
            line = replace(line, summary=replace(summary, total_due=total))
        wrong.append(line)
    context["lines"] = wrong
    context["total_due"] = sum(
        (line.summary.total_due for line in wrong if line.summary is not None), Decimal("0.00")
    )


# --- F7: a server error on one page ---------------------------------------------------------


def server_error(request) -> None:
    """The Billing Center's Billing History fails with an unhandled exception (a 500)."""
    raise FaultError(f"Deliberate fault F7 in seat {request.seat.pk}: {request.path}")


FAULTS: list[Fault] = [
    Fault(
        id="F1-wrong-billing-admin",
        title=_("The wrong billing admin on AC-2"),
        wrong=_(
            "The Admin Center's Add Licenses page (AC-2) names another person of the account "
            "as its billing admin (for Bruno: Carla Méndez, an agent)."
        ),
        right=_("AC-2 names the account's billing admin: for Bruno, Ana Ortega."),
        page="admin_center:add-licenses",
        where=_("Admin Center, Add Licenses, as an account admin who is not the billing admin"),
        outcome=Outcome.AC_2,
        on_context=wrong_billing_admin,
    ),
    Fault(
        id="F2-mailto-empty-subject",
        title=_("Send email without a subject on AC-2"),
        wrong=_("AC-2's Send email opens a message to the billing admin with an empty subject."),
        right=_(
            "The message's subject is “Change of products or licenses for <account>”, in the "
            "page's language."
        ),
        page="admin_center:add-licenses",
        where=_("Admin Center, Add Licenses, the Send email button"),
        outcome=Outcome.AC_2,
        on_context=mailto_without_subject,
    ),
    Fault(
        id="F3-untranslated-sentence",
        title=_("An English sentence on a Spanish page"),
        wrong=_(
            "In Spanish, the Billing Center's My Account page of a standard account (BC-2a) "
            "shows its main sentence in English: “You have a standard account and you are not "
            "the billing admin…”."
        ),
        right=_("Every sentence of the page is in Spanish."),
        page="billing_center:my-account",
        where=_("Billing Center, My Account, in Spanish, as Bruno or Carla"),
        outcome=Outcome.BC_2A,
        language="es",
        on_html=sentence_untranslated,
    ),
    Fault(
        id="F4-slow-sign-in",
        title=_("A sign-in that takes 3 seconds"),
        wrong=_(
            "Signing in to the Billing Center takes 3 seconds more than it should, whoever signs "
            "in and whether the password is right or not."
        ),
        right=_("The sign-in answers at once."),
        page="billing_center:sign-in",
        where=_("Billing Center, Sign in, when the form is sent"),
        method="POST",
        before_view=slow_sign_in,
    ),
    Fault(
        id="F5-unlabelled-field",
        title=_("A form field without its label"),
        wrong=_(
            "On the Corporate Billing Portal's sign-in, the User ID field has no label: it "
            "shows no name, and a screen reader announces an unnamed text field (axe: “label”)."
        ),
        right=_("The field is labelled “User ID”."),
        page="corp_portal:sign-in",
        where=_("Corporate Billing Portal, Sign in"),
        on_html=label_removed,
    ),
    Fault(
        id="F6-total-off-by-one",
        title=_("An order total off by one license"),
        wrong=_(
            "The Billing Center's checkout shows a total due for one license more than ordered "
            "(for 1 license, the price of 2). The order placed is charged correctly."
        ),
        right=_(
            "The total due is the licenses added × the plan price, prorated to the renewal date."
        ),
        page="billing_center:checkout",
        where=_(
            "Billing Center, Subscriptions, Add Agents, Add to Cart, Proceed to Checkout, as "
            "Ana or Fernanda"
        ),
        outcome=Outcome.BC_1,
        method="GET",  # the checkout's order summary
        on_context=total_one_license_more,
    ),
    Fault(
        id="F7-server-error",
        title=_("A server error on one page"),
        wrong=_(
            "The Billing Center's Billing History answers with the server error page (500); the "
            "error is logged with its traceback, as every unhandled error is."
        ),
        right=_("Billing History lists the account's invoices."),
        page="billing_center:billing-history",
        where=_("Billing Center, Billing History, as Ana or Fernanda"),
        outcome=Outcome.BC_1,
        before_view=server_error,
    ),
]

FAULTS_BY_ID: dict[str, Fault] = {fault.id: fault for fault in FAULTS}
# The pages some fault spoils: a request to any other page never asks which faults are on.
FAULT_PAGES: frozenset[str] = frozenset(fault.page for fault in FAULTS)


def faults_that_may_apply(*, view_name: str, language: str, method: str) -> list[Fault]:
    """The faults that would spoil a request to this page, in this language, by this method,
    if they were on in its seat: no query (the middleware asks the seat only when some may)."""
    if view_name not in FAULT_PAGES:
        return []
    return [
        fault
        for fault in FAULTS
        if fault.applies_to(view_name=view_name, language=language, method=method)
    ]


def faults_of(fault_ids) -> list[Fault]:
    """The faults of these ids, in the catalog's order (unknown ids left out)."""
    wanted = set(fault_ids)
    return [fault for fault in FAULTS if fault.id in wanted]
