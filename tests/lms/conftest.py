"""The test LMS (`platform.py`) registered in the sandbox, and a browser that launches from it."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client

from lms.keys import key_set
from lms.services import platform_register

from .platform import TestPlatform


@pytest.fixture
def platform(sample_data, persona):
    """The test LMS, registered by the sample trainer; its server stops with the test."""
    lms = TestPlatform(tool_key_set=key_set())
    platform_register(**lms.registration(), registered_by=persona("trainer"))
    yield lms
    lms.close()


def login(browser: Client, lms: TestPlatform, **overrides) -> dict:
    """OIDC login initiation: the sandbox's answer is the LMS's auth URL with state and
    nonce; returns those parameters."""
    response = browser.get("/lti/login/", lms.login_params(**overrides))
    assert response.status_code == 302, response.content.decode()[:500]
    location = urlsplit(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == lms.url + "/auth"
    return {key: values[0] for key, values in parse_qs(location.query).items()}


def launch(browser: Client, lms: TestPlatform, *, token_claims=None, sign=None, state=None, **claims):
    """The whole exchange, as the LMS drives it: login, then the signed launch posted back."""
    auth = login(browser, lms)
    body = token_claims or lms.claims(nonce=auth["nonce"], **claims)
    token = lms.id_token(body, **(sign or {}))
    return browser.post(
        "/lti/launch/", {"id_token": token, "state": auth["state"] if state is None else state}
    ), auth, token
