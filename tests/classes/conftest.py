"""A class of seats, and a trainee's browser (trainees' clients: `trainees.py`; the trainer's
client and `make_classroom`: tests/conftest.py)."""

import pytest
from django.test import Client

from classes.services import class_create


@pytest.fixture
def classroom(sample_data):
    """A class of three seats, each with its own copy of the sample world."""
    return class_create(name="Monday class", seat_count=3, language="en")


@pytest.fixture
def trainee():
    """trainee(classroom, "Maria") -> a browser of its own that joined the class as Maria."""

    def join(classroom, name):
        browser = Client()
        response = browser.post(f"/en/join/{classroom.code}/", {"display_name": name})
        assert response.status_code == 302, response.content.decode()[:2000]
        return browser

    return join
