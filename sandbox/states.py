"""Named starting states: a seat's sample world, changed so that a scenario starts where the
lesson needs it (issue #13, "Starting states").

A state restores the seat's sample world (`worlds.seat_reset`) and then makes its changes
through the centers' own services and models, as the people of the story would have: Ana
cancels through the Billing Center's service, Elena's wrong passwords go through the portal's
sign-in. So every state gives exactly the same data each time it is applied, and the pages
show what the article's tables decide for it. Each state names the outcome ids it
demonstrates (`accounts.decisions.Outcome`), which the guide, the board and the API show.

A state's `name` is a stable slug: QA scripts send it to `POST /api/v1/seats/<id>/state/`.
`Seat.state` keeps the name of the state a seat was last set to (blank: the plain sample
world). The default seat has no state: it is the sandbox as it always was.
"""

import contextlib
import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from accounts.clock import sandbox_today
from accounts.decisions import Outcome
from accounts.models import Account, Subscription, User
from accounts.services import activity_record
from billing_center.models import PaymentMethod
from billing_center.services import (
    renewal_decline,
    renewal_reminder_send,
    subscription_cancel,
)
from core.centers import ADMIN_CENTER, BILLING_CENTER, Center
from corp_portal.models import MAX_FAILED_ATTEMPTS, PortalLogin
from corp_portal.services import PortalSignInError, portal_sign_in
from seats.models import Seat
from seats.scope import seat_scope

from .models import MailboxMessage
from .sample_data import ACME, PAULISTA, PERSONAS_BY_KEY, PORTAL_USER_IDS
from .worlds import seat_reset

# The wrong password Elena keeps typing: anything but the portal's password.
WRONG_PORTAL_PASSWORD = "corp-2025"


@dataclass(frozen=True)
class StartingState:
    """A named starting state: what it shows (title, description, the outcome ids) and how to
    make it (`apply`, run in the seat after its reset). The scenario starts with `persona`
    signing in to `center`, in `language` when the state is about one."""

    name: str
    title: Promise
    description: Promise
    outcomes: tuple[Outcome, ...]
    apply: Callable[[], None]
    persona: str
    center: Center
    language: str | None = None

    @property
    def persona_email(self) -> str:
        return PERSONAS_BY_KEY[self.persona].email


def _person(key: str) -> User:
    return User.objects.select_related("account").get(email=PERSONAS_BY_KEY[key].email)


def _subscription(account_name: str, product_code: str) -> Subscription:
    return Subscription.objects.select_related("account", "product", "plan_tier").get(
        account__name=account_name, product__code=product_code
    )


def _ana_pending_cancellation() -> None:
    """Ana, Acme's billing admin, cancels GoToAssist: active until its renewal date, then
    ended; she can still undo it on Subscriptions."""
    ana = _person("ana")
    subscription = _subscription(ACME, "gotoassist-rs5")
    subscription_cancel(actor=ana, account=ana.account, subscription_id=subscription.pk)


def _acme_without_billing_admin() -> None:
    """Ana left the company: her LogMeIn ID is gone, and Acme has no billing admin at all.
    Nobody is made billing admin in her place (that is the lesson)."""
    ana = _person("ana")
    account = ana.account
    activity_record(
        actor=None,
        account=account,
        action="user_removed",
        summary=f"{ana.get_full_name()} left the company: LogMeIn ID removed",
        before={"email": ana.email, "roles": ["account admin", "billing admin"]},
    )
    ana.delete()


def _diego_invoice_email_deleted() -> None:
    """Diego deleted the invoice emails that carried his portal User ID."""
    diego = _person("diego")
    MailboxMessage.objects.filter(recipient=diego.email).delete()


