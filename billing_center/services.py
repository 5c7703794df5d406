"""The billing admin's writes: orders, plan changes, cancellation, card and billing address.

Every function validates first, writes inside one transaction and records the change with
`activity_record` (who, when, what, before and after).
"""

import datetime
import uuid
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Min
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.debug import sensitive_variables

from accounts.clock import sandbox_today
from accounts.models import (
    Account,
    Activity,
    BillingFrequency,
    PlacedOrder,
    PlanTier,
    Subscription,
    User,
)
from accounts.services import (
    REVIEW_AGAIN,
    LicensesQuote,
    activity_record,
    fields_changed,
    licenses_added_record,
    licenses_quote,
    mail_on_commit,
    order_claim,
    order_reference_set,
    plan_price,
    renewal_date_next,
    seat_locked_for,
    subscription_licenses_add,
    subscription_locked,
    subscription_orderable_check,
    subscription_renew,
)
from core.formatting import format_day

from .cards import CardDeclined, card_brand, card_expired, card_is_declined
from .models import CENT, PERIOD_DAYS, BillingInfo, Invoice, PaymentMethod

# How long "Try it free" lasts; at its end the trial renews as a paid subscription.
TRIAL_DAYS = 30

# What a checkout whose cart changed since it was shown says (another tab, another price).
CART_CHANGED = gettext_lazy(
    "Your cart changed since this checkout was shown. Review the order again."
)


@dataclass(frozen=True)
class OrderSummary:
    """What an order costs before it is placed: the page shows it, Place Order charges it."""

    subscription: Subscription
    plan_tier: PlanTier
    billing_frequency: str
    licenses_before: int
    licenses_after: int
    plan_price: Decimal  # one license for one billing period of the new plan
    period_start: datetime.date
    period_end: datetime.date
    total_due: Decimal
    currency: str

    @property
    def licenses_added(self) -> int:
        return self.licenses_after - self.licenses_before


def _remaining(amount: Decimal, frequency: str, start: datetime.date, end: datetime.date):
    """`amount` for a full billing period, prorated to the days from `start` to `end`."""
    period = PERIOD_DAYS[frequency]
    days = min(max((end - start).days, 0), period)
    return amount * days / period


def order_summary_add_licenses(
    *, subscription: Subscription, quantity: int, today: datetime.date | None = None
) -> OrderSummary:
    """Adding `quantity` licenses, charged from today to the renewal date."""
    quote = licenses_quote(subscription=subscription, quantity=quantity)
    return _order_summary_of_quote(quote, today=today or sandbox_today())


def _order_summary_of_quote(quote: LicensesQuote, *, today: datetime.date) -> OrderSummary:
    """The domain's price of the licenses for a whole period, prorated to the renewal date."""
    subscription = quote.subscription
    total = _remaining(
        quote.amount, subscription.billing_frequency, today, subscription.renewal_date
    )
    return OrderSummary(
        subscription=subscription,
        plan_tier=subscription.plan_tier,
        billing_frequency=subscription.billing_frequency,
        licenses_before=quote.licenses_before,
        licenses_after=quote.licenses_after,
        plan_price=quote.price_per_license,
        period_start=today,
        period_end=subscription.renewal_date,
        total_due=total.quantize(CENT, rounding=ROUND_HALF_UP),
        currency=subscription.account.currency,
    )


def plan_tiers_to_add(account: Account):
    """The plan tiers of the products the account has no subscription of: Add New
    Subscription offers these (one subscription per product)."""
    subscribed = Subscription.objects.filter(account=account).values("product")
    return (
        PlanTier.objects.exclude(product__in=subscribed)
        .select_related("product")
        .order_by("product__sort_order", "rank")
    )


