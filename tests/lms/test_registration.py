"""The trainer's LMS page: what the LMS needs (absolute URLs, the kept public key), and the
form that registers an LMS."""

import pytest
from django.test import Client

from accounts.models import User
from lms.keys import tool_key
from lms.models import Deployment, Platform, ToolKey


@pytest.fixture
def trainer_browser(trainer):
    browser = Client()
    browser.force_login(trainer)
    return browser


def test_the_page_shows_what_the_lms_needs_in_absolute_urls(trainer_browser, tool_key):
    page = trainer_browser.get("/en/lms/").content.decode()
    assert 'data-testid="lms-login-url">http://testserver/lti/login/<' in page
    assert 'data-testid="lms-launch-url">http://testserver/lti/launch/<' in page
    assert 'data-testid="lms-jwks-url">http://testserver/lti/jwks.json<' in page
    assert tool_key.public_pem.strip().splitlines()[1] in page
    assert "PRIVATE" not in page
    assert 'data-testid="nav-lms"' in page


def test_the_urls_are_under_the_sandbox_s_public_address(trainer_browser, tool_key, settings):
    settings.SANDBOX_PUBLIC_URL = "https://sandbox.example.com"
    page = trainer_browser.get("/es/lms/").content.decode()
    assert "https://sandbox.example.com/lti/launch/" in page
    assert "Lo que necesita el LMS" in page


def test_the_key_pair_is_made_once_and_kept(client, db):
    first = client.get("/lti/jwks.json").json()
    again = client.get("/lti/jwks.json").json()
    assert first == again
    assert ToolKey.objects.count() == 1
    [key] = first["keys"]
    assert (key["kty"], key["alg"], key["use"], key["kid"]) == (
        "RSA",
        "RS256",
        "sig",
        tool_key().kid,
    )
    assert "d" not in key  # the public half only


def test_a_trainer_registers_an_lms(trainer_browser, trainer, tool_key):
    response = trainer_browser.post(
        "/pt-br/lms/",
        {
            "name": "Moodle da empresa",
            "issuer": "https://moodle.example.com",
            "client_id": "AbC123",
            "deployment_ids": "1\n2\n1\n",
            "keyset_url": "https://moodle.example.com/mod/lti/certs.php",
            "token_url": "https://moodle.example.com/mod/lti/token.php",
            "auth_login_url": "https://moodle.example.com/mod/lti/auth.php",
        },
    )
    assert response.status_code == 302
    platform = Platform.objects.get()
    assert (platform.issuer, platform.client_id, platform.registered_by) == (
        "https://moodle.example.com",
        "AbC123",
        trainer,
    )
    assert sorted(Deployment.objects.values_list("deployment_id", flat=True)) == ["1", "2"]
    page = trainer_browser.get(response["Location"]).content.decode()
    assert "O LMS Moodle da empresa está registrado." in page
    assert 'data-testid="lms-row"' in page


def test_a_registration_without_a_deployment_id_is_refused(trainer_browser, tool_key):
    response = trainer_browser.post(
        "/en/lms/",
        {
            "name": "Canvas",
            "issuer": "https://canvas.instructure.com",
            "client_id": "10000000000001",
            "deployment_ids": " \n",
            "keyset_url": "https://sso.canvaslms.com/api/lti/security/jwks",
            "token_url": "https://sso.canvaslms.com/login/oauth2/token",
            "auth_login_url": "https://sso.canvaslms.com/api/lti/authorize_redirect",
        },
    )
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert Platform.objects.count() == 0


def test_the_page_is_the_trainer_s_only(client, db):
    assert client.get("/en/lms/").status_code == 302  # the sign-in, and back
    someone = User.objects.create_user(email="someone@example.com", password="x-long-password")
    client.force_login(someone)
    assert client.get("/en/lms/").status_code == 404
    assert client.post("/en/lms/", {"name": "x"}).status_code == 404
    assert Platform.objects.count() == 0


def test_a_reset_of_the_whole_sandbox_keeps_the_key_pair_and_forgets_the_registrations(
    platform, tool_key
):
    """The LMS keeps trusting the sandbox after a reset (same key); the registration, like
    the classes and every account, is the classroom's and goes (registered again at once)."""
    from sandbox.services import sandbox_reset

    sandbox_reset()
    assert list(ToolKey.objects.values_list("kid", flat=True)) == [tool_key.kid]
    assert Platform.objects.count() == 0


def test_a_trainer_sees_the_lmss_they_registered_and_a_lead_every_one(trainer, tool_key):
    """As with classes: an LMS is its registering trainer's; a lead trainer sees them all."""
    from sandbox.trainers import trainer_add

    rosa, _link = trainer_add(email="rosa@training.example", name="Rosa Díaz", link_base="")
    for name, who in (("Lead's Moodle", trainer), ("Rosa's Canvas", rosa)):
        Platform.objects.create(
            name=name,
            issuer=f"https://{who.pk}.lms.example",
            client_id="sandbox",
            auth_login_url="https://lms.example/auth",
            token_url="https://lms.example/token",
            keyset_url="https://lms.example/jwks",
            registered_by=who,
        )
    rosas_browser = Client()
    rosas_browser.force_login(rosa)
    page = rosas_browser.get("/en/lms/").content.decode()
    assert "Rosa&#x27;s Canvas" in page and "Lead&#x27;s Moodle" not in page
    leads_browser = Client()
    leads_browser.force_login(trainer)
    page = leads_browser.get("/en/lms/").content.decode()
    assert "Rosa&#x27;s Canvas" in page and "Lead&#x27;s Moodle" in page
