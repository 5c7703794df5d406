"""Every amount of the portal's sample invoices follows from the plan, the frequency and the
dates: a line is its plan's price for its own billing frequency x seats, an annual plan is
billed once a year (never monthly at the annual price), a total is the sum of its lines."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.models import Subscription
from corp_portal.models import Invoice, InvoiceLine, PortalLogin
from corp_portal.views import SESSION_KEY
from sandbox.corp_portal_sample_data import INVOICE_MONTHS
from sandbox.sample_data import ACCOUNTS, GLOBEX, PRODUCTS

PRICES = {
    (product.code, plan.code, currency, frequency): amount
    for product in PRODUCTS
    for plan in product.plans
    for (currency, frequency), amount in plan.prices.items()
}
GLOBEX_DATA = next(account for account in ACCOUNTS if account.name == GLOBEX)
# subscription of the sample data -> lines it has on the 24 monthly invoices
LINES_IN_TWO_YEARS = {"monthly": INVOICE_MONTHS, "annual": 2}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "subscription", GLOBEX_DATA.subscriptions, ids=lambda s: f"{s.product}-{s.billing_frequency}"
)
def test_each_line_is_the_price_for_its_frequency_times_the_seats(sample_data, subscription):
    price = PRICES[(subscription.product, subscription.plan, "EUR", subscription.billing_frequency)]
    lines = list(
        InvoiceLine.objects.filter(plan_tier__product__code=subscription.product)
        .select_related("invoice", "plan_tier")
        .order_by("period_start")
    )
    assert len(lines) == LINES_IN_TWO_YEARS[subscription.billing_frequency]
    for line in lines:
        assert line.plan_tier.code == subscription.plan
        assert line.billing_frequency == subscription.billing_frequency
        assert line.quantity == subscription.licenses
        assert line.unit_price == price
        assert line.amount == price * subscription.licenses
        # The period is one billing period of that frequency, starting in the invoice's month.
        assert line.invoice.issued_on <= line.period_start <= line.invoice.period_end
        if subscription.billing_frequency == "annual":
            next_start = line.period_end + datetime.timedelta(days=1)
            assert (next_start.year - line.period_start.year, next_start.month) == (
                1,
                line.period_start.month,
            )
        else:
            assert (line.period_start, line.period_end) == (
                line.invoice.period_start,
                line.invoice.period_end,
            )


@pytest.mark.django_db
def test_the_last_annual_year_ends_the_day_before_the_renewal_date(sample_data):
    annual = Subscription.objects.filter(billing_frequency="annual", account__name=GLOBEX)
    assert annual.exists()  # the loop checks something
    for subscription in annual:
        years = InvoiceLine.objects.filter(
            plan_tier=subscription.plan_tier, billing_frequency="annual"
        ).order_by("period_start")
        ends = [line.period_end for line in years]
        starts = [line.period_start for line in years]
        assert ends[-1] == subscription.renewal_date - datetime.timedelta(days=1)
        assert starts[1] == ends[0] + datetime.timedelta(days=1)


@pytest.mark.django_db
def test_every_invoice_total_is_the_sum_of_its_lines(sample_data):
    invoices = Invoice.objects.prefetch_related("lines")
    assert invoices.count() == INVOICE_MONTHS
    for invoice in invoices:
        lines = list(invoice.lines.all())
        assert lines, invoice.number
        assert invoice.total == sum((line.amount for line in lines), Decimal("0.00"))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "tiers", "not_shown"),
    [
        ("es", ["Premium", "Empresa", "Estándar", "Mensual", "Anual"], ["Business", "Standard"]),
        ("pt-br", ["Premium", "Empresarial", "Padrão", "Mensal", "Anual"], ["Business"]),
        ("en", ["Premium", "Business", "Standard", "Monthly", "Annual"], []),
    ],
)
def test_invoice_lines_name_the_plan_in_the_pages_language(
    client, sample_data, language, tiers, not_shown
):
    login = PortalLogin.objects.get(user_id="GLOBEX-4471")
    session = client.session
    session[SESSION_KEY] = login.pk
    session.save()
    shown = ""
    for invoice in Invoice.objects.all():
        with translation.override(language):
            page = client.get(reverse("corp_portal:invoice", args=[invoice.pk]))
        assert page.status_code == 200
        lines = page.content.decode().split('data-testid="invoice-lines"')[1]
        shown += lines.split("</tbody>")[0]
    for word in tiers:
        assert word in shown
    for word in not_shown:
        assert word not in shown
