"""A class of seats, and the trainer's client (trainees' clients: `trainees.py`)."""

import pytest
from django.test import Client

from classes.services import class_create


@pytest.fixture
def classroom(sample_data):
    """A class of three seats, each with its own copy of the sample world."""
    return class_create(name="Monday class", seat_count=3, language="en")


@pytest.fixture
def trainer_client(persona):
    client = Client()
    client.force_login(persona("trainer"))
    return client


@pytest.fixture
def make_classroom(sample_data):
    """make_classroom(seats=2, language="es") -> a new class, every seat with its sample world."""

    def make(seats=2, language="en", name="Monday class"):
        return class_create(name=name, seat_count=seats, language=language)

    return make


@pytest.fixture
def trainee():
    """trainee(classroom, "Maria") -> a browser of its own that joined the class as Maria."""

    def join(classroom, name):
        browser = Client()
        response = browser.post(f"/en/join/{classroom.code}/", {"display_name": name})
        assert response.status_code == 302, response.content.decode()[:2000]
        return browser

    return join
