"""The error pages speak the page's language: `<html lang>` is that language and the way
home is that language's home (/es/, not /), for 400, 403, 404, 500 and the CSRF failure."""

import re

import pytest
from django.test import Client

from sandbox.sample_data import PERSONAS_BY_KEY

LANGUAGES = [
    pytest.param("en", "Back to the sandbox home page", id="en"),
    pytest.param("es", "Volver a la página de inicio del sandbox", id="es"),
    pytest.param("pt-br", "Voltar à página inicial do sandbox", id="pt-br"),
]


def assert_in_language(response, status: int, language: str, back_home: str) -> None:
    assert response.status_code == status
    content = response.content.decode()
    assert f'<html lang="{language}">' in content
    link = re.search(rf'<a [^>]*href="([^"]*)"[^>]*>\s*{re.escape(back_home)}\s*</a>', content)
    assert link, f"no link home in the {status} page"
    assert link.group(1) == f"/{language}/"


@pytest.mark.urls("tests.urls_server_error")
@pytest.mark.parametrize(("language", "back_home"), LANGUAGES)
def test_server_error_page(db, language, back_home):
    response = Client(raise_request_exception=False).get(f"/{language}/boom/")
    assert_in_language(response, 500, language, back_home)


@pytest.mark.urls("tests.urls_server_error")
@pytest.mark.parametrize(("language", "back_home"), LANGUAGES)
def test_bad_request_page(db, language, back_home):
    response = Client().get(f"/{language}/bad-request/")
    assert_in_language(response, 400, language, back_home)


@pytest.mark.parametrize(("language", "back_home"), LANGUAGES)
def test_not_found_page(client, db, language, back_home):
    response = client.get(f"/{language}/no-such-page/")
    assert_in_language(response, 404, language, back_home)


@pytest.mark.parametrize(("language", "back_home"), LANGUAGES)
def test_not_allowed_page(client, db, language, back_home):
    """The default seat's clock never moves: its Clock page refuses with 403 (a trainer's
    page answers anyone else as an unknown page, 404)."""
    response = client.get(f"/{language}/clock/")
    assert_in_language(response, 403, language, back_home)


@pytest.mark.parametrize(("language", "back_home"), LANGUAGES)
def test_csrf_failure_page(sample_data, language, back_home):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        f"/{language}/billing/",
        {"username": PERSONAS_BY_KEY["ana"].email, "password": "sandbox-2026"},
    )
    assert_in_language(response, 403, language, back_home)
