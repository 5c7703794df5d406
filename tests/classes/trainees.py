"""Trainees' browsers in the seats of a class, as the test client."""

from django.test import Client
from django.urls import reverse


def seat_client(seat) -> Client:
    """A browser in `seat`, entered through the seat's token URL as a script's would be."""
    client = Client()
    response = client.get(reverse("seats:enter", args=[seat.token]))
    assert response.status_code == 302
    return client


def sign_in_now(client, persona_key: str):
    """The home page's "Sign in now": the persona signed in, on their first outcome page."""
    return client.post(reverse("sandbox:persona-sign-in", args=[persona_key]), follow=True)
