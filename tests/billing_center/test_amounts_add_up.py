"""Every amount of the Billing Center follows from the plan, the frequency and the dates: a
sample invoice is its plan's price for its frequency x licenses, an order's invoice says it is
prorated and how, and the Subscriptions page's totals are price x licenses."""

import uuid
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.models import Account, Subscription
from billing_center.models import Invoice
from billing_center.services import order_place, subscription_change
from sandbox.sample_data import ACCOUNTS, PRODUCTS, STANDARD

PRICES = {
    (product.code, plan.code, currency, frequency): amount
    for product in PRODUCTS
    for plan in product.plans
    for (currency, frequency), amount in plan.prices.items()
}
# (account, product, plan, currency, frequency, licenses) of every standard account
SUBSCRIPTIONS = [
    (a.name, s.product, s.plan, a.currency, s.billing_frequency, s.licenses)
    for a in ACCOUNTS
    if a.billing == STANDARD
    for s in a.subscriptions
]
PERIODS = {"monthly": 3, "annual": 1}  # renewal invoices of the sample billing history


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("account", "product", "plan", "currency", "frequency", "licenses"), SUBSCRIPTIONS
)
def test_each_sample_invoice_is_the_price_for_its_frequency_times_licenses(
    sample_data, account, product, plan, currency, frequency, licenses
):
    invoices = Invoice.objects.filter(account__name=account, product__code=product)
    assert invoices.count() == PERIODS[frequency]
    price = PRICES[(product, plan, currency, frequency)]
    for invoice in invoices:
        assert (invoice.plan_tier.code, invoice.billing_frequency, invoice.currency) == (
            plan,
            frequency,
            currency,
        )
        assert invoice.unit_price == price
        assert invoice.quantity == licenses
        assert not invoice.is_prorated  # a whole billing period
        assert invoice.total == invoice.full_amount == price * licenses


@pytest.mark.django_db
@pytest.mark.parametrize("account", [a.name for a in ACCOUNTS if a.billing == STANDARD])
def test_subscriptions_page_totals_are_price_times_licenses(signed_in, account):
    admin = Account.objects.get(name=account).users.get(is_billing_admin=True)
    client = signed_in(admin.persona.key)
    response = client.get(reverse("billing_center:subscriptions"))
    shown = list(response.context["subscriptions"])
    # The loop below checks something: the page shows every subscription of the account.
    assert len(shown) == Subscription.objects.filter(account=admin.account).count() > 0
    for subscription in shown:
        price = PRICES[
            (
                subscription.product.code,
                subscription.plan_tier.code,
                subscription.account.currency,
                subscription.billing_frequency,
            )
        ]
        assert subscription.price_per_license == price
        assert subscription.total == price * subscription.licenses


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "label", "total"),
    [
        # 3 x $14.00 = $42.00 a month; 12 of 30 days to the renewal date: $16.80
        ("en", "Prorated: 12 of 30 days, to the renewal date", "$16.80"),
        ("es", "Prorrateado: 12 de 30 días, hasta la fecha de renovación", "16,80\xa0US$"),
        ("pt-br", "Proporcional: 12 de 30 dias, até a data de renovação", "US$\xa016,80"),
    ],
)
def test_an_order_invoice_says_it_is_prorated(signed_in, persona, language, label, total):
    ana = persona("ana")
    meeting = ana.account.subscriptions.get(product__code="gotomeeting")
    invoice = order_place(
        actor=ana,
        account=ana.account,
        subscription_id=meeting.pk,
        quantity=3,
        order_key=uuid.uuid4(),
    )
    assert invoice.full_amount == Decimal("42.00")
    assert invoice.is_prorated and invoice.days_charged == 12
    assert invoice.total == invoice.prorated_amount == Decimal("16.80")
    with translation.override(language):
        page = signed_in("ana").get(reverse("billing_center:invoice", args=[invoice.pk]))
    content = page.content.decode()
    assert label in content
    assert 'data-testid="bc-invoice-proration"' in content
    assert total in content.split('data-testid="bc-invoice-total">')[1]


@pytest.mark.django_db
def test_a_plan_change_invoice_shows_the_credit_for_the_previous_plan(signed_in, persona):
    ana = persona("ana")
    rs5 = ana.account.subscriptions.select_related("product").get(product__code="gotoassist-rs5")
    premium = rs5.product.plan_tiers.get(code="premium")
    invoice = subscription_change(
        actor=ana,
        account=ana.account,
        subscription_id=rs5.pk,
        plan_tier_id=premium.pk,
        billing_frequency="annual",
        order_key=uuid.uuid4(),
    )
    # 10 x $660 for 143 of 365 days, less 10 x $440 for the same days
    assert invoice.prorated_amount - invoice.credit == invoice.total
    assert abs(invoice.credit - Decimal("4400") * 143 / 365) < Decimal("0.01")
    content = signed_in("ana").get(reverse("billing_center:invoice", args=[invoice.pk]))
    assert 'data-testid="bc-invoice-credit"' in content.content.decode()
