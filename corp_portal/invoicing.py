"""The portal's monthly invoice: what it bills, month by month. The sample data's invoice
history (`sandbox/corp_portal_sample_data.py`) and the seat's clock
(`services.portal_invoice_issue`) both make their invoices from these."""

import datetime

from accounts.models import BillingFrequency, PlanPrice

from .models import InvoiceLine


def month_start(today: datetime.date, months_back: int) -> datetime.date:
    """The 1st of the month `months_back` months before `today`'s (negative: after)."""
    index = today.year * 12 + today.month - 1 - months_back
    return datetime.date(index // 12, index % 12 + 1, 1)


def years_back(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def invoice_lines(invoice, subscriptions, prices, next_month) -> list[InvoiceLine]:
    """The lines of the monthly invoice issued on `invoice.issued_on`: every monthly
    subscription for that month at the monthly price, and an annual subscription whose year
    starts that month (its renewal date, or one of the three years before) for its year at
    the annual price. Amount = price x seats, always."""
    lines = []
    for s in subscriptions:
        if s.billing_frequency == BillingFrequency.MONTHLY:
            start, end = invoice.period_start, invoice.period_end
        else:
            years = next(
                (
                    years
                    for years in range(4)
                    if invoice.issued_on <= years_back(s.renewal_date, years) < next_month
                ),
                None,
            )
            if years is None:
                continue
            start = years_back(s.renewal_date, years)
            end = years_back(s.renewal_date, years - 1) - datetime.timedelta(days=1)
        price = prices[(s.plan_tier_id, s.billing_frequency)]
        lines.append(
            InvoiceLine(
                invoice=invoice,
                plan_tier=s.plan_tier,
                billing_frequency=s.billing_frequency,
                period_start=start,
                period_end=end,
                quantity=s.licenses,
                unit_price=price,
                amount=price * s.licenses,
            )
        )
    return lines


def portal_prices(account, subscriptions) -> dict:
    """{(plan tier id, billing frequency): price per seat} in the account's currency."""
    return {
        (price.plan_tier_id, price.billing_frequency): price.amount
        for price in PlanPrice.objects.filter(
            plan_tier__in=[s.plan_tier_id for s in subscriptions], currency=account.currency
        )
    }