def _elena_portal_locked_out() -> None:
    """Elena tried the portal with the User ID of an invoice Diego forwarded her, and wrong
    passwords, until the portal locked the User ID (for everyone, Diego too)."""
    user_id = PORTAL_USER_IDS["diego"]
    for _attempt in range(MAX_FAILED_ATTEMPTS):
        with contextlib.suppress(PortalSignInError):
            portal_sign_in(user_id=user_id, password=WRONG_PORTAL_PASSWORD)
    if not PortalLogin.objects.get(user_id=user_id).is_locked():
        raise RuntimeError("The portal did not lock the User ID after the wrong passwords.")


def _month_before(day: datetime.date) -> tuple[int, int]:
    first = day.replace(day=1) - datetime.timedelta(days=1)
    return first.month, first.year


def _card_declined_on_renewal() -> None:
    """Acme's card on file expired last month; GoToMeeting renewed today and the charge was
    declined: the notice is in Ana's mailbox and in the activity log."""
    today = sandbox_today()
    account = Account.objects.get(name=ACME)
    exp_month, exp_year = _month_before(today)
    PaymentMethod.objects.filter(account=account).update(exp_month=exp_month, exp_year=exp_year)
    subscription = _subscription(ACME, "gotomeeting")
    subscription.renewal_date = today
    subscription.save(update_fields=["renewal_date"])
    with translation.override(settings.LANGUAGE_CODE):
        renewal_decline(subscription=subscription)


def _fernanda_in_brazil() -> None:
    """Fernanda, billing admin of Suporte Paulista (billed in reais), gets the reminder of
    her next renewal in Portuguese: amounts in R$, dates as Brazil writes them."""
    with translation.override("pt-br"):
        renewal_reminder_send(subscription=_subscription(PAULISTA, "gotoassist-rs5"))


STATES = (
    StartingState(
        name="ana-pending-cancellation",
        title=_("Ana: a subscription pending cancellation"),
        description=_(
            "Ana, Acme's billing admin, cancelled GoToAssist Remote Support v5: it stays active "
            "until its renewal date, then ends. Only she, the billing admin, sees it on "
            "Subscriptions, where she can undo the cancellation until that date."
        ),
        outcomes=(Outcome.BC_1, Outcome.AC_1),
        apply=_ana_pending_cancellation,
        persona="ana",
        center=BILLING_CENTER,
    ),
    StartingState(
        name="acme-no-billing-admin",
        title=_("Acme without a billing admin"),
        description=_(
            "Ana, Acme's billing admin, left the company: her LogMeIn ID is gone and nobody "
            "took her place. Add Licenses names no billing admin to Bruno, My Account names "
            "none either: the article's fallback is to contact the account admin who manages "
            "your account."
        ),
        outcomes=(Outcome.BC_2, Outcome.BC_2A, Outcome.AC_2),
        apply=_acme_without_billing_admin,
        persona="bruno",
        center=ADMIN_CENTER,
    ),
    StartingState(
        name="diego-invoice-email-deleted",
        title=_("Diego deleted his invoice email"),
        description=_(
            "Diego holds Globex's portal login, but deleted the invoice emails that carry its "
            "User ID: his mailbox is empty. He must find the User ID another way, or ask for "
            "it (the portal's “Forgot your password?” page tells how)."
        ),
        outcomes=(Outcome.BC_2B, Outcome.AC_3),
        apply=_diego_invoice_email_deleted,
        persona="diego",
        center=BILLING_CENTER,
    ),
    StartingState(
        name="elena-portal-locked-out",
        title=_("Elena locked out of the portal"),
        description=_(
            "Elena tried to sign in to the Corporate Billing Portal with the User ID of a "
            "forwarded invoice and wrong passwords until the portal locked that User ID for "
            "15 minutes, for everyone. A lockout says nothing about who the billing admin is; "
            "a trainer clears it on the Lockouts page or the class board."
        ),
        outcomes=(Outcome.BC_2B, Outcome.AC_3),
        apply=_elena_portal_locked_out,
        persona="elena",
        center=BILLING_CENTER,
    ),
    StartingState(
        name="card-declined-on-renewal",
        title=_("A declined card on renewal"),
        description=_(
            "Acme's card on file expired last month, so today's renewal of GoToMeeting was "
            "declined: the notice is in Ana's mailbox. Only Ana, the billing admin, can "
            "replace the payment method; Bruno is told to contact her."
        ),
        outcomes=(Outcome.BC_1, Outcome.AC_2),
        apply=_card_declined_on_renewal,
        persona="ana",
        center=BILLING_CENTER,
    ),
    StartingState(
        name="fernanda-brazil",
        title=_("Fernanda in Brazil, billed in reais"),
        description=_(
            "Fernanda is the billing admin of Suporte Paulista, billed in reais (BRL). Her "
            "next renewal's reminder, in Portuguese, is in her mailbox; the scenario is meant "
            "to be run in Portuguese."
        ),
        outcomes=(Outcome.BC_1, Outcome.AC_1),
        apply=_fernanda_in_brazil,
        persona="fernanda",
        center=BILLING_CENTER,
        language="pt-br",
    ),
)

