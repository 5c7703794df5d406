"""A trainee's browser in a seat, signed in as a persona, as the tests of tests/faults/ use it."""

from django.test import Client
from django.urls import reverse

from sandbox.sample_data import PERSONAS_BY_KEY

PASSWORD = "sandbox-2026"


def seat_browser(seat) -> Client:
    """A browser in `seat` (entered by its token URL); server errors answer 500 pages."""
    client = Client(raise_request_exception=False)
    response = client.get(reverse("seats:enter", args=[seat.token]))
    assert response.status_code == 302
    return client


def signed_in(client: Client, persona_key: str) -> Client:
    response = client.post(
        "/en/billing/sign-in/",
        {"username": PERSONAS_BY_KEY[persona_key].email, "password": PASSWORD},
    )
    assert response.status_code == 302, response.content.decode()[:500]
    return client
