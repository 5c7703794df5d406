"""Add licenses (Add Agents -> cart -> checkout), edit subscription, cancel: summary, Place
Order, email, invoice, activity. The cart's own behaviour is in test_cart.py."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.models import MAX_LICENSES, Activity, PlanTier, Subscription
from billing_center.models import BillingInfo, Invoice, PaymentMethod
from sandbox.models import MailboxMessage
from tests.commits import committed


def url(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(f"billing_center:{name}", kwargs=kwargs or None)


def reviewed(client, page, data):
    """`data` with the order key of its order summary, as the Place Order form sends it."""
    summary = client.post(page, data)
    assert summary.status_code == 200, summary.content
    return {**data, "order_key": summary.context["order_key"], "place": "1"}


def add_to_cart(client, subscription, quantity, language="en"):
    """Add Agents -> Add to Cart, which goes to the cart."""
    response = client.post(
        url("add-licenses", language, pk=subscription.pk), {"quantity": str(quantity)}
    )
    assert response.status_code == 302, response.content
    assert response["Location"] == url("cart", language)


def checkout(client, language="en"):
    """Proceed to Checkout: the Place Order form's data, as the page sends it."""
    page = client.get(url("checkout", language))
    assert page.status_code == 200, page.content
    initial = page.context["form"].initial
    return {"order_key": str(initial["order_key"]), "lines": initial["lines"]}


def add_licenses(client, subscription, quantity, language="en"):
    """The whole order: Add to Cart, Proceed to Checkout, Place Order."""
    add_to_cart(client, subscription, quantity, language)
    with committed():
        return client.post(url("checkout", language), checkout(client, language))


@pytest.fixture
def ana_rs5(persona):
    return (
        persona("ana")
        .account.subscriptions.select_related("product")
        .get(product__code="gotoassist-rs5")
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "period", "total"),
    [
        # 10 agents, annual, USD 440.00 a year; renewal in 143 days: 3 * 440 * 143 / 365
        ("en", "November 21, 2026 – April 13, 2027", "$517.15"),
        ("es", "21 de noviembre de 2026 – 13 de abril de 2027", "517,15\xa0US$"),
        ("pt-br", "21 de novembro de 2026 – 13 de abril de 2027", "US$\xa0517,15"),
    ],
)
def test_add_licenses_cart_checkout_then_place_order(signed_in, ana_rs5, language, period, total):
    client = signed_in("ana")
    assert client.get(url("add-licenses", language, pk=ana_rs5.pk)).status_code == 200

    add_to_cart(client, ana_rs5, 3, language)
    cart = client.get(url("cart", language)).content.decode()
    assert 'data-testid="bc-cart-lines"' in cart
    assert period in cart and total in cart
    review = client.get(url("checkout", language)).content.decode()
    assert 'data-testid="bc-order-summary"' in review
    assert period in review and total in review
    ana_rs5.refresh_from_db()
    assert ana_rs5.licenses == 10  # nothing placed yet

    with committed():
        placed = client.post(url("checkout", language), checkout(client, language))
    assert placed.status_code == 302
    assert placed["Location"] == url("subscriptions", language)
    ana_rs5.refresh_from_db()
    assert ana_rs5.licenses == 13
    invoice = Invoice.objects.get(account=ana_rs5.account, kind=Invoice.Kind.LICENSES_ADDED)
    assert invoice.total == Decimal("517.15")
    assert invoice.quantity == 3
    mail = MailboxMessage.objects.get(recipient="ana.billing@acme.example")
    assert invoice.number in mail.subject
    assert total in mail.body
    activity = Activity.objects.get(action="order_placed")
    assert activity.before == {"product": "GoToAssist Remote Support v5", "licenses": 10}
    assert activity.after["licenses"] == 13
    history = client.get(url("billing-history", language)).content.decode()
    assert invoice.number in history
    empty = client.get(url("cart", language)).content.decode()
    assert 'data-testid="bc-cart-empty"' in empty


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "es", "pt-br"])
@pytest.mark.parametrize(
    "quantity",
    ["-1", "0", "abc", "1.5", "1e3", "", " ", str(MAX_LICENSES), "9" * 40, "<b>2</b>", "0x10"],
)
def test_add_licenses_bad_input_changes_nothing(signed_in, ana_rs5, quantity, language):
    client = signed_in("ana")
    response = client.post(url("add-licenses", language, pk=ana_rs5.pk), {"quantity": quantity})
    assert response.status_code == 400
    assert response.context["form"].errors
    assert not client.session.get("billing_center_cart")
    error = " ".join(response.context["form"].errors["quantity"])
    if language != "en":
        assert "Enter" not in error and "subscription" not in error
    ana_rs5.refresh_from_db()
    assert ana_rs5.licenses == 10
    assert not Invoice.objects.filter(kind=Invoice.Kind.LICENSES_ADDED).exists()
    assert not MailboxMessage.objects.filter(recipient="ana.billing@acme.example").exists()


