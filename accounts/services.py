"""Writes of the shared domain that other apps call.

`subscription_licenses_add` is the one business act behind the Billing Center's Add Licenses
and the portal's Add Seats: one limit, one rule for a subscription pending cancellation, one
price x licenses, one lock and one order key. It returns what the center's document needs;
each center keeps its own screens and words, issues its own document (an invoice, a service
order) after the act, and records the order under that document's number
(`licenses_added_record`). An order's path runs one way: the center calls the domain, never
the other way round.
"""

import datetime
import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F, Min
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from seats.scope import entered_seat_id, seat_lock, seat_scope

from .clock import months_later
from .models import (
    MAX_LICENSES,
    Account,
    Activity,
    BillingFrequency,
    PlacedOrder,
    PlanPrice,
    PlanTier,
    Subscription,
    User,
)


def activity_record(
    *,
    actor: User | None,
    account: Account | None,
    action: str,
    summary: str,
    before: dict | None = None,
    after: dict | None = None,
) -> Activity:
    """Record a write that matters: who did it, to which account, what changed."""
    return Activity.objects.create(
        actor=actor,
        actor_label=actor.email if actor else "",
        account=account,
        action=action,
        summary=summary,
        before=before or {},
        after=after or {},
    )


def fields_changed(before: dict, after: dict) -> tuple[dict, dict]:
    """The fields whose values differ, as (before, after): what an activity entry records of
    an edit (a field missing on one side counts as changed)."""
    changed = [key for key in {**before, **after} if before.get(key) != after.get(key)]
    return (
        {key: before[key] for key in changed if key in before},
        {key: after[key] for key in changed if key in after},
    )


# What an order summary or checkout that cannot be placed as sent says (no key, a bad key,
# another account's key): review it again. Forms use it for their own refusals too.
REVIEW_AGAIN = gettext_lazy("This order summary cannot be placed. Review the order again.")


class OrderAlreadyPlaced(Exception):
    """The order summary with this key was placed before: nothing is charged again.

    `order.reference` is what the center issued for it the first time (invoice, service order).
    """

    def __init__(self, order: PlacedOrder):
        super().__init__(order.reference)
        self.order = order


def order_key_new() -> uuid.UUID:
    """The key issued with a reviewed order summary; placing the summary claims it."""
    return uuid.uuid4()


def order_key_posted(data) -> uuid.UUID | None:
    """The order key a placed summary was sent with (form data), None if it sent none (or
    something that is not a key)."""
    try:
        return uuid.UUID(str(data.get("order_key", "")))
    except ValueError:
        return None


def order_key_read(data) -> uuid.UUID:
    """The order key a placed summary was sent with (form data), or a translated refusal."""
    order_key = order_key_posted(data)
    if order_key is None:
        raise ValidationError(REVIEW_AGAIN, code="no_key")
    return order_key


def order_placed_before(*, account: Account, data) -> PlacedOrder | None:
    """The order a resubmitted summary already placed (Back then Place Order), read before
    its form is validated again against what that order changed. Two submissions at the
    same moment are caught by `order_claim` inside the lock."""
    order_key = order_key_posted(data)
    if order_key is None:
        return None
    return PlacedOrder.objects.filter(key=order_key, account=account).first()


def order_claim(*, account: Account, subscription: Subscription, order_key: uuid.UUID | None):
    """Claim an order summary's key, inside the caller's locked transaction.

    The database's unique key decides: a second claim of the same key (in sequence, or at
    the same moment from another request) raises `OrderAlreadyPlaced` with the first order.
    No key (a summary sent without one, `order_key_posted`) is refused here, so a service
    that checks its order first says why the order cannot be placed before it says that.
    """
    if order_key is None:
        raise ValidationError(REVIEW_AGAIN, code="no_key")
    try:
        with transaction.atomic():
            return PlacedOrder.objects.create(
                key=order_key, account=account, subscription=subscription
            )
    except IntegrityError:
        existing = PlacedOrder.objects.filter(key=order_key, account=account).first()
        if existing is None:  # another account's key: never tell, never place
            raise ValidationError(REVIEW_AGAIN) from None
        raise OrderAlreadyPlaced(existing) from None


def order_reference_set(*, order: PlacedOrder, reference: str) -> None:
    order.reference = reference
    order.save(update_fields=["reference"])


def subscription_orderable_check(subscription: Subscription) -> None:
    """No order on a subscription pending cancellation, in any center: in the Billing Center
    the billing admin undoes the cancellation first; the portal offers no way around it."""
    if subscription.status == Subscription.Status.PENDING_CANCELLATION:
        raise ValidationError(
            _("This subscription is pending cancellation: undo the cancellation first."),
            code="pending_cancellation",
        )


