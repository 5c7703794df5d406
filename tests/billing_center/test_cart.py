"""The Billing Center's cart and checkout: Add Agents -> Add to Cart -> Cart (Edit, Remove)
-> Proceed to Checkout -> Place Order, with more than one line, a cart changed in another
tab, a line refused at the last moment, and the product's own word for its licenses."""

import uuid

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from accounts.models import Subscription
from billing_center.cart import Cart
from billing_center.models import Invoice
from sandbox.models import MailboxMessage
from tests.commits import committed

from .test_orders import add_to_cart, checkout, url


@pytest.fixture
def ana(persona):
    return persona("ana")


def subscription_of(user, code):
    return user.account.subscriptions.select_related("product").get(product__code=code)


def licenses(subscription):
    subscription.refresh_from_db()
    return subscription.licenses


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "agents", "organizers"),
    [
        ("en", "Add Agents", "Add Organizers"),
        ("es", "Añadir agentes", "Añadir organizadores"),
        ("pt-br", "Adicionar agentes", "Adicionar organizadores"),
    ],
)
def test_each_product_adds_licenses_in_its_own_word(signed_in, ana, language, agents, organizers):
    """The real Billing Center's button names what a license is for: agents, organizers."""
    client = signed_in("ana")
    cards = client.get(url("subscriptions", language)).content.decode()
    assert agents in cards and organizers in cards
    rs5 = subscription_of(ana, "gotoassist-rs5")
    form = client.get(url("add-licenses", language, pk=rs5.pk)).content.decode()
    assert f"<h1>{agents}</h1>" in form


@pytest.mark.django_db
def test_the_navigation_counts_the_lines_in_the_cart(signed_in, ana):
    client = signed_in("ana")
    assert 'data-testid="bc-nav-cart">Cart</a>' in client.get(url("subscriptions")).content.decode()
    add_to_cart(client, subscription_of(ana, "gotoassist-rs5"), 2)
    add_to_cart(client, subscription_of(ana, "gotomeeting"), 1)
    page = client.get(url("subscriptions", "es")).content.decode()
    assert 'data-testid="bc-nav-cart">Carrito (2)</a>' in page


@pytest.mark.django_db
def test_two_lines_are_placed_together(signed_in, ana):
    """One checkout, two products: an invoice and a confirmation for each, one message."""
    client = signed_in("ana")
    rs5, meeting = subscription_of(ana, "gotoassist-rs5"), subscription_of(ana, "gotomeeting")
    before = licenses(rs5), licenses(meeting)
    add_to_cart(client, rs5, 2)
    add_to_cart(client, meeting, 5)
    with committed():
        placed = client.post(url("checkout"), checkout(client), follow=True)
    assert (licenses(rs5), licenses(meeting)) == (before[0] + 2, before[1] + 5)
    invoices = Invoice.objects.filter(account=ana.account, kind=Invoice.Kind.LICENSES_ADDED)
    assert sorted(invoices.values_list("quantity", flat=True)) == [2, 5]
    assert MailboxMessage.objects.filter(recipient=ana.email).count() == 2
    content = placed.content.decode()
    assert "Invoices " in content and all(invoice.number in content for invoice in invoices)
    assert not client.session.get("billing_center_cart")


@pytest.mark.django_db
def test_edit_order_starts_from_the_cart_and_replaces_its_number(signed_in, ana):
    client = signed_in("ana")
    rs5 = subscription_of(ana, "gotoassist-rs5")
    add_to_cart(client, rs5, 2)
    edit = client.get(url("add-licenses", pk=rs5.pk))
    assert edit.context["form"].initial == {"quantity": 2}
    assert 'data-testid="bc-add-to-cart">Update Cart' in edit.content.decode()
    add_to_cart(client, rs5, 7)
    cart = client.get(url("cart"))
    assert [(line.subscription, line.quantity) for line in cart.context["lines"]] == [(rs5, 7)]


@pytest.mark.django_db
@pytest.mark.parametrize("remove", ["", "abc", "-1", str(2**70), "other-account"])
def test_remove_takes_out_only_a_line_of_the_cart(signed_in, ana, persona, remove):
    client = signed_in("ana")
    rs5 = subscription_of(ana, "gotoassist-rs5")
    add_to_cart(client, rs5, 2)
    if remove == "other-account":
        other = Subscription.objects.exclude(account=ana.account).first()
        remove = str(other.pk)
    assert client.post(url("cart"), {"remove": remove}).status_code == 302
    assert Cart(client.session).quantities() == {rs5.pk: 2}

    response = client.post(url("cart", "es"), {"remove": rs5.pk}, follow=True)
    assert "ya no está en su carrito" in response.content.decode()
    assert 'data-testid="bc-cart-empty"' in response.content.decode()