def order_summary_new_subscription(
    *,
    account: Account,
    plan_tier: PlanTier,
    billing_frequency: str,
    licenses: int,
    today: datetime.date | None = None,
) -> OrderSummary:
    """A new subscription bought today: its first whole billing period is due."""
    today = today or sandbox_today()
    if not plan_tiers_to_add(account).filter(pk=plan_tier.pk).exists():
        raise ValidationError(
            _("This account already has a subscription of %(product)s.")
            % {"product": plan_tier.product.name},
            code="subscribed",
        )
    if billing_frequency not in BillingFrequency.values:
        raise ValidationError(_("Choose a billing frequency."))
    price = plan_price(
        plan_tier=plan_tier, currency=account.currency, billing_frequency=billing_frequency
    )
    end = today + datetime.timedelta(days=PERIOD_DAYS[billing_frequency])
    subscription = Subscription(
        account=account,
        product=plan_tier.product,
        plan_tier=plan_tier,
        licenses=licenses,
        billing_frequency=billing_frequency,
        renewal_date=end,
    )
    return OrderSummary(
        subscription=subscription,
        plan_tier=plan_tier,
        billing_frequency=billing_frequency,
        licenses_before=0,
        licenses_after=licenses,
        plan_price=price,
        period_start=today,
        period_end=end,
        total_due=(price * licenses).quantize(CENT, rounding=ROUND_HALF_UP),
        currency=account.currency,
    )


@transaction.atomic
def subscription_add(
    *,
    actor: User,
    account: Account,
    plan_tier_id: int,
    billing_frequency: str,
    licenses: int,
    trial: bool,
) -> Subscription:
    """Add New Subscription: buy another product (its first period invoiced and confirmed by
    email) or try it free for `TRIAL_DAYS`. The account's row is locked, so two tabs adding
    the same product at once make one subscription; the second is refused. The seat is
    locked first, as every order locks it (a reset at that moment: `SeatWasReset`)."""
    seat_locked_for(account)
    Account.objects.select_for_update().filter(pk=account.pk).first()
    plan_tier = PlanTier.objects.select_related("product").filter(pk=plan_tier_id).first()
    if plan_tier is None:
        raise ValidationError(_("Choose one of the products you can add."))
    summary = order_summary_new_subscription(
        account=account, plan_tier=plan_tier, billing_frequency=billing_frequency, licenses=licenses
    )
    subscription = summary.subscription
    if trial:
        subscription.status = Subscription.Status.TRIAL
        subscription.renewal_date = summary.period_start + datetime.timedelta(days=TRIAL_DAYS)
    subscription.save()
    after = {
        "product": plan_tier.product.name,
        "plan_tier": str(plan_tier.name),
        "billing_frequency": billing_frequency,
        "licenses": licenses,
        "status": subscription.status,
    }
    if not trial:
        invoice = _invoice_create(
            summary=summary, kind=Invoice.Kind.NEW_SUBSCRIPTION, quantity=licenses
        )
        after["invoice"] = invoice.number
        _order_confirmation_send(actor=actor, invoice=invoice, summary=summary)
    activity_record(
        actor=actor,
        account=account,
        action="subscription_added",
        summary=f"{plan_tier.product.name}: {'free trial' if trial else 'bought'}",
        after=after,
    )
    return subscription


def is_downgrade(*, subscription: Subscription, plan_tier: PlanTier) -> bool:
    """Whether `plan_tier` is below the subscription's (the tiers' rank within the product)."""
    return plan_tier.rank < subscription.plan_tier.rank


