"""One browser, two kinds of sign-in: the LogMeIn ID (Billing Center and Admin Center) and
the Corporate Billing Portal's User ID. Leaving one never ends the other."""

import html
import re
from urllib.parse import quote

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from accounts.models import Subscription
from sandbox.sample_data import ACME

PORTAL_PASSWORD = "corp-2026"  # the README's, written out

pytestmark = pytest.mark.django_db

LOGMEIN_SIGN_OUTS = ["billing_center:sign-out", "admin_center:sign-out"]


def portal_sign_in(client):
    response = client.post(
        reverse("corp_portal:sign-in"), {"user_id": "GLOBEX-4471", "password": PORTAL_PASSWORD}
    )
    assert response.status_code == 302


def logmein_sign_in(client, email):
    response = client.post(
        reverse("billing_center:sign-in"),
        {"username": email, "password": settings.SANDBOX_PASSWORD},
    )
    assert response.status_code == 302


def in_portal(client) -> bool:
    return client.get(reverse("corp_portal:invoices")).status_code == 200


def in_logmein(client) -> bool:
    return client.get(reverse("billing_center:my-account")).status_code == 200


@pytest.mark.parametrize("sign_out", LOGMEIN_SIGN_OUTS)
def test_signing_out_of_a_logmein_center_leaves_the_portal_signed_in(client, sample_data, sign_out):
    portal_sign_in(client)
    logmein_sign_in(client, "diego.corp@globex.example")
    assert in_portal(client) and in_logmein(client)
    client.post(reverse(sign_out))
    assert not in_logmein(client)
    assert in_portal(client)


def test_another_logmein_id_signing_in_leaves_the_portal_signed_in(client, sample_data):
    portal_sign_in(client)
    logmein_sign_in(client, "ana.billing@acme.example")
    logmein_sign_in(client, "bruno.admin@acme.example")
    assert in_portal(client)


def test_signing_out_of_the_portal_leaves_the_logmein_id_signed_in(client, sample_data):
    logmein_sign_in(client, "diego.corp@globex.example")
    portal_sign_in(client)
    client.post(reverse("corp_portal:sign-out"))
    assert not in_portal(client)
    assert in_logmein(client)


def form_token(response) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode())[1]


def csrf_sign_in(client, language, email):
    """Sign in through the form, as a browser does (the client enforces CSRF)."""
    sign_in = f"/{language}/billing/sign-in/"
    token = form_token(client.get(sign_in))
    data = {"username": email, "password": settings.SANDBOX_PASSWORD}
    assert client.post(sign_in, {**data, "csrfmiddlewaretoken": token}).status_code == 302


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", "Someone signed in in this browser"),
        ("es", "Alguien inició sesión en este navegador"),
        ("pt-br", "Alguém fez login neste navegador"),
    ],
)
def test_a_form_opened_before_another_sign_in_says_what_happened(sample_data, language, words):
    """Two personas in two tabs: Ana opens Add Licenses in tab 1, Bruno signs in in tab 2
    (Django replaces the CSRF token at sign-in), then Ana sends tab 1's form."""
    client = Client(enforce_csrf_checks=True)
    csrf_sign_in(client, language, "ana.billing@acme.example")
    subscription = Subscription.objects.filter(account__name=ACME).order_by("pk").first()
    page = f"/{language}/billing/subscriptions/{subscription.pk}/add-licenses/"
    old_token = form_token(client.get(page))
    csrf_sign_in(client, language, "bruno.admin@acme.example")

    response = client.post(page, {"quantity": "1", "csrfmiddlewaretoken": old_token})
    assert response.status_code == 403
    content = response.content.decode()
    assert 'data-reason="signed-in-since"' in content and words in content
    assert "bruno.admin@acme.example" in content
    again = re.search(r'href="([^"]+)" data-testid="csrf-failure-sign-in"', content)[1]
    assert html.unescape(again) == f"/{language}/billing/sign-in/?next={quote(page, safe='')}"
    subscription.refresh_from_db()
    assert subscription.licenses == 10


def test_a_form_without_a_cookie_still_says_it_expired(sample_data):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/en/billing/sign-in/", {"username": "a@b.example"})
    assert response.status_code == 403
    assert "The form has expired" in response.content.decode()
    assert "signed-in-since" not in response.content.decode()