@pytest.mark.django_db
def test_a_cart_changed_in_another_tab_is_reviewed_again(signed_in, ana):
    client = signed_in("ana")
    rs5, meeting = subscription_of(ana, "gotoassist-rs5"), subscription_of(ana, "gotomeeting")
    add_to_cart(client, rs5, 2)
    reviewed = checkout(client)
    add_to_cart(client, meeting, 1)  # the other tab
    response = client.post(url("checkout"), reviewed)
    assert response.status_code == 400
    assert "Your cart changed" in response.content.decode()
    assert not Invoice.objects.filter(kind=Invoice.Kind.LICENSES_ADDED).exists()
    # The answer is the checkout as it is now, ready to place.
    fresh = response.context["form"].initial
    assert [line.quantity for line in response.context["lines"]] == [2, 1]
    assert fresh["lines"].startswith(f"{rs5.pk}:2:") and f",{meeting.pk}:1:" in fresh["lines"]
    placed = client.post(url("checkout"), {**fresh, "order_key": str(fresh["order_key"])})
    assert placed.status_code == 302
    assert Invoice.objects.filter(kind=Invoice.Kind.LICENSES_ADDED).count() == 2


@pytest.mark.django_db
def test_a_line_refused_at_place_order_places_nothing(signed_in, ana):
    """All or none: the second line's subscription was cancelled after the checkout was
    shown, so the first line is not placed either."""
    client = signed_in("ana")
    rs5, meeting = subscription_of(ana, "gotoassist-rs5"), subscription_of(ana, "gotomeeting")
    add_to_cart(client, rs5, 2)
    add_to_cart(client, meeting, 1)
    reviewed = checkout(client)
    Subscription.objects.filter(pk=meeting.pk).update(
        status=Subscription.Status.PENDING_CANCELLATION
    )
    response = client.post(url("checkout"), reviewed)
    assert response.status_code == 400
    content = response.content.decode()
    assert "undo the cancellation first" in content
    assert 'data-testid="bc-place-order"' not in content  # edit or remove the line first
    assert (licenses(rs5), licenses(meeting)) == (10, meeting.licenses)
    assert not Invoice.objects.filter(kind=Invoice.Kind.LICENSES_ADDED).exists()
    assert not MailboxMessage.objects.filter(recipient=ana.email).exists()
    cart = client.get(url("cart")).content.decode()
    assert 'data-testid="bc-cart-refusal"' in cart
    assert 'data-testid="bc-proceed-to-checkout"' not in cart


@pytest.mark.django_db
def test_a_line_of_another_account_drops_out_of_the_cart(signed_in, ana):
    """The cart holds numbers only: every page reads them through the account's own
    subscriptions, so a number from elsewhere (another seat, another account) is no line."""
    client = signed_in("ana")
    other = Subscription.objects.exclude(account=ana.account).first()
    session = client.session
    Cart(session).put(other.pk, 3)
    session.save()
    assert "Cart (1)" in client.get(url("subscriptions")).content.decode()
    assert client.get(url("cart")).context["lines"] == []
    # The line is dropped, not only hidden: the navigation no longer counts it.
    assert 'data-testid="bc-nav-cart">Cart</a>' in client.get(url("cart")).content.decode()
    review = client.get(url("checkout"))
    assert 'data-testid="bc-cart-empty"' in review.content.decode()
    forged = client.post(
        url("checkout"),
        {"order_key": str(review.context["form"].initial["order_key"]), "lines": f"{other.pk}:3"},
    )
    assert forged.status_code == 400
    assert not Invoice.objects.filter(kind=Invoice.Kind.LICENSES_ADDED).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "lines", ["", "x", "1:2:3", "1:a", ":", "1:2,", "9" * 1990, "١:٢", "+1:+2", "shown-twice"]
)
def test_a_checkout_with_bad_lines_places_nothing(signed_in, ana, lines):
    client = signed_in("ana")
    add_to_cart(client, subscription_of(ana, "gotoassist-rs5"), 1)
    data = checkout(client)
    data["lines"] = f"{data['lines']},{data['lines']}" if lines == "shown-twice" else lines
    response = client.post(url("checkout"), data)
    assert response.status_code == 400
    assert 'data-testid="bc-checkout-error"' in response.content.decode()
    assert not Invoice.objects.filter(kind=Invoice.Kind.LICENSES_ADDED).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["cart", "checkout"])
def test_the_cart_is_the_billing_admins_only(signed_in, client, name):
    """Bruno (account admin, not the billing admin) gets the wrong-location page, BC-2;
    signed out, the sign-in."""
    page = url(name)
    assert client.get(page).status_code == 302
    response = signed_in("bruno").get(page)
    assert response.status_code == 403
    assert response.context["outcome"] == "BC-2"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "es", "pt-br"])