def licenses_limit_check(*, licenses_after: int) -> None:
    """The one limit of licenses per subscription (the database's constraint says the same)."""
    if licenses_after > MAX_LICENSES:
        raise ValidationError(
            _("A subscription can hold at most %(max)s licenses."),
            params={"max": MAX_LICENSES},
            code="limit",
        )


def plan_price(*, plan_tier: PlanTier, currency: str, billing_frequency: str) -> Decimal:
    """The price of one license of a plan for one billing period, in the account's currency."""
    price = PlanPrice.objects.filter(
        plan_tier=plan_tier, currency=currency, billing_frequency=billing_frequency
    ).first()
    if price is None:
        raise ValidationError(_("This plan is not sold in your account's currency."))
    return price.amount


@dataclass(frozen=True)
class LicensesQuote:
    """What adding licenses to a subscription costs for one whole billing period."""

    subscription: Subscription
    licenses_before: int
    quantity: int
    price_per_license: Decimal

    @property
    def licenses_after(self) -> int:
        return self.licenses_before + self.quantity

    @property
    def amount(self) -> Decimal:
        return self.price_per_license * self.quantity


def licenses_quote(*, subscription: Subscription, quantity: int) -> LicensesQuote:
    """Check an order of `quantity` more licenses and price it: the order summary's figures
    and, again inside the lock, the order's."""
    subscription_orderable_check(subscription)
    if quantity < 1:
        raise ValidationError(_("Enter a number of licenses of at least 1."), code="min")
    licenses_limit_check(licenses_after=subscription.licenses + quantity)
    price = getattr(subscription, "price_per_license", None)
    if price is None:
        price = plan_price(
            plan_tier=subscription.plan_tier,
            currency=subscription.account.currency,
            billing_frequency=subscription.billing_frequency,
        )
    return LicensesQuote(
        subscription=subscription,
        licenses_before=subscription.licenses,
        quantity=quantity,
        price_per_license=price,
    )


class SeatWasReset(Exception):
    """The account an order was for is no longer in the seat: the seat was reset (or set to
    a starting state) while the order was being placed, and made the sample world anew.
    Nothing was ordered; the person is signed out (their user was made anew too)."""


def seat_was_reset_check(account: Account) -> None:
    """Raise `SeatWasReset` when `account` (read earlier in the request) is gone."""
    if not Account.objects.filter(pk=account.pk).exists():
        raise SeatWasReset


def seat_locked_for(account: Account) -> None:
    """The seat's lock first (`seats.scope.seat_lock`), then `account` checked still there:
    what a write of an account's world that locks no subscription takes before anything else
    (Add New Subscription). Raises `SeatWasReset` after waiting for a reset."""
    seat_lock()
    seat_was_reset_check(account)


def subscription_locked(*, account: Account, subscription_id: int) -> Subscription:
    """The account's subscription, its row locked until the transaction ends.

    The seat's row is locked first (`seats.scope.seat_lock`), as a reset, a clock move and a
    starting state lock it first: an order at the moment of a reset waits for it, or the reset
    for the order, and neither deadlocks. An order that waited for a reset finds the account
    gone and raises `SeatWasReset`; a subscription gone otherwise, `Subscription.DoesNotExist`.
    """
    seat_lock()
    subscription = (
        Subscription.objects.select_for_update(of=("self",))
        .select_related("account", "product", "plan_tier")
        .filter(pk=subscription_id, account=account)
        .order_by()  # one row: no ORDER BY the product's order to build
        .first()
    )
    if subscription is None:
        seat_was_reset_check(account)
        raise Subscription.DoesNotExist
    return subscription


@dataclass(frozen=True)
class LicensesAdded:
    """A placed order for more licenses, as the center's document needs it: the quote it was
    placed at (the subscription, the licenses before and after, the price per license, the
    amount) and the row of its order key, which the document's number goes on."""

    quote: LicensesQuote
    order: PlacedOrder

    @property
    def subscription(self) -> Subscription:
        return self.quote.subscription


@transaction.atomic
def subscription_licenses_add(
    *,
    account: Account,
    subscription_id: int,
    quantity: int,
    order_key: uuid.UUID,
    licenses_reviewed: int | None = None,
) -> LicensesAdded:
    """Raise a subscription's licenses by `quantity`: the Billing Center's Add Licenses and the
    portal's Add Seats. Returns what the center's document needs, priced once, here.

    Locked: the subscription row is held until the caller's transaction ends, and the count
    is raised in the database (F()), so two orders at once both count. Idempotent: the order
    summary's key is claimed first; a second placing raises `OrderAlreadyPlaced`.
    `licenses_reviewed`, when given, refuses an order reviewed from a count that has changed
    since. The center then issues its document and records the order under its number
    (`licenses_added_record`), in the same transaction.
    """
    subscription = subscription_locked(account=account, subscription_id=subscription_id)
    order = order_claim(account=account, subscription=subscription, order_key=order_key)
    if licenses_reviewed is not None and subscription.licenses != licenses_reviewed:
        raise ValidationError(
            _(
                "The licenses of this subscription changed to %(current)d since your review. "
                "Please review the order again."
            ),
            params={"current": subscription.licenses},
            code="changed",
        )
    quote = licenses_quote(subscription=subscription, quantity=quantity)
    Subscription.objects.filter(pk=subscription.pk).update(licenses=F("licenses") + quantity)
    subscription.refresh_from_db(fields=["licenses"])
    return LicensesAdded(quote=quote, order=order)


