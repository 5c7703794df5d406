"""A class of seats, and the trainer's client (trainees' clients: `trainees.py`)."""

import pytest
from django.test import Client

from sandbox.classroom import class_create


@pytest.fixture
def classroom(sample_data):
    """A class of three seats, each with its own copy of the sample world."""
    return class_create(name="Monday class", seat_count=3, language="en")


@pytest.fixture
def trainer_client(persona):
    client = Client()
    client.force_login(persona("trainer"))
    return client