def test_an_empty_checkout_says_so_and_links_back(signed_in, language):
    content = signed_in("ana").get(url("checkout", language)).content.decode()
    assert 'data-testid="bc-cart-empty"' in content
    with translation.override(language):
        assert f'href="{reverse("billing_center:subscriptions")}"' in content


@pytest.mark.django_db
def test_the_same_cart_in_two_tabs_is_placed_once(signed_in, ana):
    """Two tabs show the checkout of one cart and both press Place Order: the cart's key is
    the order's, so the second finds it placed, whatever its copy of the session says."""
    client = signed_in("ana")
    rs5 = subscription_of(ana, "gotoassist-rs5")
    add_to_cart(client, rs5, 2)
    first_tab, second_tab = checkout(client), checkout(client)
    assert first_tab == second_tab
    stale = dict(client.session.items())  # the second tab's request read the session first
    assert client.post(url("checkout"), first_tab).status_code == 302
    session = client.session
    session.update(stale)  # ... and writes it back: the cart as it was, line and key
    session.save()
    again = client.post(url("checkout"), second_tab, follow=True)
    assert "This order was already placed" in again.content.decode()
    assert licenses(rs5) == 12
    assert Invoice.objects.filter(kind=Invoice.Kind.LICENSES_ADDED).count() == 1
    assert not client.session.get("billing_center_cart")


@pytest.mark.django_db
def test_a_price_changed_since_the_checkout_is_reviewed_again(signed_in, ana):
    """Another tab changes the plan's billing frequency after the checkout was shown: Place
    Order does not charge a price nobody saw."""
    client = signed_in("ana")
    rs5 = subscription_of(ana, "gotoassist-rs5")
    add_to_cart(client, rs5, 2)
    reviewed = checkout(client)
    Subscription.objects.filter(pk=rs5.pk).update(billing_frequency="monthly")
    response = client.post(url("checkout"), reviewed)
    assert response.status_code == 400
    assert "Your cart changed" in response.content.decode()
    assert not Invoice.objects.filter(kind=Invoice.Kind.LICENSES_ADDED).exists()


@pytest.mark.django_db
def test_a_resubmitted_checkout_of_two_lines_names_both_invoices(signed_in, ana):
    client = signed_in("ana")
    add_to_cart(client, subscription_of(ana, "gotoassist-rs5"), 1)
    add_to_cart(client, subscription_of(ana, "gotomeeting"), 1)
    placing = checkout(client)
    client.post(url("checkout"), placing)
    again = client.post(url("checkout", "es"), placing, follow=True).content.decode()
    invoices = Invoice.objects.filter(kind=Invoice.Kind.LICENSES_ADDED).order_by("number")
    numbers = list(invoices.values_list("number", flat=True))
    assert len(numbers) == 2
    assert f"facturas {numbers[0]} y {numbers[1]}" in again


@pytest.mark.django_db
def test_a_subscription_gone_since_the_checkout_places_nothing(signed_in, ana):
    client = signed_in("ana")
    rs5, meeting = subscription_of(ana, "gotoassist-rs5"), subscription_of(ana, "gotomeeting")
    add_to_cart(client, rs5, 1)
    add_to_cart(client, meeting, 1)
    reviewed = checkout(client)
    # Gone between the comparison of the lines and the lock: the service refuses, no 500.
    from billing_center import services

    with pytest.raises(ValidationError):
        services.cart_place(
            actor=ana,
            account=ana.account,
            lines={rs5.pk: 1, 2**40: 1},
            order_key=uuid.UUID(reviewed["order_key"]),
        )
    assert licenses(rs5) == 10
    assert not Invoice.objects.filter(kind=Invoice.Kind.LICENSES_ADDED).exists()


@pytest.mark.django_db
def test_back_to_an_old_checkout_keeps_the_cart_filled_since(signed_in, ana):
    """Place Order, fill the cart again, then Back to the old checkout and Place Order: the
    old order is not placed again, and the new cart is still there."""
    client = signed_in("ana")
    rs5, meeting = subscription_of(ana, "gotoassist-rs5"), subscription_of(ana, "gotomeeting")
    add_to_cart(client, rs5, 1)
    old_checkout = checkout(client)
    assert client.post(url("checkout"), old_checkout).status_code == 302
    add_to_cart(client, meeting, 4)
    again = client.post(url("checkout"), old_checkout, follow=True)
    assert "This order was already placed" in again.content.decode()
    assert Cart(client.session).quantities() == {meeting.pk: 4}
    assert Invoice.objects.filter(kind=Invoice.Kind.LICENSES_ADDED).count() == 1