@pytest.mark.django_db
def test_edit_subscription_plan_and_frequency(signed_in, ana_rs5):
    client = signed_in("ana")
    premium = PlanTier.objects.get(product=ana_rs5.product, code="premium")
    page = url("edit", pk=ana_rs5.pk)
    assert client.get(page).status_code == 200
    data = {"plan_tier": premium.pk, "billing_frequency": "annual"}
    summary = client.post(page, data)
    assert summary.status_code == 200
    # (660 - 440) * 10 licenses * 143 / 365
    assert "$861.92" in summary.content.decode()
    with committed():
        placed = client.post(page, reviewed(client, page, data))
    assert placed.status_code == 302
    ana_rs5.refresh_from_db()
    assert ana_rs5.plan_tier == premium
    invoice = Invoice.objects.get(kind=Invoice.Kind.PLAN_CHANGED)
    assert invoice.total == Decimal("861.92")
    activity = Activity.objects.get(action="plan_changed")
    assert activity.before["plan_tier"] == "Standard"
    mail = MailboxMessage.objects.get(recipient="ana.billing@acme.example")
    assert invoice.number in mail.subject and "$861.92" in mail.body
    assert activity.after["plan_tier"] == "Premium"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [
        {"plan_tier": "standard", "billing_frequency": "annual"},  # unchanged
        {"plan_tier": "other-product", "billing_frequency": "annual"},
        {"plan_tier": "999999", "billing_frequency": "annual"},
        {"plan_tier": "<script>", "billing_frequency": "annual"},
        {"plan_tier": "premium", "billing_frequency": "weekly"},
        {},
    ],
)
def test_edit_subscription_bad_input(signed_in, ana_rs5, data):
    tiers = {
        "standard": PlanTier.objects.get(product=ana_rs5.product, code="standard").pk,
        "premium": PlanTier.objects.get(product=ana_rs5.product, code="premium").pk,
        "other-product": PlanTier.objects.exclude(product=ana_rs5.product).first().pk,
    }
    if "plan_tier" in data:
        data = {**data, "plan_tier": tiers.get(data["plan_tier"], data["plan_tier"])}
    response = signed_in("ana").post(url("edit", pk=ana_rs5.pk), {**data, "place": "1"})
    assert response.status_code == 400
    assert response.context["form"].errors
    ana_rs5.refresh_from_db()
    assert ana_rs5.plan_tier_id == tiers["standard"]
    assert ana_rs5.billing_frequency == "annual"


@pytest.mark.django_db
def test_cancel_then_undo(signed_in, ana_rs5):
    client = signed_in("ana")
    page = url("cancel", pk=ana_rs5.pk)
    confirm = client.get(page)
    assert 'data-testid="bc-cancel-confirm"' in confirm.content.decode()
    ana_rs5.refresh_from_db()
    assert ana_rs5.status == Subscription.Status.ACTIVE  # a GET changes nothing

    response = client.post(page, {"action": "cancel"}, follow=True)
    ana_rs5.refresh_from_db()
    assert ana_rs5.status == Subscription.Status.PENDING_CANCELLATION
    content = response.content.decode()
    assert "Pending cancellation" in content
    assert 'data-testid="bc-undo-cancel"' in content

    client.post(page, {"action": "undo"})
    ana_rs5.refresh_from_db()
    assert ana_rs5.status == Subscription.Status.ACTIVE
    assert list(
        Activity.objects.filter(account=ana_rs5.account).values_list("action", flat=True)
    ) == ["cancellation_undone", "subscription_cancelled"]


