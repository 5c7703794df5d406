import pytest

from lessons.models import Exercise


@pytest.fixture
def exercise(sample_data):
    """exercise("bruno-add-licenses") -> the shipped exercise of that key."""
    return lambda key: Exercise.objects.get(key=key)


@pytest.fixture
def make_classroom(sample_data):
    """make_classroom(seats=2) -> a new class, every seat with its sample world."""
    from classes.services import class_create

    def make(seats=2, language="en", name="Monday class"):
        return class_create(name=name, seat_count=seats, language=language)

    return make


@pytest.fixture
def trainer_client(persona):
    from django.test import Client

    client = Client()
    client.force_login(persona("trainer"))
    return client
