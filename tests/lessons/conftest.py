import pytest

from lessons.models import Exercise


@pytest.fixture
def exercise(sample_data):
    """exercise("bruno-add-licenses") -> the shipped exercise of that key."""
    return lambda key: Exercise.objects.get(key=key)
