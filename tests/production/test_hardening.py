"""The production profile's hardening: deploy checks, headers, lockout, closed sandbox, CSRF."""

import datetime
import os
import subprocess
import sys
from importlib import import_module
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from axes.models import AccessAttempt
from django.contrib.sessions.backends import db
from django.core.management import call_command
from django.db.models import F
from django.test import Client
from django.utils import translation
from hypothesis import HealthCheck, given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

from accounts.models import User
from core.formatting import format_clock
from core.redirects import same_site_url
from sandbox.sample_data import PERSONAS_BY_KEY

from .crawler import Form, crawl, persona_client, url_name

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


BC = "/en/billing/sign-in/"
ADMIN = "/en/django-admin/login/"
TRAINER = PERSONAS_BY_KEY["trainer"].email


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
    # The default seat's identity, as docs/deploy.md tells the operator to write it.
    assert AccessAttempt.objects.filter(username=f"default:{ana}").exists()
    call_command("axes_reset_username", f"default:{ana}")
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
    ("path", "credentials", "post", "in_seat", "identity"),
    [
        (
            BC,
            {"username": " Ana.Billing@ACME.example "},
            {},
            None,
            "default:ana.billing@acme.example",
        ),
        (
            "/es/admin-center/sign-in/",
            {},
            {"username": "Bruno@acme.example"},
            None,
            "default:bruno@acme.example",
        ),
        (BC, {}, {"username": "Bruno@acme.example"}, 7, "seat7:bruno@acme.example"),
        # The seat is the session's, never the posted username's.
        (BC, {}, {"username": "seat7:ana@acme.example"}, None, "default:seat7:ana@acme.example"),
        (BC, {}, {"username": "default:ana@acme.example"}, 7, "seat7:default:ana@acme.example"),
        (BC, {}, {"username": TRAINER}, None, f"staff:{TRAINER}"),
        (BC, {}, {"username": TRAINER}, 7, f"seat7:{TRAINER}"),  # no trainer in a seat
        (ADMIN, {}, {"username": TRAINER.upper()}, None, f"staff:{TRAINER}"),
        # The trainer's sign-in counts staff accounts only, and nothing from a seat.
        (ADMIN, {}, {"username": "ana.billing@acme.example"}, None, None),
        (ADMIN, {}, {"username": TRAINER}, 7, None),
        ("/en/corp-billing/", {}, {"user_id": "GLOBEX-4471"}, None, None),  # the portal's own
        ("/en/mailbox/", {"username": "ana.billing@acme.example"}, {}, None, None),
        (BC, {}, {}, None, None),
    ],
)
def test_lockout_counts_per_seat_page_and_identity(
    rf, sample_data, path, credentials, post, in_seat, identity
):
    from sandbox.lockouts import sign_in_identity, sign_in_not_counted
    from seats.models import Seat

    request = rf.post(path, post)
    request.joined_seat = Seat(pk=in_seat) if in_seat else None
    assert sign_in_identity(request, credentials) == identity
    assert sign_in_not_counted(request, credentials) is (identity is None)


def test_a_lock_does_not_extend_while_it_holds(sample_data, settings):
    ana = PERSONAS_BY_KEY["ana"].email
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, ana, "typo")
    minutes = datetime.timedelta(minutes=1)
    cool_off = settings.AXES_COOLOFF_TIME
    # Ten minutes into the lock, tries with the wrong and the right password are refused...
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - 10 * minutes)
    locked_at = AccessAttempt.objects.get().attempt_time
    for password in ["typo", PASSWORD, "typo", PASSWORD]:
        assert _sign_in(Client(), ana, password).status_code == 429
    # ...and counted for nothing: the lock still ends when it was going to.
    attempt = AccessAttempt.objects.get()
    assert (attempt.attempt_time, attempt.failures_since_start) == (
        locked_at,
        settings.AXES_FAILURE_LIMIT,
    )
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - (cool_off - 9 * minutes))
    assert _sign_in(Client(), ana, PASSWORD).status_code == 302


@pytest.mark.parametrize(
    ("language", "how"),
    [
        ("en", "ask your trainer"),
        ("es", "pida a su formador"),
        ("pt-br", "peça ao seu instrutor"),
    ],
)
def test_the_lockout_page_says_who_until_when_and_how(sample_data, settings, language, how):
    ana = PERSONAS_BY_KEY["ana"].email
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = _sign_in(client, ana.upper(), "typo", language)
    assert response.status_code == 429
    content = response.content.decode()
    until = AccessAttempt.objects.get().attempt_time + settings.AXES_COOLOFF_TIME
    assert response.context["until"] == until
    who = content.split('data-testid="sign-in-locked-who"')[1].split("</p>")[0]
    assert ana in who
    with translation.override(language):
        assert format_clock(until) in content  # the site's one time format, with its zone
    assert how in content
    assert "Other people can still sign in" not in content


