"""Two seats of a class, browsers in them, and the trainer."""

import pytest
from django.test import Client

from classes.services import class_create


@pytest.fixture
def classroom(sample_data):
    """A class of two seats, each with its own copy of the sample world."""
    return class_create(name="QA practice", seat_count=2, language="en")


@pytest.fixture
def seats(classroom):
    """(seat 1, seat 2) of the class."""
    return tuple(classroom.seats.order_by("number"))


@pytest.fixture
def trainer_client(persona):
    client = Client()
    client.force_login(persona("trainer"))
    return client
