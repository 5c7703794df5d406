"""The Billing Center's sample data: a card on file, the billing address and past invoices of
the standard accounts (Acme and Paulista). Stable keys, dates counted from the sandbox today."""

import datetime
from dataclasses import dataclass

from accounts.models import BillingFrequency, PlanPrice
from billing_center.models import BillingInfo, Invoice, PaymentMethod

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


def billing_center_sample_data_load(*, accounts, today):
    """Called by `sandbox_load`: creates what is missing (by account, by invoice number) and
    leaves what exists as people left it; `sandbox_reset` removes the invoices of orders."""
    for name, sample in SAMPLES.items():
        account = accounts.get(name)
        if account is None:
            continue
        PaymentMethod.objects.get_or_create(account=account, defaults=sample.card)
        BillingInfo.objects.get_or_create(account=account, defaults=sample.billing_info)
        for subscription in account.subscriptions.select_related("product", "plan_tier"):
            price = PlanPrice.objects.get(
                plan_tier=subscription.plan_tier,
                currency=account.currency,
                billing_frequency=subscription.billing_frequency,
            ).amount
            for number_suffix, (start, end) in enumerate(
                _past_periods(subscription.billing_frequency, subscription.renewal_date),
                start=1,
            ):
                number = (
                    f"{sample.invoice_prefix}-{subscription.product.code.upper()}-{number_suffix}"
                )
                Invoice.objects.get_or_create(
                    number=number,
                    defaults={
                        "account": account,
                        "kind": Invoice.Kind.RENEWAL,
                        "issued_on": start,
                        "subscription": subscription,
                        "product": subscription.product,
                        "plan_tier": subscription.plan_tier,
                        "billing_frequency": subscription.billing_frequency,
                        "quantity": subscription.licenses,
                        "unit_price": price,
                        "period_start": start,
                        "period_end": end,
                        "total": price * subscription.licenses,
                        "currency": account.currency,
                    },
                )
