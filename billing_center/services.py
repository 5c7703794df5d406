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
from django.db.models import F
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from accounts.clock import sandbox_today
from accounts.models import (
    MAX_LICENSES,
    Account,
    BillingFrequency,
    PlanPrice,
    PlanTier,
    Subscription,
    User,
)
from accounts.services import activity_record

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


def _check_active(subscription: Subscription) -> None:
    if subscription.status == Subscription.Status.PENDING_CANCELLATION:
        raise ValidationError(
            _("This subscription is pending cancellation: undo the cancellation first.")
        )


def _plan_price(plan_tier: PlanTier, currency: str, frequency: str) -> Decimal:
    price = PlanPrice.objects.filter(
        plan_tier=plan_tier, currency=currency, billing_frequency=frequency
    ).first()
    if price is None:
        raise ValidationError(_("This plan is not sold in your account's currency."))
    return price.amount


def _remaining(amount: Decimal, frequency: str, start: datetime.date, end: datetime.date):
    """`amount` for a full billing period, prorated to the days from `start` to `end`."""
    period = PERIOD_DAYS[frequency]
    days = min(max((end - start).days, 0), period)
    return amount * days / period


def order_summary_add_licenses(
    *, subscription: Subscription, quantity: int, today: datetime.date | None = None
) -> OrderSummary:
    """Adding `quantity` licenses, charged from today to the renewal date."""
    today = today or sandbox_today()
    _check_active(subscription)
    if quantity < 1:
        raise ValidationError(_("Enter a number of licenses of at least 1."))
    if subscription.licenses + quantity > MAX_LICENSES:
        raise ValidationError(
            _("A subscription can hold at most %(max)s licenses.") % {"max": MAX_LICENSES}
        )
    currency = subscription.account.currency
    price = _plan_price(subscription.plan_tier, currency, subscription.billing_frequency)
    total = _remaining(
        price * quantity, subscription.billing_frequency, today, subscription.renewal_date
    )
    return OrderSummary(
        subscription=subscription,
        plan_tier=subscription.plan_tier,
        billing_frequency=subscription.billing_frequency,
        licenses_before=subscription.licenses,
        licenses_after=subscription.licenses + quantity,
        plan_price=price,
        period_start=today,
        period_end=subscription.renewal_date,
        total_due=total.quantize(CENT, rounding=ROUND_HALF_UP),
        currency=currency,
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
    _check_active(subscription)
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
    old_price = _plan_price(subscription.plan_tier, currency, subscription.billing_frequency)
    new_price = _plan_price(plan_tier, currency, billing_frequency)
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


def _locked_subscription(account: Account, subscription_id: int) -> Subscription:
    return (
        Subscription.objects.select_for_update(of=("self",))
        .select_related("account", "product", "plan_tier")
        .get(pk=subscription_id, account=account)
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
def order_place(*, actor: User, account: Account, subscription_id: int, quantity: int) -> Invoice:
    """Add licenses: the count is raised in the database (F()), so two orders placed at the
    same moment both count; the invoice and the confirmation email follow."""
    subscription = _locked_subscription(account, subscription_id)
    summary = order_summary_add_licenses(subscription=subscription, quantity=quantity)
    updated = Subscription.objects.filter(
        pk=subscription.pk, licenses__lte=MAX_LICENSES - quantity
    ).update(licenses=F("licenses") + quantity)
    if not updated:
        raise ValidationError(
            _("A subscription can hold at most %(max)s licenses.") % {"max": MAX_LICENSES}
        )
    subscription.refresh_from_db(fields=["licenses"])
    invoice = _invoice_create(summary=summary, kind=Invoice.Kind.LICENSES_ADDED, quantity=quantity)
    activity_record(
        actor=actor,
        account=account,
        action="order_placed",
        summary=f"{subscription.product.name}: +{quantity} licenses ({invoice.number})",
        before={"product": subscription.product.name, "licenses": subscription.licenses - quantity},
        after={
            "product": subscription.product.name,
            "licenses": subscription.licenses,
            "invoice": invoice.number,
        },
    )
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
) -> Invoice:
    """Change the plan tier and/or the billing frequency from today."""
    subscription = _locked_subscription(account, subscription_id)
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
    subscription = _locked_subscription(account, subscription_id)
    if subscription.status == Subscription.Status.PENDING_CANCELLATION:
        raise ValidationError(_("This subscription is already pending cancellation."))
    subscription.status = Subscription.Status.PENDING_CANCELLATION
    subscription.save(update_fields=["status"])
    activity_record(
        actor=actor,
        account=account,
        action="subscription_cancelled",
        summary=f"{subscription.product.name}: cancellation requested",
        before={"product": subscription.product.name, "status": Subscription.Status.ACTIVE.value},
        after={"product": subscription.product.name, "status": subscription.status},
    )
    return subscription


@transaction.atomic
def subscription_cancel_undo(
    *, actor: User, account: Account, subscription_id: int
) -> Subscription:
    """Keep the subscription after all: possible until the renewal date."""
    subscription = _locked_subscription(account, subscription_id)
    if subscription.status != Subscription.Status.PENDING_CANCELLATION:
        raise ValidationError(_("This subscription is not pending cancellation."))
    if subscription.renewal_date <= sandbox_today():
        raise ValidationError(_("The renewal date has passed: the cancellation cannot be undone."))
    subscription.status = Subscription.Status.ACTIVE
    subscription.save(update_fields=["status"])
    activity_record(
        actor=actor,
        account=account,
        action="cancellation_undone",
        summary=f"{subscription.product.name}: cancellation undone",
        before={
            "product": subscription.product.name,
            "status": Subscription.Status.PENDING_CANCELLATION.value,
        },
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
    after = {field: getattr(info, field) for field in fields}
    activity_record(
        actor=actor,
        account=account,
        action="billing_info_changed",
        summary="Billing info updated",
        before={k: v for k, v in before.items() if v != after.get(k)},
        after={k: v for k, v in after.items() if before.get(k) != v},
    )
    return info
