"""An order's path runs one way: the center calls the domain's licenses act, which returns what
the document needs and calls nothing back; the center then issues its invoice (or the portal
its service order). The price is computed once per review and once at placing, and the
confirmation is sent when the order is committed, never for one rolled back."""

import uuid
from contextlib import contextmanager
from unittest import mock

import pytest
from django.core.exceptions import ValidationError

import accounts.services
import billing_center.services
import corp_portal.services
from accounts.models import PlacedOrder
from accounts.services import subscription_licenses_add
from billing_center.models import Invoice
from billing_center.services import cart_place, order_place, renewal_invoice_new
from corp_portal.models import PortalLogin, ServiceOrder
from corp_portal.services import service_order_place
from corp_portal.views import SESSION_KEY as PORTAL_SESSION_KEY
from sandbox.models import MailboxMessage
from sandbox.worlds import seat_create
from seats.scope import seat_scope

from ..corp_portal.test_pages import url as portal_url
from .test_orders import add_to_cart, checkout, reviewed, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def ana(persona):
    return persona("ana")


def rs5_of(user):
    return user.account.subscriptions.select_related("product").get(product__code="gotoassist-rs5")


@contextmanager
def prices_counted():
    """Counts the order's pricing: the domain's price of licenses (`licenses_quote`, under
    every name it is called by), the Billing Center's order summary of it, and the summary
    of a new plan tier or frequency (`order_summary_change`, Edit subscription's)."""
    counts = {"quote": 0, "summary": 0, "change": 0}

    def counting(function, key):
        def counted(*args, **kwargs):
            counts[key] += 1
            return function(*args, **kwargs)

        return counted

    quote = counting(accounts.services.licenses_quote, "quote")
    summary = counting(billing_center.services._order_summary_of_quote, "summary")
    change = counting(billing_center.services.order_summary_change, "change")
    with (
        mock.patch.object(billing_center.services, "order_summary_change", change),
        mock.patch.object(accounts.services, "licenses_quote", quote),
        mock.patch.object(billing_center.services, "licenses_quote", quote),
        mock.patch.object(corp_portal.services, "licenses_quote", quote),
        mock.patch.object(billing_center.services, "_order_summary_of_quote", summary),
    ):
        yield counts


def test_the_licenses_act_returns_what_the_invoice_needs_and_issues_nothing(ana):
    subscription = rs5_of(ana)

    added = subscription_licenses_add(
        account=ana.account, subscription_id=subscription.pk, quantity=3, order_key=uuid.uuid4()
    )

    quote = added.quote
    assert (quote.licenses_before, quote.licenses_after, quote.quantity) == (10, 13, 3)
    assert quote.amount == quote.price_per_license * 3 > 0
    assert added.subscription.licenses == 13
    # The center's document comes after the act, from the center: none yet.
    assert not Invoice.objects.filter(kind=Invoice.Kind.LICENSES_ADDED).exists()
    assert PlacedOrder.objects.get(pk=added.order.pk).reference == ""


def test_the_checkout_prices_once_to_review_and_once_to_place(signed_in, ana):
    client = signed_in("ana")
    add_to_cart(client, rs5_of(ana), 2)

    with prices_counted() as review:
        shown = checkout(client)
    with prices_counted() as placing:
        response = client.post(url("checkout"), shown)

    assert response.status_code == 302
    assert review == {"quote": 1, "summary": 1, "change": 0}
    assert placing == {"quote": 1, "summary": 1, "change": 0}
    assert Invoice.objects.filter(kind=Invoice.Kind.LICENSES_ADDED).count() == 1


def test_edit_subscription_prices_once_to_review_and_once_to_place(signed_in, ana):
    client = signed_in("ana")
    rs5 = rs5_of(ana)
    page = url("edit", pk=rs5.pk)
    premium = rs5.product.plan_tiers.get(code="premium")

    with prices_counted() as review:
        shown = reviewed(client, page, {"plan_tier": premium.pk, "billing_frequency": "annual"})
    with prices_counted() as placing:
        response = client.post(page, shown)

    assert response.status_code == 302
    assert review == placing == {"quote": 0, "summary": 0, "change": 1}
    assert Invoice.objects.filter(kind=Invoice.Kind.PLAN_CHANGED).count() == 1


