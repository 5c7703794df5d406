"""One browser, two kinds of sign-in: the LogMeIn ID (Billing Center and Admin Center) and
the Corporate Billing Portal's User ID. Leaving one never ends the other."""

import pytest
from django.conf import settings
from django.urls import reverse

from sandbox.sample_data import PORTAL_PASSWORD

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
