"""What a QA script does with the API and the pages, as the tests of tests/api/ do it."""

from django.test import Client

from sandbox.sample_data import PERSONAS_BY_KEY
from seats.models import Seat

PASSWORD = "sandbox-2026"


def seat_created(client, **body) -> dict:
    response = client.post("/api/v1/seats/", body, content_type="application/json")
    assert response.status_code == 201, response.content
    return response.json()


def seat_token_header(seat: dict) -> dict:
    return {"HTTP_AUTHORIZATION": f"Seat {seat['token']}"}


def seat_entered(seat: dict) -> Client:
    """A new client (a browser of its own) that opened the seat's join URL."""
    client = Client()
    response = client.get(seat["join_url"], follow=True)
    assert response.status_code == 200
    return client


def signed_in_as(client: Client, persona_key: str, language: str = "en") -> Client:
    """Signs in through the Billing Center's form, as a person in that browser would."""
    response = client.post(
        f"/{language}/billing/sign-in/",
        {"username": PERSONAS_BY_KEY[persona_key].email, "password": PASSWORD},
    )
    assert response.status_code == 302, response.content
    return client


def seat_of(data: dict) -> Seat:
    return Seat.objects.get(pk=data["id"])