def test_add_seats_prices_once_to_review_and_once_to_place(client, persona):
    diego = persona("diego")
    session = client.session
    session[PORTAL_SESSION_KEY] = PortalLogin.objects.get(user_id="GLOBEX-4471").pk
    session.save()
    webinar = diego.account.subscriptions.get(product__code="gotowebinar")
    add_seats = portal_url("add-seats", webinar.pk)

    with prices_counted() as review:
        reviewed = client.post(add_seats, {"step": "review", "seats": "5"})
    with prices_counted() as placing:
        placed = client.post(
            add_seats,
            {
                "step": "place",
                "seats": "5",
                "seats_reviewed": "3",
                "order_key": reviewed.context["order_key"],
            },
        )

    assert placed.status_code == 302
    assert review["quote"] == placing["quote"] == 1
    assert ServiceOrder.objects.count() == 1


def one_license_ordered(user) -> Invoice:
    return order_place(
        actor=user,
        account=user.account,
        subscription_id=rs5_of(user).pk,
        quantity=1,
        order_key=uuid.uuid4(),
    )


def test_the_confirmation_is_sent_when_the_order_commits(ana, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        invoice = one_license_ordered(ana)
        # Not yet: the order is not committed.
        assert not MailboxMessage.objects.filter(subject__contains=invoice.number).exists()

    assert len(callbacks) == 1
    callbacks[0]()
    email = MailboxMessage.objects.get(subject__contains=invoice.number)
    assert email.recipient == ana.email and "Order confirmation" in email.subject


def test_the_confirmation_lands_in_the_seat_the_order_was_placed_in(
    sample_data, django_user_model, django_capture_on_commit_callbacks
):
    seat = seat_create()
    with seat_scope(seat):
        ana = django_user_model.objects.select_related("account").get(
            email="ana.billing@acme.example"
        )
        with django_capture_on_commit_callbacks() as callbacks:
            invoice = one_license_ordered(ana)

    callbacks[0]()  # committed, with the code back in the default seat

    assert not MailboxMessage.objects.filter(subject__contains=invoice.number).exists()
    with seat_scope(seat):
        assert MailboxMessage.objects.filter(subject__contains=invoice.number).exists()


def test_a_cart_refused_at_its_last_line_sends_nothing(ana, django_capture_on_commit_callbacks):
    subscription = rs5_of(ana)
    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(ValidationError):
        cart_place(
            actor=ana,
            account=ana.account,
            lines={subscription.pk: 1},
            order_key=uuid.uuid4(),
            shown=f"{subscription.pk}:1:0.01",  # a price nobody will charge
        )

    assert callbacks == []
    subscription.refresh_from_db()
    assert subscription.licenses == 10
    assert not Invoice.objects.filter(kind=Invoice.Kind.LICENSES_ADDED).exists()


def test_the_service_order_email_is_sent_when_the_order_commits(
    persona, django_capture_on_commit_callbacks
):
    diego = persona("diego")
    webinar = diego.account.subscriptions.get(product__code="gotowebinar")
    with django_capture_on_commit_callbacks() as callbacks:
        order = service_order_place(
            portal_login=PortalLogin.objects.get(user_id="GLOBEX-4471"),
            subscription_id=webinar.pk,
            seats=4,
            seats_reviewed=3,
            order_key=uuid.uuid4(),
        )
        assert not MailboxMessage.objects.filter(subject__contains=order.number).exists()

    assert len(callbacks) == 1
    callbacks[0]()
    assert MailboxMessage.objects.get(subject__contains=order.number).recipient == diego.email


def test_every_renewal_invoice_is_made_by_one_function(ana):
    """The sample data's past invoices and the clock's renewals: the same fields, made once."""
    sampled = Invoice.objects.filter(account=ana.account, kind=Invoice.Kind.RENEWAL)
    assert sampled.exists()
    fields = [f.attname for f in Invoice._meta.concrete_fields if f.attname not in {"id"}]
    for invoice in sampled.select_related("subscription__account"):
        made = renewal_invoice_new(
            subscription=invoice.subscription,
            unit_price=invoice.unit_price,
            period_start=invoice.period_start,
            period_end=invoice.period_end,
            number=invoice.number,
        )
        made.seat_id = invoice.seat_id
        assert {f: getattr(made, f) for f in fields} == {f: getattr(invoice, f) for f in fields}
