"""A good sign-in and its sign-out write no access log (django-axes' AccessLog): nothing reads
it, and it cost every trainee's round an insert and an update. A wrong password is still
counted, and the lock still holds."""

import pytest
from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.test import Client
from django.urls import reverse

from sandbox.sample_data import PERSONAS_BY_KEY

ANA = PERSONAS_BY_KEY["ana"].email
pytestmark = pytest.mark.django_db


def test_signing_in_and_out_writes_no_access_log(sample_data):
    client = Client()
    signed_in = client.post(
        reverse("billing_center:sign-in"),
        {"username": ANA, "password": settings.SANDBOX_PASSWORD},
    )
    assert signed_in.status_code == 302
    assert client.get(reverse("billing_center:subscriptions")).status_code == 200
    assert client.post(reverse("billing_center:sign-out")).status_code == 302
    assert not AccessLog.objects.exists()


def test_a_wrong_password_is_still_counted(sample_data):
    refused = Client().post(
        reverse("billing_center:sign-in"), {"username": ANA, "password": "not-the-password"}
    )
    assert refused.status_code == 200
    assert AccessAttempt.objects.get().failures_since_start == 1