def order_summary_change(
    *,
    subscription: Subscription,
    plan_tier: PlanTier,
    billing_frequency: str,
    today: datetime.date | None = None,
) -> OrderSummary:
    """A new plan tier or frequency from today: the difference up to the renewal date is due
    (a cheaper frequency costs nothing now; it is cheaper from the renewal on). A lower plan
    tier is not sold here: as in the real Billing Center, Customer Care makes downgrades."""
    today = today or sandbox_today()
    subscription_orderable_check(subscription)
    if plan_tier.product_id != subscription.product_id:
        raise ValidationError(_("This plan tier belongs to another product."))
    if is_downgrade(subscription=subscription, plan_tier=plan_tier):
        raise ValidationError(
            _(
                "A move to a lower plan tier is made by Customer Care, not in the Billing "
                "Center: contact Customer Care to downgrade."
            ),
            code="downgrade",
        )
    if billing_frequency not in BillingFrequency.values:
        raise ValidationError(_("Choose a billing frequency."))
    if (
        plan_tier.pk == subscription.plan_tier_id
        and billing_frequency == subscription.billing_frequency
    ):
        raise ValidationError(_("Choose a different plan tier or billing frequency."))
    currency = subscription.account.currency
    old_price = plan_price(
        plan_tier=subscription.plan_tier,
        currency=currency,
        billing_frequency=subscription.billing_frequency,
    )
    new_price = plan_price(
        plan_tier=plan_tier, currency=currency, billing_frequency=billing_frequency
    )
    end = subscription.renewal_date
    licenses = subscription.licenses
    old_cost = _remaining(old_price * licenses, subscription.billing_frequency, today, end)
    new_cost = _remaining(new_price * licenses, billing_frequency, today, end)
    return OrderSummary(
        subscription=subscription,
        plan_tier=plan_tier,
        billing_frequency=billing_frequency,
        licenses_before=licenses,
        licenses_after=licenses,
        plan_price=new_price,
        period_start=today,
        period_end=end,
        total_due=max(new_cost - old_cost, Decimal("0")).quantize(CENT, rounding=ROUND_HALF_UP),
        currency=currency,
    )


def _invoice_create(*, summary: OrderSummary, kind: str, quantity: int) -> Invoice:
    subscription = summary.subscription
    invoice = Invoice(
        account=subscription.account,
        kind=kind,
        issued_on=summary.period_start,
        subscription=subscription,
        product=subscription.product,
        plan_tier=summary.plan_tier,
        billing_frequency=summary.billing_frequency,
        quantity=quantity,
        unit_price=summary.plan_price,
        period_start=summary.period_start,
        period_end=summary.period_end,
        total=summary.total_due,
        currency=summary.currency,
    )
    return _invoice_issue(invoice)


def _invoice_issue(invoice: Invoice) -> Invoice:
    """Save a new invoice under its number: INV-<year issued>-<its id, six digits>."""
    invoice.number = f"pending-{uuid.uuid4().hex}"
    invoice.save()
    invoice.number = f"INV-{invoice.issued_on:%Y}-{invoice.pk:06d}"
    invoice.save(update_fields=["number"])
    return invoice


def renewal_invoice_new(
    *,
    subscription: Subscription,
    unit_price: Decimal,
    period_start: datetime.date,
    period_end: datetime.date,
    number: str = "",
) -> Invoice:
    """The invoice of a subscription's term from `period_start` to `period_end`, unsaved: its
    licenses at `unit_price`, in the account's currency, issued on the first day. The one
    place a renewal invoice is made: the clock's renewals (`renewal_charge`) and the sample
    data's past invoices."""
    account = subscription.account
    return Invoice(
        number=number,
        account=account,
        kind=Invoice.Kind.RENEWAL,
        issued_on=period_start,
        subscription=subscription,
        product=subscription.product,
        plan_tier=subscription.plan_tier,
        billing_frequency=subscription.billing_frequency,
        quantity=subscription.licenses,
        unit_price=unit_price,
        period_start=period_start,
        period_end=period_end,
        total=(unit_price * subscription.licenses).quantize(CENT, rounding=ROUND_HALF_UP),
        currency=account.currency,
    )


def _order_confirmation_send(*, actor: User, invoice: Invoice, summary: OrderSummary) -> None:
    """The order confirmation, in the page's language, to the billing admin's mailbox, once
    the order is committed (`mail_on_commit`)."""
    context = {"invoice": invoice, "summary": summary, "recipient": actor}
    mail_on_commit(
        subject=_("Order confirmation %(number)s") % {"number": invoice.number},
        body=render_to_string("billing_center/email/order_confirmation.txt", context),
        to=[actor.email],
    )


