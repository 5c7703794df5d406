"""The Billing Center's sample data: a card on file, the billing address and past invoices of
the standard accounts (Acme and Paulista). Stable keys, dates counted from the sandbox today."""

import datetime
from dataclasses import dataclass

from accounts.models import BillingFrequency, PlanPrice, Subscription
from billing_center.models import BillingInfo, Invoice, PaymentMethod
from billing_center.services import renewal_invoice_new

from .sample_data import ACME, PAULISTA


@dataclass(frozen=True)
class BillingSample:
    invoice_prefix: str
    card: dict
    billing_info: dict


SAMPLES = {
    ACME: BillingSample(
        "ACME",
        {"brand": "Visa", "last4": "4242", "exp_month": 8, "exp_year": 2029},
        {
            "company_name": "Acme Support Inc.",
            "address_line1": "500 Market Street",
            "address_line2": "Suite 1200",
            "city": "San Francisco",
            "postal_code": "94105",
            "country": "US",
            "vat_number": "",
        },
    ),
    PAULISTA: BillingSample(
        "PAULISTA",
        {"brand": "Mastercard", "last4": "4444", "exp_month": 3, "exp_year": 2028},
        {
            "company_name": "Suporte Paulista Ltda.",
            "address_line1": "Avenida Paulista, 1000",
            "address_line2": "10º andar",
            "city": "São Paulo",
            "postal_code": "01310-100",
            "country": "BR",
            "vat_number": "12345678000195",
        },
    ),
}


def _past_periods(frequency: str, renewal_date: datetime.date):
    """The billing periods already invoiced, newest first: the current annual period, or the
    last three monthly ones (the renewal dates themselves come from the sandbox today)."""
    if frequency == BillingFrequency.ANNUAL:
        return [(renewal_date - datetime.timedelta(days=365), renewal_date)]
    return [
        (
            renewal_date - datetime.timedelta(days=30 * months),
            renewal_date - datetime.timedelta(days=30 * (months - 1)),
        )
        for months in (1, 2, 3)
    ]


def _one_per_account_load(model, sampled, fields_of, *, fresh: bool) -> None:
    """Create `model`'s row (one an account) for each sampled account that has none yet
    (every one, without asking, in a `fresh` seat)."""
    present = (
        set()
        if fresh
        else set(
            model.objects.filter(account__in=[account for account, _ in sampled]).values_list(
                "account_id", flat=True
            )
        )
    )
    model.objects.bulk_create(
        [
            model(account=account, **fields_of(sample))
            for account, sample in sampled
            if account.pk not in present
        ]
    )


def billing_center_sample_data_load(*, accounts, today, fresh: bool = False):
    """Called by `sandbox_load`: creates what is missing (by account, by invoice number) and
    leaves what exists as people left it; `sandbox_reset` removes the invoices of orders.
    A few queries whatever the number of rows: a class loads it once for each seat; in a
    `fresh` seat (no row yet, `sandbox_load`) nothing is looked for before it is written."""
    sampled = [(accounts[name], sample) for name, sample in SAMPLES.items() if name in accounts]
    sampled_accounts = [account for account, _sample in sampled]
    _one_per_account_load(PaymentMethod, sampled, lambda sample: sample.card, fresh=fresh)
    _one_per_account_load(BillingInfo, sampled, lambda sample: sample.billing_info, fresh=fresh)
    subscriptions = list(
        Subscription.objects.filter(account__in=sampled_accounts).select_related(
            "account", "product", "plan_tier"
        )
    )
    prices = {
        (price.plan_tier_id, price.currency, price.billing_frequency): price.amount
        for price in PlanPrice.objects.filter(
            plan_tier__in={subscription.plan_tier_id for subscription in subscriptions}
        )
    }
    invoices = []
    for account, sample in sampled:
        for subscription in (s for s in subscriptions if s.account_id == account.pk):
            price = prices[
                (subscription.plan_tier_id, account.currency, subscription.billing_frequency)
            ]
            for number_suffix, (start, end) in enumerate(
                _past_periods(subscription.billing_frequency, subscription.renewal_date),
                start=1,
            ):
                invoices.append(
                    renewal_invoice_new(
                        subscription=subscription,
                        unit_price=price,
                        period_start=start,
                        period_end=end,
                        number=(
                            f"{sample.invoice_prefix}-{subscription.product.code.upper()}"
                            f"-{number_suffix}"
                        ),
                    )
                )
    existing = (
        set()
        if fresh
        else set(
            Invoice.objects.filter(number__in=[i.number for i in invoices]).values_list(
                "number", flat=True
            )
        )
    )
    Invoice.objects.bulk_create([i for i in invoices if i.number not in existing])
