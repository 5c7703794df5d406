"""The test LMS (`platform.py`) registered in the sandbox, and a browser that launches from it."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client

from accounts.models import User
from lms.keys import key_set
from lms.models import ToolKey
from lms.services import platform_register
from sandbox.trainers import TRAINER_EMAIL, trainer_load

from .platform import TestPlatform, key_pair


@pytest.fixture
def tool_key(db):
    """The sandbox's stored key pair, made from a pair kept for the run (no test waits for a
    new RSA key but the one that checks the key is made)."""
    pair, private_pem = key_pair("sandbox")
    return ToolKey.objects.create(
        pk=1,
        kid=pair.thumbprint(),
        private_pem=private_pem,
        public_pem=pair.export_to_pem().decode(),
    )


@pytest.fixture
def trainer(db):
    """The sandbox's trainer (without the sample world of the default seat: no test here
    needs it, and each launch's seat gets its own)."""
    trainer_load()
    return User.objects.get(email=TRAINER_EMAIL)


@pytest.fixture
def platform(trainer, tool_key):
    """The test LMS, registered by the trainer; its server stops with the test."""
    lms = TestPlatform(tool_key_set=key_set())
    platform_register(**lms.registration(), registered_by=trainer)
    yield lms
    lms.close()


def login(browser: Client, lms: TestPlatform, *, secure: bool = False, **overrides) -> dict:
    """OIDC login initiation: the sandbox's answer is the LMS's auth URL with state and
    nonce; returns those parameters."""
    response = browser.get("/lti/login/", lms.login_params(**overrides), secure=secure)
    assert response.status_code == 302, response.content.decode()[:500]
    location = urlsplit(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == lms.url + "/auth"
    return {key: values[0] for key, values in parse_qs(location.query).items()}


def launch(browser: Client, lms: TestPlatform, *, sign=None, secure: bool = False, **claims):
    """The whole exchange, as the LMS drives it: login, then the signed launch posted back.
    Returns (the launch's response, the login's parameters, the id_token)."""
    auth = login(browser, lms, secure=secure)
    token = lms.id_token(lms.claims(nonce=auth["nonce"], **claims), **(sign or {}))
    data = {"id_token": token, "state": auth["state"]}
    return browser.post("/lti/launch/", data, secure=secure), auth, token
