"""The open sandbox's one-click sign-in: a persona lands on their first outcome at once."""

import re

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY, SESSION_KEY
from django.test import Client

from accounts.backends import USER_BACKEND
from accounts.decisions import billing_center_landing
from sandbox.sample_data import PERSONAS, PORTAL_USER_IDS

PORTAL_PASSWORD = "corp-2026"  # the README's, written out

CUSTOMERS = [p.key for p in PERSONAS if p.account is not None]


@pytest.mark.parametrize(
    ("key", "outcome"),
    [
        ("ana", "BC-1"),
        ("bruno", "BC-2"),
        ("carla", "BC-2"),
        ("diego", "BC-2"),
        ("elena", "BC-2"),
        ("fernanda", "BC-1"),
    ],
)
def test_one_click_lands_the_persona_on_their_first_outcome(client, persona, key, outcome):
    assert billing_center_landing(persona(key)) == outcome  # the decision, not this table
    home = client.get("/es/").content.decode()
    assert f'action="/es/sign-in-as/{key}/"' in home
    response = client.post(f"/es/sign-in-as/{key}/", follow=True)
    assert response.status_code == 200
    assert response.context["outcome"] == outcome
    assert f'data-outcome="{outcome}"' in response.content.decode()
    assert response.redirect_chain[-1][0].startswith("/es/billing/")
    assert int(client.session[SESSION_KEY]) == persona(key).pk
    assert client.session[BACKEND_SESSION_KEY] == USER_BACKEND


def test_every_customer_persona_has_the_button_and_the_trainer_none(client, sample_data):
    home = client.get("/en/").content.decode()
    for key in CUSTOMERS:
        assert f'data-testid="sign-in-as-{key}"' in home
    assert "sign-in-as-trainer" not in home
    assert "/sign-in-as/trainer/" not in home


def test_never_the_trainer(client, sample_data):
    response = client.post("/en/sign-in-as/trainer/")
    assert response.status_code == 404
    assert SESSION_KEY not in client.session


def test_unknown_persona_and_get_are_refused(client, sample_data):
    assert client.post("/en/sign-in-as/nobody/").status_code == 404
    assert client.get("/en/sign-in-as/ana/").status_code == 405
    assert SESSION_KEY not in client.session


def test_only_with_the_form_token(sample_data):
    client = Client(enforce_csrf_checks=True)
    assert client.post("/en/sign-in-as/ana/").status_code == 403
    home = client.get("/en/").content.decode()
    token = re.search(
        r'action="/en/sign-in-as/ana/".*?name="csrfmiddlewaretoken" value="([^"]+)"', home, re.S
    ).group(1)
    response = client.post("/en/sign-in-as/ana/", {"csrfmiddlewaretoken": token})
    assert response.status_code == 302


def test_a_closed_sandbox_has_no_one_click_sign_in(client, sample_data, settings):
    settings.SANDBOX_OPEN = False
    home = client.get("/en/").content.decode()
    assert "sign-in-as" not in home
    assert client.post("/en/sign-in-as/ana/").status_code == 404
    assert SESSION_KEY not in client.session


@pytest.mark.parametrize("sandbox_open", [True, False])
def test_portal_credentials_beside_diego_only_when_open(
    client, sample_data, settings, sandbox_open
):
    settings.SANDBOX_OPEN = sandbox_open
    home = client.get("/pt-br/").content.decode()
    diego = home.split('data-testid="persona-diego"')[1].split("</tr>")[0]
    assert (PORTAL_USER_IDS["diego"] in diego) is sandbox_open
    assert (PORTAL_PASSWORD in home) is sandbox_open
    assert ('data-testid="portal-credentials-diego"' in diego) is sandbox_open