@transaction.atomic
def order_place(
    *, actor: User, account: Account, subscription_id: int, quantity: int, order_key: uuid.UUID
) -> Invoice:
    """Place Order for more licenses: the domain raises the count (locked, once per order
    summary, priced once) and returns what the invoice needs; the Billing Center then issues
    the invoice, records the order under its number and sends the confirmation on commit.

    A summary placed before raises `accounts.services.OrderAlreadyPlaced`.
    """
    added = subscription_licenses_add(
        account=account, subscription_id=subscription_id, quantity=quantity, order_key=order_key
    )
    summary = _order_summary_of_quote(added.quote, today=sandbox_today())
    invoice = _invoice_create(summary=summary, kind=Invoice.Kind.LICENSES_ADDED, quantity=quantity)
    licenses_added_record(actor=actor, added=added, reference=invoice.number)
    _order_confirmation_send(actor=actor, invoice=invoice, summary=summary)
    return invoice


def cart_line_key(order_key: uuid.UUID, subscription_id: int) -> uuid.UUID:
    """The key one line of a cart claims: derived from the cart's own key, so each line is
    placed once, and a resubmitted checkout finds every line already placed."""
    return uuid.uuid5(order_key, str(subscription_id))


def cart_placed_before(*, account: Account, order_key: uuid.UUID) -> list[PlacedOrder]:
    """The orders a cart with this key placed before (Back then Place Order, a double click,
    the same cart in two tabs): one for each line, in the order they were placed."""
    subscription_ids = (
        Subscription.objects.filter(account=account).order_by().values_list("pk", flat=True)
    )
    keys = [cart_line_key(order_key, pk) for pk in subscription_ids]
    return list(PlacedOrder.objects.filter(account=account, key__in=keys).order_by("pk"))


def cart_line_shown(subscription_id: int, quantity: int, total_due) -> str:
    """A line as the checkout showed it, and as its Place Order form sends it back:
    `pk:licenses:total` (`cart.reviewed_lines`; a refused line's total is `-`)."""
    return f"{subscription_id}:{quantity}:{total_due}"


@transaction.atomic
def cart_place(
    *,
    actor: User,
    account: Account,
    lines: dict[int, int],
    order_key: uuid.UUID,
    shown: str | None = None,
) -> list[Invoice]:
    """Place Order for the cart's lines ({subscription pk: licenses to add}) under the cart's
    key: every line is an `order_place` of its own (its invoice, its email), and the lines go
    all or none, so a line refused now (cancelled since, over the limit, gone) places nothing.

    `shown`, the lines as the checkout showed them (`cart_line_shown`, joined by commas),
    refuses a cart whose lines or prices are not those any more (`CART_CHANGED`): each line
    is priced once, in its lock, and the lines placed are compared with `shown` before the
    transaction ends; a difference rolls every line back, so nothing is charged unseen.
    A checkout placed before raises `accounts.services.OrderAlreadyPlaced`.
    """
    if not lines:
        raise ValidationError(_("Your cart is empty."), code="empty")
    invoices = []
    for subscription_id, quantity in lines.items():
        try:
            invoices.append(
                order_place(
                    actor=actor,
                    account=account,
                    subscription_id=subscription_id,
                    quantity=quantity,
                    order_key=cart_line_key(order_key, subscription_id),
                )
            )
        except Subscription.DoesNotExist:  # gone since the checkout was shown
            raise ValidationError(REVIEW_AGAIN, code="gone") from None
    placed = ",".join(
        cart_line_shown(invoice.subscription_id, invoice.quantity, invoice.total)
        for invoice in invoices
    )
    if shown is not None and shown != placed:
        raise ValidationError(CART_CHANGED, code="changed")  # and every line is rolled back
    return invoices


