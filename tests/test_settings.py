import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

ROOT = Path(__file__).resolve().parent.parent


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SECRET_KEY"}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.production"
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


@pytest.mark.urls("tests.urls_server_error")
def test_server_error_page_is_plain_and_translated(db):
    client = Client(raise_request_exception=False)
    response = client.get("/es/boom/")
    assert response.status_code == 500
    content = response.content.decode()
    assert "Algo salió mal" in content
    assert "Traceback" not in content and "RuntimeError" not in content
