"""A seat's mail lands in that seat's mailbox only: the invoice emails each seat's Diego gets
when the seat is made, and the mail of what a trainee does there (Ana's order confirmation,
Diego's service order)."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import Subscription
from billing_center.models import Invoice
from classes.services import class_create
from corp_portal.models import ServiceOrder
from sandbox.models import MailboxMessage
from sandbox.sample_data import PERSONAS_BY_KEY
from seats.models import Seat
from seats.scope import seat_scope
from tests.commits import committed
from tests.production.crawler import seat_persona_client

ANA, DIEGO = PERSONAS_BY_KEY["ana"].email, PERSONAS_BY_KEY["diego"].email
MESSAGE_LINK = re.compile(r'href="/en/mailbox/(\d+)/" data-testid="mailbox-message-link"')


@pytest.fixture
def three_seats(sample_data) -> dict[str, Seat]:
    """The default seat and the two seats of a class, by name."""
    first, second = class_create(name="Mailbox", seat_count=2, language="en").seats.all()
    return {"default": Seat.objects.default(), "seat 1": first, "seat 2": second}


def mailbox(seat: Seat) -> set[int]:
    """The messages the mailbox page shows in `seat` (ids, read from the page's links)."""
    page = seat_persona_client(Client(), seat, None).get(reverse("sandbox:mailbox"))
    assert page.status_code == 200
    return {int(pk) for pk in MESSAGE_LINK.findall(page.content.decode())}


def mail_of(seat: Seat, **lookups) -> set[int]:
    """The ids of `seat`'s own messages, as stored."""
    return set(
        MailboxMessage._base_manager.filter(seat=seat, **lookups).values_list("pk", flat=True)
    )


def test_each_seat_shows_its_own_mail_and_diego_his_own_invoice_emails(three_seats):
    diegos_invoices = set()
    for name, seat in three_seats.items():
        shown = mailbox(seat)
        assert shown == mail_of(seat), name
        invoice_emails = mail_of(seat, recipient=DIEGO)
        assert invoice_emails and invoice_emails <= shown, name
        diegos_invoices.add(len(invoice_emails))
    assert len(diegos_invoices) == 1  # the same invoice emails, each seat its own copies


def _ana_orders_a_license(client) -> Invoice:
    with seat_scope(client.session["seat_id"]):
        subscription = Subscription.objects.get(
            account__name="Acme Support", product__code="gotoassist-rs5"
        )
    page = reverse("billing_center:add-licenses", args=[subscription.pk])
    assert client.post(page, {"quantity": "1"}).status_code == 302  # to the cart
    checkout = reverse("billing_center:checkout")
    initial = client.get(checkout).context["form"].initial
    with committed():
        placed = client.post(
            checkout, {"order_key": str(initial["order_key"]), "lines": initial["lines"]}
        )
    assert placed.status_code == 302
    return Invoice._base_manager.filter(subscription=subscription).latest("pk")


def _diego_adds_a_seat(client) -> ServiceOrder:
    with seat_scope(client.session["seat_id"]):
        subscription = Subscription.objects.get(
            account__name="Globex Corporation", product__code="gotowebinar"
        )
    page = reverse("corp_portal:add-seats", args=[subscription.pk])
    seats = subscription.licenses + 1
    review = client.post(page, {"step": "review", "seats": seats})
    assert review.status_code == 200
    with committed():
        placed = client.post(
            page,
            {
                "step": "place",
                "seats": seats,
                "seats_reviewed": subscription.licenses,
                "order_key": review.context["order_key"],
            },
        )
    assert placed.status_code == 302
    return ServiceOrder._base_manager.get(subscription=subscription)


def test_an_order_in_a_seat_is_mailed_to_that_seats_mailbox_only(three_seats):
    before = {name: mailbox(seat) for name, seat in three_seats.items()}
    first, second = three_seats["seat 1"], three_seats["seat 2"]

    invoice = _ana_orders_a_license(seat_persona_client(Client(), first, "ana"))
    order = _diego_adds_a_seat(seat_persona_client(Client(), second, "diego"))

    confirmation = mail_of(first, recipient=ANA, subject__contains=invoice.number)
    service_order = mail_of(second, recipient=DIEGO, subject__contains=order.number)
    assert len(confirmation) == len(service_order) == 1
    assert mailbox(first) == before["seat 1"] | confirmation
    assert mailbox(second) == before["seat 2"] | service_order
    assert mailbox(three_seats["default"]) == before["default"]
    # Nowhere else, by subject either: no other seat holds a copy.
    assert not MailboxMessage._base_manager.exclude(seat=first).filter(
        subject__contains=invoice.number
    )
    assert not MailboxMessage._base_manager.exclude(seat=second).filter(
        subject__contains=order.number
    )
