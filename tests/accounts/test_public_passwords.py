"""The public sample passwords get a cheap hasher of their own; every other password keeps
Django's default, and a public hash is never upgraded on sign-in (accounts/hashers.py)."""

import asyncio

import pytest
from django.conf import settings
from django.contrib.auth.hashers import get_hasher, identify_hasher
from django.test import Client
from django.urls import reverse

from accounts.hashers import (
    PublicPasswordHasher,
    is_public_password_hash,
    public_password_hash,
)
from corp_portal.models import PortalLogin
from corp_portal.services import portal_sign_in

pytestmark = pytest.mark.django_db

PUBLIC = PublicPasswordHasher.algorithm


def default_algorithm() -> str:
    return get_hasher("default").algorithm


def test_the_public_hasher_is_listed_but_never_the_default():
    for hashers in (settings.PASSWORD_HASHERS, _production_hashers()):
        assert "accounts.hashers.PublicPasswordHasher" in hashers[1:]
    assert default_algorithm() != PUBLIC
    assert _production_hashers()[0] == "django.contrib.auth.hashers.PBKDF2PasswordHasher"


def _production_hashers() -> list[str]:
    from config.settings import base

    return base.PASSWORD_HASHERS


def test_public_hashes_are_cheap_pbkdf2_with_a_name_of_their_own():
    encoded = public_password_hash("sandbox-2026")
    algorithm, iterations, _salt, _hash = encoded.split("$")
    assert (algorithm, int(iterations)) == (PUBLIC, PublicPasswordHasher.iterations)
    assert PublicPasswordHasher.iterations <= 10_000  # the default has 1,000,000
    assert is_public_password_hash(encoded)
    assert not is_public_password_hash("pbkdf2_sha256$1000000$salt$hash")
    assert not is_public_password_hash("")
    assert not is_public_password_hash(None)


def test_personas_and_portal_logins_get_the_public_hash_the_trainer_the_default(persona):
    for key in ("ana", "bruno", "carla", "diego", "elena", "fernanda"):
        assert identify_hasher(persona(key).password).algorithm == PUBLIC, key
        assert persona(key).check_password("sandbox-2026")
        assert not persona(key).check_password("sandbox-2027")
    login = PortalLogin.objects.get(user_id="GLOBEX-4471")
    assert identify_hasher(login.password).algorithm == PUBLIC
    assert login.check_password("corp-2026")
    assert identify_hasher(persona("trainer").password).algorithm == default_algorithm()


def test_signing_in_never_upgrades_a_persona_s_public_hash(persona):
    """Django re-hashes a password whose hasher is not the preferred one on the first good
    sign-in; a persona's must stay cheap, sign-in after sign-in."""
    before = persona("ana").password
    client = Client()
    response = client.post(
        reverse("billing_center:sign-in"),
        {"username": "ana.billing@acme.example", "password": "sandbox-2026"},
    )
    assert response.status_code == 302
    assert client.session.get("_auth_user_id") == str(persona("ana").pk)
    assert persona("ana").password == before

    ana = persona("ana")
    assert ana.check_password("sandbox-2026")
    assert asyncio.run(ana.acheck_password("sandbox-2026"))
    ana.refresh_from_db()
    assert ana.password == before


def test_a_password_a_person_sets_gets_the_default_hasher(persona):
    ana = persona("ana")
    ana.set_password("my-own-secret-42")
    ana.save()
    ana.refresh_from_db()
    assert identify_hasher(ana.password).algorithm == default_algorithm()
    assert ana.check_password("my-own-secret-42")
    assert not ana.check_password("sandbox-2026")

    login = PortalLogin.objects.get(user_id="GLOBEX-4471")
    login.set_password("portal-own-secret-7")
    assert identify_hasher(login.password).algorithm == default_algorithm()


def test_other_passwords_are_still_upgraded_as_django_does(persona, settings):
    """Only public hashes are exempt: an outdated hash of a real password is re-hashed with
    the default hasher on a good sign-in."""
    settings.PASSWORD_HASHERS = [
        *settings.PASSWORD_HASHERS,
        "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    ]
    trainer = persona("trainer")
    outdated = get_hasher("pbkdf2_sha1")
    trainer.password = outdated.encode("Trainer-only-test-4471", outdated.salt(), iterations=10)
    trainer.save()
    assert trainer.check_password("Trainer-only-test-4471")
    trainer.refresh_from_db()
    assert identify_hasher(trainer.password).algorithm == default_algorithm()


def test_portal_sign_in_keeps_the_public_hash(sample_data):
    before = PortalLogin.objects.get(user_id="GLOBEX-4471").password
    portal_sign_in(user_id="GLOBEX-4471", password="corp-2026")
    assert PortalLogin.objects.get(user_id="GLOBEX-4471").password == before
