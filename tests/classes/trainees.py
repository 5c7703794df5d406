"""Trainees' browsers in the seats of a class, as the test client."""

import uuid

from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from accounts.models import Subscription, User
from billing_center.services import order_place
from corp_portal.models import PortalLogin
from corp_portal.services import service_order_place
from sandbox.sample_data import PERSONAS_BY_KEY
from seats.middleware import SESSION_KEY
from seats.models import Seat
from seats.scope import seat_scope


def seat_client(seat) -> Client:
    """A browser in `seat`, entered through the seat's token URL as a script's would be."""
    client = Client()
    response = client.get(reverse("seats:enter", args=[seat.token]))
    assert response.status_code == 302
    return client


def sign_in_now(client, persona_key: str):
    """The home page's "Sign in now": the persona signed in, on their first outcome page."""
    return client.post(reverse("sandbox:persona-sign-in", args=[persona_key]), follow=True)


def order_placed_in(seat, persona_key: str = "ana"):
    """Ana places an order of one license in `seat` (through the Billing Center's service)."""
    with seat_scope(seat):
        admin = User.objects.get(email=PERSONAS_BY_KEY[persona_key].email)
        subscription = Subscription.objects.filter(account=admin.account).order_by("pk").first()
        return order_place(
            actor=admin,
            account=admin.account,
            subscription_id=subscription.pk,
            quantity=1,
            order_key=uuid.uuid4(),
        )


def service_order_placed_in(seat):
    """Diego places an Add Seats order in the portal in `seat`."""
    with seat_scope(seat):
        login = PortalLogin.objects.get()
        subscription = Subscription.objects.filter(account=login.account).order_by("pk").first()
        return service_order_place(
            portal_login=login,
            subscription_id=subscription.pk,
            seats=subscription.licenses + 1,
            seats_reviewed=subscription.licenses,
            order_key=uuid.uuid4(),
        )


def locked_out(client, persona_key: str = "ana"):
    """Wrong passwords until the persona's LogMeIn ID is locked, in the client's seat."""
    email = PERSONAS_BY_KEY[persona_key].email
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("billing_center:sign-in"), {"username": email, "password": "typo"})
    response = client.post(
        reverse("billing_center:sign-in"), {"username": email, "password": "sandbox-2026"}
    )
    assert response.status_code == 429


def url(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def seat_of(browser) -> Seat | None:
    """The seat `browser` is in, None in the default seat."""
    seat_id = browser.session.get(SESSION_KEY)
    return Seat.objects.get(pk=seat_id) if seat_id else None


def join(browser, classroom, name, language="en"):
    """`browser` types `name` on the class's join page and presses Join."""
    return browser.post(url("classes:join", language, code=classroom.code), {"display_name": name})
