"""`make serve` in miniature: the production settings under gunicorn with whitenoise, on a
free port of 127.0.0.1 and a SQLite file of its own, answer pages and hashed, compressed
static files with the security headers."""

import http.client
import os
import re
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(port, path, **headers):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def wait_until_healthy(server, port, *, seconds=60):
    """Until the server answers its health page (or exits, or `seconds` pass)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and server.poll() is None:
        try:
            if _get(port, "/en/health/")[0] == 200:
                return
        except OSError:
            time.sleep(0.2)


def _serve_env(tmp_path, **overrides):
    """The environment `make serve` gives the production settings, on a database of its own."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY="serve-test-" + "q8Zr3-Wn5Ty" * 5,
        DATABASE_URL=f"sqlite:///{tmp_path / 'serve.sqlite3'}",
        **overrides,
    )
    return env


def _manage(env, *args, check=True):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=check,
        timeout=300,
        capture_output=True,
        text=True,
    )


def _serve(env):
    """collectstatic, migrate, then gunicorn as `make serve` starts it; yields the port."""
    _manage(env, "collectstatic", "--noinput", "-v", "0")
    _manage(env, "migrate", "--noinput", "-v", "0")
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi:application"]
        + ["--bind", f"127.0.0.1:{port}", "--workers", "2", "--log-level", "warning"]
        + ["--forwarded-allow-ips", "127.0.0.1"],
        cwd=ROOT,
        env=env,
    )
    try:
        wait_until_healthy(server, port)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.fixture
def production_server(tmp_path):
    """Plain http on loopback, by the documented switch."""
    yield from _serve(_serve_env(tmp_path, DJANGO_SECURE_TLS="0"))


@pytest.fixture
def secure_server(tmp_path):
    """What `make serve` runs when nobody turns anything off."""
    yield from _serve(_serve_env(tmp_path, **_make_serve_variables()))


def _make_serve_variables():
    """The DJANGO_* variables the Makefile's serve recipe gives gunicorn (besides the key and
    the settings module), as its shell works them out, in an environment that sets none."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    dry_run = subprocess.run(
        ["make", "-n", "serve"], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout
    gunicorn = next(line for line in dry_run.splitlines() if "bin/gunicorn config.wsgi" in line)
    assignments = gunicorn.split(".venv/bin/gunicorn")[0]
    shown = subprocess.run(
        ["sh", "-c", f"{assignments} env"], cwd=ROOT, env=env, capture_output=True, text=True
    ).stdout
    found = dict(line.split("=", 1) for line in shown.splitlines() if line.startswith("DJANGO_"))
    return {
        k: v for k, v in found.items() if k not in ("DJANGO_SECRET_KEY", "DJANGO_SETTINGS_MODULE")
    }


def test_production_server_serves_pages_and_static_files(production_server):
    port = production_server
    status, headers, body = _get(port, "/en/billing/sign-in/")
    assert status == 200
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Frame-Options"] == "DENY"
    stylesheets = re.findall(rb'href="(/static/[^"]+\.css)"', body)
    assert stylesheets
    for href in stylesheets:
        assert re.search(rb"\.[0-9a-f]{12}\.css$", href), href  # hashed name (manifest)
        status, headers, _ = _get(port, href.decode(), **{"Accept-Encoding": "gzip"})
        assert status == 200
        assert headers.get("Content-Encoding") == "gzip"
        assert "immutable" in headers["Cache-Control"]
    assert _get(port, "/en/django-admin/login/")[0] == 200


def test_make_serve_is_secure_by_default(secure_server):
    assert _make_serve_variables().get("DJANGO_SECURE_TLS", "1") == "1"
    port = secure_server
    status, headers, _ = _get(port, "/en/billing/sign-in/")
    assert status == 301 and headers["Location"] == f"https://127.0.0.1:{port}/en/billing/sign-in/"
    # Behind the TLS proxy on this host, which says so in X-Forwarded-Proto.
    status, headers, _ = _get(port, "/en/billing/sign-in/", **{"X-Forwarded-Proto": "https"})
    assert status == 200
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert "; secure" in headers["Set-Cookie"].lower()  # the CSRF cookie, https only


def test_check_deploy_tells_the_truth(tmp_path):
    secure = _manage(_serve_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING")
    assert secure.returncode == 0, secure.stderr
    assert "no issues" in secure.stdout
    plain = _serve_env(tmp_path, DJANGO_SECURE_TLS="0")
    insecure = _manage(plain, "check", "--deploy", "--fail-level", "WARNING", check=False)
    assert insecure.returncode != 0
    for warning in ["security.W004", "security.W008", "security.W012", "security.W016"]:
        assert warning in insecure.stderr, warning


@pytest.mark.parametrize("hosts", ["sandbox.example.com", "127.0.0.1,sandbox.example.com"])
def test_plain_http_only_on_loopback(tmp_path, hosts):
    env = _serve_env(tmp_path, DJANGO_SECURE_TLS="0", DJANGO_ALLOWED_HOSTS=hosts)
    result = _manage(env, "check", check=False)
    assert result.returncode != 0
    assert "DJANGO_SECURE_TLS=0" in result.stderr and "loopback" in result.stderr


def test_the_sqlite_file_is_readable_by_its_owner_only(tmp_path):
    env = _serve_env(tmp_path, DJANGO_SECURE_TLS="0")
    _manage(env, "migrate", "--noinput", "-v", "0")
    database = tmp_path / "serve.sqlite3"
    assert stat.S_IMODE(database.stat().st_mode) == 0o600
    database.chmod(0o644)  # made by an older version, or copied from a backup
    _manage(env, "check")
    assert stat.S_IMODE(database.stat().st_mode) == 0o600