@transaction.atomic
def subscription_change(
    *,
    actor: User,
    account: Account,
    subscription_id: int,
    plan_tier_id: int,
    billing_frequency: str,
    order_key: uuid.UUID | None,
) -> Invoice:
    """Change the plan tier and/or the billing frequency from today, once per order summary
    (a summary placed before raises `accounts.services.OrderAlreadyPlaced`), priced once,
    here. The subscription is checked first: pending cancellation is refused before the
    summary's key is claimed, and a summary sent without its key (None) after that."""
    subscription = subscription_locked(account=account, subscription_id=subscription_id)
    subscription_orderable_check(subscription)
    order = order_claim(account=account, subscription=subscription, order_key=order_key)
    plan_tier = PlanTier.objects.filter(pk=plan_tier_id, product=subscription.product).first()
    if plan_tier is None:
        raise ValidationError(_("This plan tier belongs to another product."))
    summary = order_summary_change(
        subscription=subscription, plan_tier=plan_tier, billing_frequency=billing_frequency
    )
    before = {
        "product": subscription.product.name,
        "plan_tier": str(subscription.plan_tier.name),
        "billing_frequency": subscription.billing_frequency,
    }
    subscription.plan_tier = plan_tier
    subscription.billing_frequency = billing_frequency
    subscription.save(update_fields=["plan_tier", "billing_frequency"])
    invoice = _invoice_create(
        summary=summary, kind=Invoice.Kind.PLAN_CHANGED, quantity=subscription.licenses
    )
    order_reference_set(order=order, reference=invoice.number)
    activity_record(
        actor=actor,
        account=account,
        action="plan_changed",
        summary=f"{subscription.product.name}: plan changed ({invoice.number})",
        before=before,
        after={
            "product": subscription.product.name,
            "plan_tier": str(plan_tier.name),
            "billing_frequency": billing_frequency,
            "invoice": invoice.number,
        },
    )
    _order_confirmation_send(actor=actor, invoice=invoice, summary=summary)
    return invoice


@transaction.atomic
def subscription_cancel(*, actor: User, account: Account, subscription_id: int) -> Subscription:
    """Cancel at the renewal date: until then the subscription is pending cancellation."""
    subscription = subscription_locked(account=account, subscription_id=subscription_id)
    if subscription.status == Subscription.Status.PENDING_CANCELLATION:
        raise ValidationError(_("This subscription is already pending cancellation."))
    return _subscription_status_change(
        actor=actor,
        subscription=subscription,
        status=Subscription.Status.PENDING_CANCELLATION,
        action="subscription_cancelled",
        what="cancellation requested",
    )


@transaction.atomic
def subscription_cancel_undo(
    *, actor: User, account: Account, subscription_id: int
) -> Subscription:
    """Keep the subscription after all: possible until the renewal date."""
    subscription = subscription_locked(account=account, subscription_id=subscription_id)
    if subscription.status != Subscription.Status.PENDING_CANCELLATION:
        raise ValidationError(_("This subscription is not pending cancellation."))
    if subscription.renewal_date <= sandbox_today():
        raise ValidationError(_("The renewal date has passed: the cancellation cannot be undone."))
    return _subscription_status_change(
        actor=actor,
        subscription=subscription,
        status=Subscription.Status.ACTIVE,
        action="cancellation_undone",
        what="cancellation undone",
    )


def _subscription_status_change(
    *, actor: User, subscription: Subscription, status: str, action: str, what: str
) -> Subscription:
    """Write a locked subscription's new status and its activity entry (status before/after)."""
    before = {"product": subscription.product.name, "status": subscription.status}
    subscription.status = status
    subscription.save(update_fields=["status"])
    activity_record(
        actor=actor,
        account=subscription.account,
        action=action,
        summary=f"{subscription.product.name}: {what}",
        before=before,
        after={"product": subscription.product.name, "status": subscription.status},
    )
    return subscription


