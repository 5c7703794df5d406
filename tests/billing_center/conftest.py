import pytest
from django.conf import settings


@pytest.fixture
def signed_in(client, persona):
    """signed_in("ana") -> the test client, signed in as that persona."""

    def sign_in(key):
        user = persona(key)
        client.force_login(user)
        return client

    return sign_in


@pytest.fixture
def password():
    return settings.SANDBOX_PASSWORD
