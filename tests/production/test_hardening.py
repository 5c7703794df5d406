"""The production profile's hardening: deploy checks, headers, lockout, closed sandbox, CSRF."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.test import Client

from sandbox.sample_data import PERSONAS_BY_KEY

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ["en", "es", "pt-br"]
PASSWORD = "sandbox-2026"


def _deploy_check(**environ) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update({"DJANGO_SECRET_KEY": "k3y-" + "x7Qz9-Lm2Pw" * 6, **environ})
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "config.settings.production"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_deploy_check_is_clean_with_production_settings():
    result = _deploy_check()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = _deploy_check(DJANGO_SECRET_KEY="")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


@pytest.mark.parametrize("path", ["/en/", "/es/billing/sign-in/", "/pt-br/health/"])
def test_security_headers_on_every_response(client, sample_data, path):
    response = client.get(path)
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"  # no 'unsafe-inline', no 'unsafe-eval'
    assert "unsafe" not in csp
    assert directives["frame-ancestors"] == "'none'"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_pages_have_no_inline_script_or_style(client, sample_data):
    for path in ["/en/", "/en/billing/sign-in/", "/en/mailbox/", "/en/django-admin/login/"]:
        content = client.get(path).content.decode()
        assert "<script>" not in content and "<script " not in content.replace(
            "<script src=", ""
        ), path
        assert " style=" not in content, path


def test_health_is_trivial(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/en/health/")
    assert response.content == b"ok"


def _sign_in(client, email, password, language="en"):
    return client.post(f"/{language}/billing/sign-in/", {"username": email, "password": password})


@pytest.mark.parametrize("language", LANGUAGES)
def test_five_wrong_passwords_lock_that_identity_only(sample_data, settings, language):
    ana, bruno = PERSONAS_BY_KEY["ana"].email, PERSONAS_BY_KEY["bruno"].email
    classroom = Client(REMOTE_ADDR="10.1.2.3")  # everyone in the class shares the address
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _sign_in(classroom, ana, "typo", language).status_code == 200
    locked = _sign_in(classroom, ana.upper(), "typo", language)  # case does not reset the count
    assert locked.status_code == 429
    assert b'data-testid="sign-in-locked"' in locked.content
    assert f'lang="{language}"'.encode() in locked.content
    # The right password is refused too while locked...
    assert _sign_in(Client(REMOTE_ADDR="10.9.9.9"), ana, PASSWORD, language).status_code == 429
    # ...while a classmate at the same address still signs in.
    assert _sign_in(classroom, bruno, PASSWORD, language).status_code == 302


def test_trainer_clears_a_lockout(sample_data, settings):
    ana = PERSONAS_BY_KEY["ana"].email
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, ana, "typo")
    assert AccessAttempt.objects.filter(username=ana).exists()
    call_command("axes_reset_username", ana)
    assert _sign_in(client, ana, PASSWORD).status_code == 302


def test_lockout_messages_are_translated(sample_data, settings):
    ana = PERSONAS_BY_KEY["ana"].email
    words = {"en": "Sign-in locked", "es": "Inicio de sesión bloqueado", "pt-br": "Login bloqueado"}
    for language, word in words.items():
        client = Client()
        for _ in range(settings.AXES_FAILURE_LIMIT):
            response = _sign_in(client, ana, "typo", language)
        assert word in response.content.decode()
        call_command("axes_reset")


@pytest.mark.parametrize(
    ("credentials", "post", "identity"),
    [
        ({"username": " Ana.Billing@ACME.example "}, {}, "ana.billing@acme.example"),
        ({}, {"username": "Bruno@acme.example"}, "bruno@acme.example"),
        ({}, {"user_id": "GLOBEX-4471"}, "globex-4471"),  # a portal sign-in form
        ({}, {}, ""),
    ],
)
def test_lockout_counts_per_identity(rf, credentials, post, identity):
    from sandbox.views import sign_in_identity

    assert sign_in_identity(rf.post("/en/billing/sign-in/", post), credentials) == identity


def test_a_good_sign_in_resets_the_count(sample_data, settings):
    ana = PERSONAS_BY_KEY["ana"].email
    client = Client()
    for _ in range(3):
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            _sign_in(client, ana, "typo")
        assert _sign_in(client, ana, PASSWORD).status_code == 302
        client.logout()


@pytest.mark.parametrize("sandbox_open", [True, False])
def test_closed_sandbox_hides_the_credentials(client, sample_data, settings, sandbox_open):
    settings.SANDBOX_OPEN = sandbox_open
    content = client.get("/en/").content.decode()
    assert ('data-testid="sandbox-password"' in content) is sandbox_open
    assert (PASSWORD in content) is sandbox_open
    assert "?email=" not in content or sandbox_open  # one-click sign-in links
    for page in ["/en/guide/", "/en/qa/", "/en/qa.json"]:
        content = client.get(page).content.decode()
        assert (PASSWORD in content) is sandbox_open, page
        assert "?email=" not in content or sandbox_open, page
    forgot = client.get("/en/corp-billing/forgot-password/").content.decode()
    assert ("corp-2026" in forgot) is sandbox_open


@pytest.mark.parametrize(
    ("language", "word"),
    [
        ("en", "The form has expired"),
        ("es", "El formulario ha caducado"),
        ("pt-br", "O formulário expirou"),
    ],
)
def test_csrf_failure_page_is_translated(sample_data, language, word):
    client = Client(enforce_csrf_checks=True)
    response = client.post(f"/{language}/billing/sign-in/", {"username": "a@b.example"})
    assert response.status_code == 403
    assert word in response.content.decode()
    assert b'data-testid="csrf-failure"' in response.content


def test_session_cookie_settings(settings):
    assert settings.SESSION_COOKIE_HTTPONLY
    assert settings.SESSION_COOKIE_SAMESITE == "Lax"
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"
    assert settings.CSRF_COOKIE_HTTPONLY