@sensitive_variables("card_number")
def payment_method_replace(
    *, actor: User, account: Account, card_number: str, exp_month: int, exp_year: int
) -> PaymentMethod:
    """Replace the card on file. The number itself is never stored: brand and last four only."""
    with transaction.atomic():
        if card_is_declined(card_number):
            raise CardDeclined(_("Your card was declined. Use another card."))
        previous = PaymentMethod.objects.filter(account=account).first()
        method, _created = PaymentMethod.objects.update_or_create(
            account=account,
            defaults={
                "brand": card_brand(card_number),
                "last4": card_number[-4:],
                "exp_month": exp_month,
                "exp_year": exp_year,
            },
        )
        activity_record(
            actor=actor,
            account=account,
            action="payment_method_changed",
            summary="Payment method replaced",
            before={"card": str(previous)} if previous else {},
            after={"card": str(method)},
        )
        return method


@transaction.atomic
def billing_info_update(*, actor: User, account: Account, data: dict) -> BillingInfo:
    """Replace the billing address and VAT number (already validated by the form)."""
    fields = BillingInfo.EDITABLE_FIELDS
    previous = BillingInfo.objects.filter(account=account).first()
    before = {field: getattr(previous, field) for field in fields} if previous else {}
    info, _created = BillingInfo.objects.update_or_create(
        account=account, defaults={field: data.get(field, "") for field in fields}
    )
    changed_before, changed_after = fields_changed(
        before, {field: getattr(info, field) for field in fields}
    )
    activity_record(
        actor=actor,
        account=account,
        action="billing_info_changed",
        summary="Billing info updated",
        before=changed_before,
        after=changed_after,
    )
    return info


def _billing_admin_email_send(*, account: Account, subject: str, template: str, context: dict):
    """An email of the Billing Center to the account's billing admin, in the active language
    (the page's, or the one a caller chose with `translation.override`). No billing admin,
    no email: nobody would receive it."""
    billing_admin = account.users.filter(is_billing_admin=True).first()
    if billing_admin is None:
        return
    send_mail(
        subject,
        render_to_string(template, {"recipient": billing_admin, "account": account, **context}),
        None,
        [billing_admin.email],
    )


# Time passing (the seat's clock, `sandbox/clock.py`): the Billing Center renews the
# subscriptions of standard accounts on their renewal date. Corporate accounts are billed in
# the Corporate Billing Portal (`corp_portal.services.corp_portal_day_pass`).


# What renews on its renewal date: an active subscription, and a free trial (as paid).
RENEWING = (Subscription.Status.ACTIVE, Subscription.Status.TRIAL)


def _billed_here():
    """The subscriptions the Billing Center bills: those of standard accounts."""
    return Subscription.objects.filter(account__billing=Account.Billing.STANDARD)


def _card_on_file(account: Account) -> PaymentMethod | None:
    return PaymentMethod.objects.filter(account=account).first()


def renewal_next(*, after: datetime.date) -> datetime.date | None:
    """The next renewal date after `after` of a subscription billed in the Billing Center (the
    day it renews, or ends when it is pending cancellation): the clock's "next renewal"."""
    later = _billed_here().filter(renewal_date__gt=after)
    return later.aggregate(first=Min("renewal_date"))["first"]


def billing_center_next_event(*, after: datetime.date) -> datetime.date | None:
    """The first day after `after` when the Billing Center has a renewal to charge: an active
    subscription's renewal date, or the next day for one left unrenewed by a declined card
    whose card has been replaced since. Two queries, whatever the number of subscriptions."""
    tomorrow = after + datetime.timedelta(days=1)
    active = list(
        _billed_here().filter(status__in=RENEWING).values_list("renewal_date", "account_id")
    )
    days = [renewal_date for renewal_date, _account in active if renewal_date > after]
    unrenewed = {account for renewal_date, account in active if renewal_date <= after}
    if unrenewed:
        cards = {
            card.account_id: card for card in PaymentMethod.objects.filter(account_id__in=unrenewed)
        }
        if any(not card_expired(cards.get(account), on=tomorrow) for account in unrenewed):
            days.append(tomorrow)
    return min(days, default=None)