@pytest.mark.django_db
def test_cancel_twice_and_bad_action(signed_in, ana_rs5):
    client = signed_in("ana")
    page = url("cancel", pk=ana_rs5.pk)
    client.post(page, {"action": "cancel"})
    response = client.post(page, {"action": "cancel"}, follow=True)
    assert "already pending cancellation" in response.content.decode()
    assert client.post(page, {"action": "<bad>"}).status_code == 404
    assert Activity.objects.filter(action="subscription_cancelled").count() == 1


@pytest.mark.django_db
def test_subscriptions_page_shows_every_card(signed_in):
    response = signed_in("ana").get(url("subscriptions", "es"))
    content = response.content.decode()
    assert response.context["outcome"] == "BC-1"
    assert 'data-testid="bc-subscription-gotoassist-rs5"' in content
    assert 'data-testid="bc-subscription-gotomeeting"' in content
    assert "4.400,00\xa0US$" in content  # 10 x 440.00, as Spanish writes it
    assert "Estándar" in content
    assert 'data-testid="bc-nav"' in content


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "subject"),
    [
        ("en", "Order confirmation"),
        ("es", "Confirmación del pedido"),
        ("pt-br", "Confirmação do pedido"),
    ],
)
def test_order_confirmation_in_the_page_language(signed_in, ana_rs5, language, subject):
    add_licenses(signed_in("ana"), ana_rs5, 1, language)
    mail = MailboxMessage.objects.get(recipient="ana.billing@acme.example")
    assert mail.subject.startswith(subject)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "data"),
    [("add-licenses", {"quantity": "1"}), ("edit", {"billing_frequency": "monthly"})],
)
def test_no_order_on_a_subscription_pending_cancellation(signed_in, ana_rs5, name, data):
    client = signed_in("ana")
    client.post(url("cancel", pk=ana_rs5.pk), {"action": "cancel"})
    data = {**data, "plan_tier": ana_rs5.plan_tier_id, "place": "1"}
    response = client.post(url(name, pk=ana_rs5.pk), data)
    assert response.status_code == 400
    assert "undo the cancellation first" in response.content.decode()
    ana_rs5.refresh_from_db()
    assert (ana_rs5.licenses, ana_rs5.billing_frequency) == (10, "annual")
    assert not Invoice.objects.filter(account=ana_rs5.account).exclude(kind="renewal").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["add-licenses", "edit", "cancel", "invoice"])
def test_absurd_ids_are_404_not_500(signed_in, name):
    client = signed_in("ana")
    assert client.get(url(name, pk=2**70)).status_code == 404
    assert client.post(url(name, pk=2**70), {"quantity": "1"}).status_code in (404, 405)


@pytest.mark.django_db
@pytest.mark.parametrize("model", ["paymentmethod", "billinginfo", "invoice"])
def test_django_admin_lists_billing_center_models(client, persona, model):
    client.force_login(persona("trainer"))
    response = client.get(reverse(f"admin:billing_center_{model}_changelist"))
    assert response.status_code == 200
    model_class = response.context["cl"].model
    assert model_class.objects.exists()  # the sample data has rows to list
    assert response.context["cl"].result_count == model_class.objects.count()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", "This order was already placed"),
        ("es", "Este pedido ya se realizó"),
        ("pt-br", "Este pedido já foi feito"),
    ],
)
@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("checkout", {"quantity": "3"}, Invoice.Kind.LICENSES_ADDED),
        ("edit", {"plan_tier": "premium", "billing_frequency": "annual"}, "plan_changed"),
    ],
)
def test_the_same_summary_placed_twice_is_placed_once(
    signed_in, ana_rs5, language, words, name, data, kind
):
    """Back then Place Order, or a double click: one invoice, one change, and the second
    answer shows the order already placed with its invoice (the checkout's, even though
    its cart is empty by then)."""
    client = signed_in("ana")
    if name == "checkout":
        add_to_cart(client, ana_rs5, data["quantity"], language)
        page = url(name, language)
        placing = checkout(client, language)
    else:
        data = {
            **data,
            "plan_tier": PlanTier.objects.get(product=ana_rs5.product, code="premium").pk,
        }
        page = url(name, language, pk=ana_rs5.pk)
        placing = reviewed(client, page, data)
    with committed():
        assert client.post(page, placing).status_code == 302
    again = client.post(page, placing, follow=True)
    assert again.status_code == 200
    invoice = Invoice.objects.get(account=ana_rs5.account, kind=kind)
    assert again.redirect_chain[-1][0] == url("invoice", language, pk=invoice.pk)
    content = again.content.decode()
    assert words in content and invoice.number in content
    ana_rs5.refresh_from_db()
    assert ana_rs5.licenses == (13 if name == "checkout" else 10)
    assert Activity.objects.filter(account=ana_rs5.account).count() == 1
    assert MailboxMessage.objects.filter(recipient="ana.billing@acme.example").count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("order_key", [None, "", "not-a-key", "\x00", "1" * 300])