def licenses_added_record(*, actor: User | None, added: LicensesAdded, reference: str) -> None:
    """Audit a placed order for more licenses under the number of the center's document (an
    invoice, a service order): the order key's reference, and one activity entry."""
    order_reference_set(order=added.order, reference=reference)
    quote, product = added.quote, added.subscription.product.name
    activity_record(
        actor=actor,
        account=added.subscription.account,
        action="order_placed",
        summary=f"{product}: +{quote.quantity} licenses ({reference})",
        before={"product": product, "licenses": quote.licenses_before},
        after={"product": product, "licenses": quote.licenses_after, "order": reference},
    )


def mail_on_commit(*, subject: str, body: str, to: list[str], from_email: str | None = None):
    """Send an email once the transaction commits, never for one rolled back (an order refused
    at its last line): written now, in the language and with the figures of now, and kept in
    the mailbox of the seat it was written in."""
    seat_id = entered_seat_id()

    def send():
        with seat_scope(seat_id):
            send_mail(subject, body, from_email, to)

    transaction.on_commit(send)


# Time passing. A seat's clock (`sandbox/clock.py`) moves day by day, and on each day asks every
# part of the sandbox what happens then: the domain's part is here, each center's in its own
# services. Each event changes the rows that made it due, so a day passed twice adds nothing.


def renewal_date_next(subscription: Subscription) -> datetime.date:
    """The renewal date after this one: a calendar month or year later."""
    months = 12 if subscription.billing_frequency == BillingFrequency.ANNUAL else 1
    return months_later(subscription.renewal_date, months)


def subscription_renew(*, subscription: Subscription) -> Subscription:
    """One more term: the renewal date moves to the next one (the center that bills the
    account charges for it first). A free trial's renewal is its first paid term."""
    before = {
        "product": subscription.product.name,
        "renewal_date": subscription.renewal_date.isoformat(),
        "status": subscription.status,
    }
    subscription.renewal_date = renewal_date_next(subscription)
    if subscription.status == Subscription.Status.TRIAL:
        subscription.status = Subscription.Status.ACTIVE
    subscription.save(update_fields=["renewal_date", "status"])
    activity_record(
        actor=None,
        account=subscription.account,
        action="subscription_renewed",
        summary=f"{subscription.product.name}: renewed until {subscription.renewal_date}",
        before=before,
        after={
            "product": subscription.product.name,
            "renewal_date": subscription.renewal_date.isoformat(),
            "status": subscription.status,
        },
    )
    return subscription


def _next_day(first: datetime.date | None, after: datetime.date) -> datetime.date | None:
    """`first`, or the day after `after` for what was due already: the next day it happens."""
    if first is None:
        return None
    return max(first, after + datetime.timedelta(days=1))


def accounts_next_event(*, after: datetime.date) -> datetime.date | None:
    """The first day after `after` when the domain has something to do: a subscription pending
    cancellation reaching the end of its term."""
    pending = Subscription.objects.filter(status=Subscription.Status.PENDING_CANCELLATION)
    return _next_day(pending.aggregate(first=Min("renewal_date"))["first"], after)


@transaction.atomic(savepoint=False)  # the clock passes many days in one move
def accounts_day_pass(*, day: datetime.date) -> list[Subscription]:
    """What `day` brings to the domain: a subscription pending cancellation ends at the end of
    its term (its renewal date): it is removed from the account, nothing is charged, its past
    invoices stay in the billing history. Returns the ended subscriptions."""
    ended = list(
        Subscription.objects.filter(
            status=Subscription.Status.PENDING_CANCELLATION, renewal_date__lte=day
        ).select_related("account", "product")
    )
    for subscription in ended:
        activity_record(
            actor=None,
            account=subscription.account,
            action="subscription_ended",
            summary=f"{subscription.product.name}: cancelled at the end of its term",
            before={
                "product": subscription.product.name,
                "status": subscription.status,
                "renewal_date": subscription.renewal_date.isoformat(),
            },
            after={},
        )
        subscription.delete()
    return ended