STATES_BY_NAME = {state.name: state for state in STATES}


class UnknownState(ValueError):
    """No starting state has this name."""


def state_get(name: str) -> StartingState:
    try:
        return STATES_BY_NAME[name]
    except KeyError:
        raise UnknownState(name) from None


def states_demonstrating(outcome: Outcome) -> list[StartingState]:
    """The starting states that demonstrate `outcome`, in the registry's order."""
    return [state for state in STATES if outcome in state.outcomes]


@transaction.atomic
def seat_state_apply(*, seat: Seat, name: str, actor: User | None = None) -> Seat:
    """Set `seat` to the starting state `name`: its sample world restored, then the state's
    changes made, and `Seat.state` recorded. The same data every time. Sign-ins to the
    seat's personas end, as with a reset. Never the default seat."""
    state = state_get(name)
    if seat.is_default:
        raise ValueError("Starting states apply to a seat, never to the default seat.")
    seat = seat_reset(seat=seat, actor=actor)
    with seat_scope(seat):
        state.apply()
    seat.state = state.name
    seat.save(update_fields=["state"])
    return seat


def class_state_apply(*, seats, name: str, actor: User | None = None) -> int:
    """Set every seat of `seats` to the starting state `name`; returns how many."""
    state_get(name)
    count = 0
    for seat in seats:
        seat_state_apply(seat=seat, name=name, actor=actor)
        count += 1
    return count


@dataclass(frozen=True)
class StateControls:
    """What the pages offer this visitor to apply a state (the guide's "start here", the
    Starting states page): the trainer picks any seat; a person in a seat of no class (a
    self-paced or API seat) applies to it; a class's trainee is told the trainer does; in the
    default seat, states apply to a seat, and the page tells how to get one."""

    is_trainer: bool = False
    trainer_seats: tuple[Seat, ...] = ()
    own_seat: Seat | None = None
    class_seat: Seat | None = None

    @property
    def no_seat(self) -> bool:
        return not (self.is_trainer or self.own_seat or self.class_seat)


def may_apply_state_to_own_seat(seat: Seat | None) -> bool:
    """A person applies a state to the seat their browser is in when it belongs to no class:
    a class's seats are its trainer's to set (as in the API, `api.access`)."""
    return seat is not None and not seat.is_default and seat.classroom_id is None


def state_controls(*, user, joined_seat: Seat | None) -> StateControls:
    from .trainers import is_trainer

    if user.is_authenticated and is_trainer(user):
        seats = Seat.objects.filter(is_default=False).select_related("classroom")
        return StateControls(is_trainer=True, trainer_seats=tuple(seats))
    if may_apply_state_to_own_seat(joined_seat):
        return StateControls(own_seat=joined_seat)
    if joined_seat is not None:
        return StateControls(class_seat=joined_seat)
    return StateControls()
