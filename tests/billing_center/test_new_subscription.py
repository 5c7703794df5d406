"""Add New Subscription: buy or try another product, once."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse

from accounts.models import Activity, PlanTier, Subscription
from billing_center.models import Invoice
from billing_center.services import TRIAL_DAYS
from sandbox.models import MailboxMessage
from tests.commits import committed

URL = "/en/billing/subscriptions/new/"
ACME = "Acme Support"


@pytest.fixture
def webinar_lite(db, sample_data):
    return PlanTier.objects.get(product__code="gotowebinar", code="lite")


def order(client, plan_tier, *, confirm=None, licenses=3, frequency="monthly"):
    data = {"plan_tier": plan_tier.pk, "billing_frequency": frequency, "licenses": licenses}
    data["mode"] = confirm or "buy"
    if confirm:
        data["confirm"] = 1
    return client.post(URL, data)


def test_the_page_offers_only_the_products_the_account_lacks(signed_in):
    content = signed_in("ana").get(URL).content.decode()
    assert "GoToWebinar · Lite" in content and "GoToWebinar · Standard" in content
    assert "GoToMeeting ·" not in content and "GoToAssist Remote Support v5 ·" not in content


def test_review_shows_the_first_period_and_changes_nothing(signed_in, webinar_lite):
    response = order(signed_in("ana"), webinar_lite, licenses=3)
    content = response.content.decode()
    assert 'data-testid="bc-order-summary"' in content
    assert "$177.00" in content  # 3 x $59.00 for the first month
    assert not Subscription.objects.filter(
        product=webinar_lite.product, account__name="Acme Support"
    )


def test_buy_invoices_the_first_period_and_mails_the_confirmation(signed_in, persona, webinar_lite):
    ana = persona("ana")
    with committed():
        response = order(signed_in("ana"), webinar_lite, confirm="buy", licenses=3)
    assert response.status_code == 302
    subscription = Subscription.objects.get(account=ana.account, product=webinar_lite.product)
    assert subscription.status == Subscription.Status.ACTIVE and subscription.licenses == 3
    assert subscription.renewal_date == settings.SANDBOX_TODAY + datetime.timedelta(days=30)
    invoice = Invoice.objects.get(subscription=subscription, kind=Invoice.Kind.NEW_SUBSCRIPTION)
    assert str(invoice.total) == "177.00"
    assert MailboxMessage.objects.filter(recipient=ana.email, subject__contains=invoice.number)
    assert Activity.objects.filter(action="subscription_added", after__invoice=invoice.number)


def test_try_starts_a_free_trial_without_an_invoice(signed_in, persona, webinar_lite):
    ana = persona("ana")
    order(signed_in("ana"), webinar_lite, confirm="try")
    subscription = Subscription.objects.get(account=ana.account, product=webinar_lite.product)
    assert subscription.status == Subscription.Status.TRIAL
    assert subscription.renewal_date == settings.SANDBOX_TODAY + datetime.timedelta(days=TRIAL_DAYS)
    assert not Invoice.objects.filter(subscription=subscription).exists()
    page = signed_in("ana").get(reverse("billing_center:subscriptions")).content.decode()
    assert "Free trial" in page


def test_a_second_confirm_orders_nothing_more(signed_in, persona, webinar_lite):
    client = signed_in("ana")
    assert order(client, webinar_lite, confirm="buy").status_code == 302
    again = order(client, webinar_lite, confirm="buy")  # Back, then Place Order again
    assert again.status_code == 400
    assert "Choose one of the products you can add." in again.content.decode()
    assert (
        Subscription.objects.filter(product=webinar_lite.product, account__name=ACME).count() == 1
    )
    assert Invoice.objects.filter(kind=Invoice.Kind.NEW_SUBSCRIPTION).count() == 1


@pytest.mark.parametrize(
    "data",
    [
        {"licenses": 0},
        {"licenses": 1_000_000},
        {"licenses": "three"},
        {"billing_frequency": "weekly"},
        {"plan_tier": "999999"},
        {"mode": "steal"},
    ],
)
def test_bad_input_is_a_400_that_changes_nothing(signed_in, webinar_lite, data):
    post = {"plan_tier": webinar_lite.pk, "billing_frequency": "monthly", "licenses": 2}
    post = {**post, "mode": "buy", "confirm": 1, **data}
    response = signed_in("ana").post(URL, post)
    assert response.status_code == 400
    assert not Subscription.objects.filter(
        product=webinar_lite.product, account__name=ACME
    ).exists()


def test_a_product_the_account_has_is_refused(signed_in, persona):
    meeting = PlanTier.objects.get(product__code="gotomeeting", code="business")
    response = order(signed_in("ana"), meeting, confirm="buy")
    assert response.status_code == 400
    assert Subscription.objects.filter(account=persona("ana").account).count() == 2


def test_an_account_with_every_product_is_told_so(signed_in, persona, webinar_lite):
    client = signed_in("ana")
    order(client, webinar_lite, confirm="try")
    content = client.get(URL).content.decode()
    assert 'data-testid="bc-new-subscription-none"' in content


@pytest.mark.parametrize("key", ["bruno", "diego"])
def test_only_the_billing_admin_adds_a_subscription(signed_in, webinar_lite, key):
    response = order(signed_in(key), webinar_lite, confirm="buy")
    assert response.status_code == 403
    assert not Subscription.objects.filter(
        product=webinar_lite.product, account__name=ACME
    ).exists()
