import pytest
from django.test import Client

from sandbox.classroom import class_create


@pytest.fixture
def trainer_client(client, persona):
    client.force_login(persona("trainer"))
    return client


@pytest.fixture
def classroom(sample_data):
    """classroom(seats=2, language="es") -> a new class, every seat with its sample world."""

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