@transaction.atomic(savepoint=False)  # the clock passes many days in one move
def billing_center_day_pass(*, day: datetime.date) -> list[Invoice]:
    """What `day` brings to the Billing Center: every active subscription whose renewal date
    has come renews. The card on file is charged for the next term, an invoice is issued and
    emailed to the billing admin, and the renewal date moves on; an expired card is declined
    instead (`renewal_decline`). Returns the renewal invoices issued."""
    due = (
        _billed_here()
        .filter(status__in=RENEWING, renewal_date__lte=day)
        .select_related("account", "product", "plan_tier")
        .order_by("renewal_date", "id")
    )
    due = list(due)
    # The cards on file, read once for the day (renewing changes none of them).
    cards = {
        card.account_id: card
        for card in PaymentMethod.objects.filter(account_id__in={s.account_id for s in due})
    }
    invoices = []
    for subscription in due:
        card = cards.get(subscription.account_id)
        if card_expired(card, on=day):
            renewal_decline(subscription=subscription)
        else:
            invoices.append(renewal_charge(subscription=subscription, card=card))
    return invoices


def renewal_charge(*, subscription: Subscription, card: PaymentMethod | None = None) -> Invoice:
    """Charge the card on file (`card`, read when not given) for the term starting at the
    renewal date (price per license x licenses), issue the renewal invoice, email it to the
    billing admin, and renew."""
    account = subscription.account
    if card is None:
        card = _card_on_file(account)
    price = plan_price(
        plan_tier=subscription.plan_tier,
        currency=account.currency,
        billing_frequency=subscription.billing_frequency,
    )
    invoice = _invoice_issue(
        renewal_invoice_new(
            subscription=subscription,
            unit_price=price,
            period_start=subscription.renewal_date,
            period_end=renewal_date_next(subscription),
        )
    )
    subscription_renew(subscription=subscription)
    _billing_admin_email_send(
        account=account,
        subject=_("Renewal invoice %(number)s: %(product)s")
        % {"number": invoice.number, "product": subscription.product.name},
        template="billing_center/email/renewal_invoice.txt",
        context={"invoice": invoice, "card": card},
    )
    return invoice


def renewal_decline(*, subscription: Subscription) -> bool:
    """The card on file is expired (or missing) on the renewal date: nothing is charged, no
    invoice is issued, the billing admin gets a notice, and the subscription stays as it is
    (active, its renewal date passed) until a valid card is on file: the clock then renews it
    on the next day it moves through. One notice per renewal date; returns whether one was
    sent now."""
    account = subscription.account
    renewal_date = subscription.renewal_date.isoformat()
    declined_before = Activity.objects.filter(
        account=account,
        action="renewal_declined",
        after__product=subscription.product.name,
        after__renewal_date=renewal_date,
    ).exists()
    if declined_before:
        return False
    card = _card_on_file(account)
    activity_record(
        actor=None,
        account=account,
        action="renewal_declined",
        summary=f"{subscription.product.name}: renewal declined (card {card or 'missing'})",
        after={"product": subscription.product.name, "renewal_date": renewal_date},
    )
    _billing_admin_email_send(
        account=account,
        subject=_("Payment declined: %(product)s was not renewed")
        % {"product": subscription.product.name},
        template="billing_center/email/renewal_declined.txt",
        context={"subscription": subscription, "card": card},
    )
    return True


def renewal_reminder_send(*, subscription: Subscription) -> None:
    """Remind the billing admin of the next renewal: its date, its amount in the account's
    currency, and the card it will be charged to."""
    account = subscription.account
    price = plan_price(
        plan_tier=subscription.plan_tier,
        currency=account.currency,
        billing_frequency=subscription.billing_frequency,
    )
    _billing_admin_email_send(
        account=account,
        subject=_("%(product)s renews on %(date)s")
        % {"product": subscription.product.name, "date": format_day(subscription.renewal_date)},
        template="billing_center/email/renewal_reminder.txt",
        context={
            "subscription": subscription,
            "total": price * subscription.licenses,
            "card": PaymentMethod.objects.filter(account=account).first(),
        },
    )
