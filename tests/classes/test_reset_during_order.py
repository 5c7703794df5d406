"""Place Order meets a reset of its seat: nothing is ordered, and the trainee is told so.

The reset is played inside the order, just before the order takes its locks (where an order
that waited for a reset's lock finds itself), so it runs on every database;
tests/production/test_reset_races.py plays the real race on PostgreSQL.
"""

import uuid

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from accounts import services as domain
from accounts.models import PlacedOrder, Subscription, User
from billing_center import services as billing_center_services
from corp_portal.models import PortalLogin
from sandbox.sample_data import PERSONAS_BY_KEY
from sandbox.worlds import seat_reset
from seats.scope import seat_scope

from ..billing_center.test_orders import add_to_cart, checkout

pytestmark = pytest.mark.django_db


@pytest.fixture
def seat(classroom):
    return classroom.seats.get(number=1)


def signed_in(seat, persona_key: str) -> Client:
    client = Client()
    assert client.get(reverse("seats:enter", args=[seat.token])).status_code == 302
    response = client.post(
        reverse("billing_center:sign-in"),
        {"username": PERSONAS_BY_KEY[persona_key].email, "password": "sandbox-2026"},
    )
    assert response.status_code == 302
    return client


def reset_just_before_the_lock(monkeypatch, seat) -> None:
    """The seat is reset at the moment the order locks its subscription."""
    locked = domain.subscription_locked

    def after_a_reset(**kwargs):
        seat_reset(seat=seat)
        return locked(**kwargs)

    monkeypatch.setattr(domain, "subscription_locked", after_a_reset)


def test_the_domain_tells_an_order_after_a_reset_from_a_missing_subscription(seat):
    with seat_scope(seat):
        ana = User.objects.select_related("account").get(email=PERSONAS_BY_KEY["ana"].email)
        subscription = Subscription.objects.filter(account=ana.account).first()
        seat_reset(seat=seat)
        with pytest.raises(domain.SeatWasReset):
            billing_center_services.order_place(
                actor=ana,
                account=ana.account,
                subscription_id=subscription.pk,
                quantity=1,
                order_key=uuid.uuid4(),
            )
        new_ana = User.objects.get(email=PERSONAS_BY_KEY["ana"].email)
        with pytest.raises(Subscription.DoesNotExist):  # the account is there: no reset
            billing_center_services.order_place(
                actor=new_ana,
                account=new_ana.account,
                subscription_id=subscription.pk,
                quantity=1,
                order_key=uuid.uuid4(),
            )


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", "Your seat was reset: nothing was ordered"),
        ("es", "Se restableció su puesto: no se realizó ningún pedido"),
        ("pt-br", "Seu assento foi redefinido: nada foi pedido"),
    ],
)
def test_checkout_place_order_during_a_reset_says_nothing_was_ordered(
    seat, monkeypatch, language, words
):
    client = signed_in(seat, "ana")
    with seat_scope(seat):
        rs5 = Subscription.objects.get(account__name="Acme Support", product__code="gotoassist-rs5")
    add_to_cart(client, rs5, 2, language)
    data = checkout(client, language)
    reset_just_before_the_lock(monkeypatch, seat)
    with translation.override(language):
        response = client.post(reverse("billing_center:checkout"), data)
    assert response.status_code == 409
    content = response.content.decode()
    assert words in content and 'data-testid="order-not-placed"' in content
    assert f'<html lang="{language}">' in content
    with seat_scope(seat):
        rs5 = Subscription.objects.get(account__name="Acme Support", product__code="gotoassist-rs5")
        assert rs5.licenses == 10 and not PlacedOrder.objects.exists()


def test_add_seats_place_service_order_during_a_reset_says_nothing_was_ordered(seat, monkeypatch):
    client = signed_in(seat, "diego")
    portal = client.post(
        reverse("corp_portal:sign-in"), {"user_id": "GLOBEX-4471", "password": "corp-2026"}
    )
    assert portal.status_code == 302
    with seat_scope(seat):
        login = PortalLogin.objects.get()
        webinar = Subscription.objects.get(account=login.account, product__code="gotowebinar")
    page = reverse("corp_portal:add-seats", args=[webinar.pk])
    review = client.post(page, {"step": "review", "seats": webinar.licenses + 1})
    assert review.status_code == 200
    reset_just_before_the_lock(monkeypatch, seat)
    placed = client.post(
        page,
        {
            "step": "place",
            "seats": webinar.licenses + 1,
            "seats_reviewed": webinar.licenses,
            "order_key": review.context["order_key"],
        },
    )
    assert placed.status_code == 409
    assert 'data-testid="order-not-placed"' in placed.content.decode()
    with seat_scope(seat):
        assert not PlacedOrder.objects.exists()


def test_buy_a_new_subscription_during_a_reset_says_nothing_was_ordered(seat, monkeypatch):
    """Add New Subscription's Buy (its Place Order) takes the seat's lock first too."""
    from accounts.models import PlanTier
    from billing_center.models import Invoice

    client = signed_in(seat, "ana")
    webinar = PlanTier.objects.get(product__code="gotowebinar", code="lite")
    locked = domain.seat_lock

    def after_a_reset(*args, **kwargs):
        seat_reset(seat=seat)
        return locked(*args, **kwargs)

    monkeypatch.setattr(domain, "seat_lock", after_a_reset)
    data = {"plan_tier": webinar.pk, "billing_frequency": "monthly", "licenses": 3}
    bought = client.post(
        reverse("billing_center:new-subscription"), {**data, "mode": "buy", "confirm": 1}
    )
    assert bought.status_code == 409
    assert 'data-testid="order-not-placed"' in bought.content.decode()
    with seat_scope(seat):
        assert not Subscription.objects.filter(product__code="gotowebinar").filter(
            account__name="Acme Support"
        )
        assert not Invoice.objects.filter(kind=Invoice.Kind.NEW_SUBSCRIPTION).exists()
