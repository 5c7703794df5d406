"""Two seats of a class (the trainer's client: tests/conftest.py)."""

import pytest

from classes.services import class_create


@pytest.fixture
def classroom(sample_data):
    """A class of two seats, each with its own copy of the sample world."""
    return class_create(name="QA practice", seat_count=2, language="en")


@pytest.fixture
def seats(classroom):
    """(seat 1, seat 2) of the class."""
    return tuple(classroom.seats.order_by("number"))
