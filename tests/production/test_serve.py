"""`make serve` in miniature: the production settings under gunicorn with whitenoise, on a
free port of 127.0.0.1 and a SQLite file of its own, answer pages and hashed, compressed
static files with the security headers."""

import http.client
import os
import re
import socket
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


@pytest.fixture
def production_server(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY="serve-test-" + "q8Zr3-Wn5Ty" * 5,
        DJANGO_SECURE_TLS="0",
        DATABASE_URL=f"sqlite:///{tmp_path / 'serve.sqlite3'}",
    )

    def manage(*args):
        subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, timeout=300
        )

    manage("collectstatic", "--noinput", "-v", "0")
    manage("migrate", "--noinput", "-v", "0")
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi:application"]
        + ["--bind", f"127.0.0.1:{port}", "--workers", "2", "--log-level", "warning"],
        cwd=ROOT,
        env=env,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and server.poll() is None:
            try:
                if _get(port, "/en/health/")[0] == 200:
                    break
            except OSError:
                time.sleep(0.2)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=30)


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
