import pytest
from django.core.cache import cache
from django.test import Client

from .helpers import seat_created


@pytest.fixture(autouse=True)
def rate_limit_forgotten(django_db_blocker):
    """The seat creation rate limit counts in the shared cache, a table that a live-server
    test's flush does not empty: each test starts with none counted."""
    with django_db_blocker.unblock():
        cache.clear()
    yield
    with django_db_blocker.unblock():
        cache.clear()


@pytest.fixture
def api(sample_data):
    """A script's HTTP client: no cookies it did not get, CSRF checked as in production."""
    return Client(enforce_csrf_checks=True)


@pytest.fixture
def created(api):
    """created(language="es") -> a new seat made through the API, as the script got it."""
    return lambda **body: seat_created(api, **body)


@pytest.fixture
def trainer_client(sample_data, trainer_credentials, django_user_model):
    """The trainer, signed in on the pages (its session, CSRF checked as in production)."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(django_user_model.objects.get(email=trainer_credentials[0]))
    return client
