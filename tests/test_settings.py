import io
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

from tests.settings_process import python_run

ROOT = Path(__file__).resolve().parent.parent


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SECRET_KEY"}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.production"
    result = python_run(env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


@pytest.mark.parametrize(
    "key",
    [
        "short-but-varied-9Qz",  # under 50 characters
        "ab" * 30,  # 60 characters, 2 different ones
        "django-insecure-" + "Zk4Rw-9pLq2" * 5,  # what startproject writes
    ],
)
def test_production_refuses_a_weak_secret_key(key):
    """Django's own rule (check --deploy's security.W009), at start, with what to do."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(DJANGO_SETTINGS_MODULE="config.settings.production", DJANGO_SECRET_KEY=key)
    result = python_run(env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is weak" in result.stderr
    assert "at least 50 characters, 5 of them different" in result.stderr
    assert ".secret_key" in result.stderr


def test_the_key_make_serve_generates_is_strong():
    """`make serve`'s .secret_key recipe, run here into a string: production starts with it."""
    recipe = subprocess.run(
        ["make", "-n", "-B", ".secret_key"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    generate = recipe.split("-c ", 1)[1].rsplit(" >", 1)[0].strip("\"'")
    key = subprocess.run(
        [sys.executable, "-c", generate], capture_output=True, text=True, check=True
    ).stdout.strip()
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(DJANGO_SETTINGS_MODULE="config.settings.production", DJANGO_SECRET_KEY=key)
    result = python_run(env)
    assert result.returncode == 0, result.stderr


@pytest.mark.urls("tests.urls_server_error")
def test_server_error_page_is_plain_and_translated(db):
    client = Client(raise_request_exception=False)
    response = client.get("/es/boom/")
    assert response.status_code == 500
    content = response.content.decode()
    assert "Algo salió mal" in content
    assert "Traceback" not in content and "RuntimeError" not in content


# Every unhandled exception reaches the server's log (stderr) with its traceback, whatever
# DEBUG says: under gunicorn or runserver that log is all an operator has.


def _stderr_handlers(logger_name):
    """The stream handlers a record of `logger_name` reaches (pytest's own capture aside)."""
    handlers, logger = [], logging.getLogger(logger_name)
    while logger is not None:
        handlers += [
            h
            for h in logger.handlers
            if type(h) is logging.StreamHandler and getattr(h, "stream", None) is not None
        ]
        logger = logger.parent if logger.propagate else None
    return handlers


@pytest.mark.parametrize("debug", [False, True], ids=["debug-off", "debug-on"])
@pytest.mark.urls("tests.urls_server_error")
def test_a_server_error_is_logged_with_its_traceback(db, settings, caplog, debug):
    settings.DEBUG = debug
    log = io.StringIO()
    handlers = _stderr_handlers("django.request")
    assert handlers, "no handler writes django.request's errors to the server's log"
    streams = [h.setStream(log) for h in handlers]
    try:
        response = Client(raise_request_exception=False).get("/en/boom/")
    finally:
        for handler, stream in zip(handlers, streams, strict=True):
            handler.setStream(stream)
    assert response.status_code == 500
    written = log.getvalue()
    assert "Internal Server Error: /en/boom/" in written
    assert "Traceback (most recent call last)" in written
    assert 'raise RuntimeError("boom")' in written and "RuntimeError: boom" in written
    (record,) = [r for r in caplog.records if r.name == "django.request"]
    assert record.exc_info[0] is RuntimeError


def test_every_profile_logs_to_stderr():
    """dev (`make run`), production (`make serve`) and test read LOGGING from base."""
    for profile in ["dev", "production", "test"]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
        env.update(
            DJANGO_SETTINGS_MODULE=f"config.settings.{profile}",
            DJANGO_SECRET_KEY="profile-" + "Zk4Rw-9pLq2" * 5,
        )
        code = (
            "import django, logging; django.setup(); "
            "logging.getLogger('django.request')"
            ".error('boom in %s', 'profile', exc_info=ValueError('v'))"
        )
        result = python_run(env, code)
        assert "boom in profile" in result.stderr, profile
        assert "ValueError: v" in result.stderr, profile


@pytest.mark.parametrize(
    ("value", "admins"),
    [
        ("", []),
        ("Ops <ops@example.com>", [("Ops", "ops@example.com")]),
        (
            "Ana Ortega <ana@example.com>, bruno@example.com",
            [("Ana Ortega", "ana@example.com"), ("", "bruno@example.com")],
        ),
    ],
)
def test_admins_come_from_the_environment(value, admins):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(DJANGO_SETTINGS_MODULE="config.settings.test", DJANGO_ADMINS=value)
    result = python_run(env, "from django.conf import settings; print(settings.ADMINS)")
    assert result.stdout.strip() == str(admins), result.stderr


@pytest.mark.urls("tests.urls_server_error")
def test_admins_are_emailed_a_server_error_outside_the_mailbox(db, settings, monkeypatch):
    from django.core import mail
    from django.utils.log import AdminEmailHandler

    from sandbox.models import MailboxMessage

    settings.ADMINS = [("Ops", "ops@example.com")]
    (handler,) = [
        h for h in logging.getLogger("django").handlers if isinstance(h, AdminEmailHandler)
    ]
    assert handler.email_backend == "django.core.mail.backends.smtp.EmailBackend"
    monkeypatch.setattr(handler, "email_backend", "django.core.mail.backends.locmem.EmailBackend")
    assert Client(raise_request_exception=False).get("/en/boom/").status_code == 500
    (email,) = mail.outbox
    assert email.to == ["ops@example.com"] and "RuntimeError at /en/boom/" in email.body
    assert not MailboxMessage.objects.exists()  # every visitor reads the mailbox


# `make run`: the README's command serves with DEBUG off (no debug page in front of a class),
# the translated error pages, and the static files, offline.


@pytest.fixture
def run_server(tmp_path):
    """The README's `make run`: its set-up, then the line its recipe serves with, as is."""
    from tests.production.test_room import _room, _room_env
    from tests.production.test_serve import _get, _manage

    env = _room_env(f"sqlite:///{tmp_path / 'run.sqlite3'}")
    _manage(env, "migrate", "--noinput", "-v", "0")
    with _room(env, tmp_path / "run.log", WEB_CONCURRENCY=1) as port:
        yield lambda path, **headers: _get(port, path, **headers)


def test_make_run_shows_no_debug_page_and_serves_static_files(run_server):
    status, _, body = run_server("/es/no-such-page/")
    page = body.decode()
    assert status == 404
    assert "Página no encontrada" in page and 'lang="es"' in page
    assert "URLconf" not in page and "DEBUG = True" not in page
    status, headers, body = run_server("/static/css/sandbox.css")
    assert status == 200 and headers["Content-Type"].startswith("text/css") and body
    for host in ["127.0.0.1", "localhost"]:
        assert run_server("/en/", Host=host)[0] == 200, host


@pytest.mark.parametrize("profile", ["dev", "production", "test"])
def test_every_profile_sets_sqlite_up_for_a_class_of_writers(profile, tmp_path):
    """WAL, BEGIN IMMEDIATE and a busy timeout wherever the database is SQLite: without them a
    class's writers at once get "database is locked" (tests/production/test_room.py)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE=f"config.settings.{profile}",
        DJANGO_SECRET_KEY="profile-" + "Zk4Rw-9pLq2" * 5,
        DATABASE_URL=f"sqlite:///{tmp_path / 'profile.sqlite3'}",
    )
    code = "from django.conf import settings; print(settings.DATABASES['default']['OPTIONS'])"
    result = python_run(env, code)
    options = result.stdout
    assert "'transaction_mode': 'IMMEDIATE'" in options, result.stderr
    assert "'timeout': 20" in options
    assert "journal_mode=WAL" in options


@pytest.mark.parametrize(("given", "kept"), [(None, 60), ("0", 0), ("5", 5)])
def test_production_keeps_its_database_connections(given, kept, tmp_path):
    """`make serve` keeps each worker's connection 60 s (opening SQLite's file and setting it
    up cost every request about 0.8 ms of CPU); DJANGO_CONN_MAX_AGE chooses otherwise."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY="profile-" + "Zk4Rw-9pLq2" * 5,
        DJANGO_SECURE_TLS="0",
        DATABASE_URL=f"sqlite:///{tmp_path / 'profile.sqlite3'}",
    )
    if given is not None:
        env["DJANGO_CONN_MAX_AGE"] = given
    code = "from django.conf import settings; print(settings.DATABASES['default']['CONN_MAX_AGE'])"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.stdout.strip() == str(kept), result.stderr