def test_an_anonymous_visitor_cannot_lock_the_trainer_out(sample_data, settings):
    trainer = User.objects.get(email=PERSONAS_BY_KEY["trainer"].email)
    trainer.set_password("the-trainer-s-own")
    trainer.save()
    visitor = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(settings.AXES_FAILURE_LIMIT + 2):
        response = _sign_in(visitor, trainer.email, "guess")
    assert response.status_code == 429  # the guesses are still stopped, where they come from
    classroom = Client(REMOTE_ADDR="10.1.2.3")
    assert _sign_in(classroom, trainer.email, "the-trainer-s-own").status_code == 302
    assert "_auth_user_id" in classroom.session


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
    # Sessions live in the database (Django's store, its read prepared: seats.sessions).
    assert issubclass(import_module(settings.SESSION_ENGINE).SessionStore, db.SessionStore)
    assert settings.CSRF_COOKIE_HTTPONLY


# --- Every `next` and every query parameter: NUL and control characters never break a page ---

CONTROL_TEXTS = ["\x00", "a\x00b", "/\x00", "/en/\x00", "\r\n", "a\x1b[2Jb", "\x7f", "\x85", "0"]
control_text = st.one_of(
    st.sampled_from(CONTROL_TEXTS),
    st.builds(
        lambda before, control, after: before + control + after,
        st.text(max_size=8),
        st.text(alphabet=st.characters(categories=["Cc"]), min_size=1, max_size=3),
        st.text(max_size=8),
    ),
)
# The query parameters the views read today; the crawl adds every name its links and GET forms
# carry, so a parameter added later is covered once a page links to it.
QUERY_PARAMETERS = {"next", "page", "to", "email", "user_id", "from", "seats"}


def _get_and_post_targets(client) -> tuple[list[tuple[str, str]], list[tuple[Form, str]]]:
    """(path, query parameter) of every page reached, and (form, field) of every POST form,
    hidden fields included (`next`, `from`, `step`)."""
    pages, forms = crawl(client)
    names = set(QUERY_PARAMETERS)
    for page in pages:
        names.update(parse_qs(urlsplit(page).query, keep_blank_values=True))
    # One page of each view (subscription 1 stands for subscription 2).
    paths = {url_name(urlsplit(page).path): urlsplit(page).path for page in reversed(pages)}
    gets = sorted((path, name) for path in paths.values() for name in names)
    by_action = {}
    for form in forms:
        by_action.setdefault((url_name(urlsplit(form.action).path), form.key[1]), form)
    posts = [
        (form, field.name)
        for form in by_action.values()
        for field in form.fields
        if field.name and field.name != "csrfmiddlewaretoken"
    ]
    return gets, posts


def _send(client, target, value):
    if isinstance(target[0], str):
        path, name = target
        return path, client.get(path, {name: value})
    form, name = target
    return form.action, client.post(form.action, {**form.default_data(), name: value})


@pytest.mark.parametrize("persona_key", ["trainer", "ana", "diego"])
def test_no_query_parameter_or_form_field_with_control_characters_is_a_server_error(
    sample_data, persona_key
):
    client = persona_client(Client(), persona_key)
    gets, posts = _get_and_post_targets(client)
    assert gets and posts
    targets = gets + posts
    for target in targets:  # every parameter and field once with a NUL...
        where, response = _send(client, target, "a\x00b")
        assert response.status_code < 500, (where, target[1])

    @hyp_settings(
        max_examples=40,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(target=st.sampled_from(targets), value=control_text)
    def send(target, value):  # ...then control characters of every kind, anywhere
        where, response = _send(client, target, value)
        assert response.status_code < 500, (where, target[1], value)

    send()


@pytest.mark.parametrize("value", ["\x00", "a\x00b", "ana\x01@acme.example", "not an address"])
def test_mailbox_refuses_a_recipient_it_cannot_look_up(client, sample_data, value):
    response = client.get("/en/mailbox/", {"to": value})
    assert response.status_code == 200
    assert b'data-testid="mailbox-filter-error"' in response.content
    assert response.context["recipient"] == ""


@pytest.mark.parametrize(
    ("url", "path"),
    [
        ("/en/mailbox/?to=a%40b.c", "/en/mailbox/?to=a%40b.c"),
        ("http://testserver/en/guide/", "/en/guide/"),
        ("0", ""),
        ("sandbox:home", ""),
        ("home", ""),
        ("en/guide/", ""),
        ("/en/\x00", ""),
        ("/en/\r\nSet-Cookie: x=1", ""),
        ("https://evil.example/", ""),
        ("//evil.example/", ""),
        ("/\\evil.example", ""),
        ("", ""),
    ],
)
def test_same_site_url_answers_a_path_of_this_site_or_nothing(rf, url, path):
    assert same_site_url(rf.get("/"), url) == path


@pytest.mark.parametrize("next_url", ["0", "home", "sandbox:home", "a\x00b", "/en/\x00"])
def test_a_next_that_is_no_path_goes_to_the_default_page(client, sample_data, next_url):
    toggle = client.post("/en/trainer-notes/", {"notes": "off", "next": next_url})
    assert (toggle.status_code, toggle["Location"]) == (302, "/en/")
    portal = client.post(
        "/en/corp-billing/", {"user_id": "GLOBEX-4471", "password": "corp-2026", "next": next_url}
    )
    assert (portal.status_code, portal["Location"]) == (302, "/en/corp-billing/invoices/")
    billing = client.post(
        "/en/billing/sign-in/",
        {"username": "ana.billing@acme.example", "password": PASSWORD} | {"next": next_url},
    )
    assert (billing.status_code, billing["Location"]) == (302, "/en/billing/")
