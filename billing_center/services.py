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
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from accounts.clock import sandbox_today
from accounts.models import Account, BillingFrequency, PlanTier, Subscription, User
from accounts.services import (
    LicensesQuote,
    activity_record,
    fields_changed,
    licenses_quote,
    order_claim,
    order_reference_set,
    plan_price,
    subscription_licenses_add,
    subscription_locked,
    subscription_orderable_check,
)

from .cards import CardDeclined, card_brand, card_is_declined
from .models import CENT, PERIOD_DAYS, BillingInfo, Invoice, PaymentMethod


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


def order_summary_change(
    *,
    subscription: Subscription,
    plan_tier: PlanTier,
    billing_frequency: str,
    today: datetime.date | None = None,
) -> OrderSummary:
    """A new plan tier or frequency from today: the difference up to the renewal date is due
    (a cheaper plan costs nothing now; it is cheaper from the renewal on)."""
    today = today or sandbox_today()
    subscription_orderable_check(subscription)
    if plan_tier.product_id != subscription.product_id:
        raise ValidationError(_("This plan tier belongs to another product."))
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
    invoice = Invoice.objects.create(
        account=subscription.account,
        number=f"pending-{uuid.uuid4().hex}",
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
    invoice.number = f"INV-{summary.period_start:%Y}-{invoice.pk:06d}"
    invoice.save(update_fields=["number"])
    return invoice


def _order_confirmation_send(*, actor: User, invoice: Invoice, summary: OrderSummary) -> None:
    """The order confirmation, in the page's language, to the billing admin's mailbox."""
    context = {"invoice": invoice, "summary": summary, "recipient": actor}
    send_mail(
        _("Order confirmation %(number)s") % {"number": invoice.number},
        render_to_string("billing_center/email/order_confirmation.txt", context),
        None,
        [actor.email],
    )


@transaction.atomic
def order_place(
    *, actor: User, account: Account, subscription_id: int, quantity: int, order_key: uuid.UUID
) -> Invoice:
    """Place Order for more licenses: the domain raises the count (locked, once per order
    summary, audited); the Billing Center issues the invoice and the confirmation email.

    A summary placed before raises `accounts.services.OrderAlreadyPlaced`.
    """

    def issue(quote: LicensesQuote) -> Invoice:
        summary = _order_summary_of_quote(quote, today=sandbox_today())
        return _invoice_create(
            summary=summary, kind=Invoice.Kind.LICENSES_ADDED, quantity=quote.quantity
        )

    added = subscription_licenses_add(
        actor=actor,
        account=account,
        subscription_id=subscription_id,
        quantity=quantity,
        order_key=order_key,
        issue=issue,
    )
    invoice = added.document
    summary = _order_summary_of_quote(added.quote, today=invoice.issued_on)
    _order_confirmation_send(actor=actor, invoice=invoice, summary=summary)
    return invoice


@transaction.atomic
def subscription_change(
    *,
    actor: User,
    account: Account,
    subscription_id: int,
    plan_tier_id: int,
    billing_frequency: str,
    order_key: uuid.UUID,
) -> Invoice:
    """Change the plan tier and/or the billing frequency from today, once per order summary
    (a summary placed before raises `accounts.services.OrderAlreadyPlaced`)."""
    subscription = subscription_locked(account=account, subscription_id=subscription_id)
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


@transaction.atomic
def payment_method_replace(
    *, actor: User, account: Account, card_number: str, exp_month: int, exp_year: int
) -> PaymentMethod:
    """Replace the card on file. The number itself is never stored: brand and last four only."""
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