def test_place_order_without_its_summary_key_changes_nothing(signed_in, ana_rs5, order_key):
    client = signed_in("ana")
    add_to_cart(client, ana_rs5, 1)
    data = checkout(client)
    del data["order_key"]
    if order_key is not None:
        data["order_key"] = order_key
    response = client.post(url("checkout"), data)
    assert response.status_code == 400
    assert "Review the order again" in response.content.decode()
    ana_rs5.refresh_from_db()
    assert ana_rs5.licenses == 10
    assert not Invoice.objects.filter(kind=Invoice.Kind.LICENSES_ADDED).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "label"),
    [("en", "Order number"), ("es", "Número de pedido"), ("pt-br", "Número do pedido")],
)
def test_recent_activity_names_the_order(signed_in, ana_rs5, language, label):
    client = signed_in("ana")
    add_licenses(client, ana_rs5, 2, language)
    invoice = Invoice.objects.get(kind=Invoice.Kind.LICENSES_ADDED)
    activity = client.get(url("activity", language)).content.decode()
    assert f"{label}:</span> {invoice.number}" in activity


@pytest.mark.django_db
@pytest.mark.parametrize("place", [False, True])
def test_a_lower_plan_tier_is_for_customer_care(signed_in, persona, place):
    """The real Billing Center sells upgrades; downgrades go through Customer Care."""
    ana = persona("ana")
    rs5 = ana.account.subscriptions.get(product__code="gotoassist-rs5")
    premium = rs5.product.plan_tiers.get(code="premium")
    standard = rs5.product.plan_tiers.get(code="standard")
    Subscription.objects.filter(pk=rs5.pk).update(plan_tier=premium)
    data = {"plan_tier": standard.pk, "billing_frequency": rs5.billing_frequency}
    if place:
        data["place"] = 1
    response = signed_in("ana").post(reverse("billing_center:edit", args=[rs5.pk]), data)
    assert response.status_code == 400
    assert "Customer Care" in response.content.decode()
    rs5.refresh_from_db()
    assert rs5.plan_tier == premium
    assert not Invoice.objects.filter(subscription=rs5, kind=Invoice.Kind.PLAN_CHANGED).exists()


@pytest.mark.django_db
def test_checkout_shows_the_card_and_vat_number_it_will_use(signed_in, persona):
    ana = persona("ana")
    rs5 = ana.account.subscriptions.get(product__code="gotoassist-rs5")
    card = PaymentMethod.objects.get(account=ana.account)
    info = BillingInfo.objects.get(account=ana.account)
    info.vat_number = "ES-B12345678"
    info.save()
    client = signed_in("ana")
    add_to_cart(client, rs5, 2)
    content = client.get(url("checkout")).content.decode()
    assert 'data-testid="bc-checkout"' in content
    assert content.split('data-testid="bc-checkout-card">')[1].startswith(str(card))
    assert content.split('data-testid="bc-checkout-vat">')[1].startswith("ES-B12345678")
    assert "Edit Order" in content
