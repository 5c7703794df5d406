"""Trainer-issued tokens: created and revoked on the trainer's API tokens page, sent by a
script as `Authorization: Token <key>` (or Bearer) to act as the trainer."""

import re

import pytest
from django.test import Client

from api.models import TrainerToken
from api.tokens import key_hash, trainer_token_create, trainer_token_revoke
from classes.services import class_create
from seats.models import Seat

from .helpers import signed_in_as

PAGE = "/en/api-tokens/"


def _create(client, **extra):
    return client.post("/api/v1/seats/", {}, content_type="application/json", **extra)


def _token_header(key, scheme="Token"):
    return {"HTTP_AUTHORIZATION": f"{scheme} {key}"}


def _csrf(client) -> str:
    client.get(PAGE)
    return client.cookies["csrftoken"].value


# -- the page -------------------------------------------------------------------------------


def test_the_page_signed_out_leads_to_the_sign_in_and_back(client, sample_data):
    response = client.get(PAGE)
    assert response.status_code == 302
    assert response["Location"].startswith("/en/django-admin/login/?next=/en/api-tokens/")


def test_the_page_refuses_a_persona(sample_data):
    ana = signed_in_as(Client(), "ana")
    assert ana.get(PAGE).status_code == 404
    assert ana.post(PAGE, {"name": "mine"}).status_code == 404
    assert not TrainerToken.objects.exists()


def test_the_trainers_navigation_leads_to_the_page(trainer_client):
    home = trainer_client.get("/en/").content.decode()
    assert 'href="/en/api-tokens/" data-testid="nav-api-tokens"' in home
    assert 'data-testid="nav-api-tokens"' not in Client().get("/en/").content.decode()


def test_creating_a_token_shows_its_key_once_and_keeps_only_its_hash(trainer_client):
    response = trainer_client.post(
        PAGE, {"name": "nightly QA run"}, HTTP_X_CSRFTOKEN=_csrf(trainer_client)
    )
    assert response.status_code == 302 and response["Location"] == PAGE
    page = trainer_client.get(PAGE).content.decode()
    key = re.search(r'value="([^"]+)" data-testid="api-token-key"', page)[1]
    token = TrainerToken.objects.get()
    assert token.name == "nightly QA run"
    assert token.key_hash == key_hash(key) and key not in token.key_hash
    assert key.startswith(token.key_prefix)
    assert 'data-testid="api-token-row"' in page
    # Shown once: the next visit has no key.
    again = trainer_client.get(PAGE).content.decode()
    assert key not in again and 'data-testid="api-token-key"' not in again
    # The key works.
    assert Client().get("/api/v1/personas/", **_token_header(key)).status_code == 200


@pytest.mark.parametrize("name", ["", " ", "x" * 81, "<b>bold</b>"])
def test_a_bad_name_is_refused_on_the_page(trainer_client, name):
    response = trainer_client.post(PAGE, {"name": name}, HTTP_X_CSRFTOKEN=_csrf(trainer_client))
    assert response.status_code == 200
    assert response.context["form"].errors["name"]
    assert not TrainerToken.objects.exists()


def test_revoking_a_token_on_the_page(trainer_client):
    token, key = trainer_token_create(name="old script")
    csrf = _csrf(trainer_client)
    response = trainer_client.post(f"/en/api-tokens/{token.pk}/revoke/", HTTP_X_CSRFTOKEN=csrf)
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.is_revoked
    page = trainer_client.get(PAGE).content.decode()
    assert 'data-revoked="true"' in page and 'data-testid="api-token-revoked"' in page
    refused = Client().get("/api/v1/personas/", **_token_header(key))
    assert refused.json()["code"] == "trainer_token_revoked"
    # Only by POST; an unknown token is a 404.
    assert trainer_client.get(f"/en/api-tokens/{token.pk}/revoke/").status_code == 405
    assert (
        trainer_client.post("/en/api-tokens/987654/revoke/", HTTP_X_CSRFTOKEN=csrf).status_code
        == 404
    )


@pytest.mark.parametrize(
    ("language", "heading", "button"),
    [
        ("es", "Tokens de la API", "Crear el token"),
        ("pt-br", "Tokens da API", "Criar o token"),
    ],
)
def test_the_page_is_translated(trainer_client, language, heading, button):
    trainer_token_create(name="a script")
    page = trainer_client.get(f"/{language}/api-tokens/").content.decode()
    assert f"<h1>{heading}</h1>" in page
    assert button in page


# -- the API --------------------------------------------------------------------------------


@pytest.mark.parametrize("scheme", ["Token", "Bearer", "token", "BEARER"])
def test_a_closed_sandbox_lets_a_token_create_seats(api, settings, scheme):
    settings.SANDBOX_OPEN = False
    token, key = trainer_token_create(name="CI")
    response = _create(api, **_token_header(key, scheme))
    assert response.status_code == 201, response.content
    token.refresh_from_db()
    assert token.last_used_at is not None


@pytest.mark.parametrize("language", ["en", "es", "pt-br"])
def test_a_closed_sandbox_without_a_token_is_refused(api, settings, language):
    settings.SANDBOX_OPEN = False
    refused = _create(api, HTTP_ACCEPT_LANGUAGE=language)
    assert refused.status_code == 403
    body = refused.json()
    assert body["code"] == "trainer_required"
    assert "Token <key>" in body["message"]
    assert refused["Content-Language"] == language
    assert not Seat.objects.filter(is_default=False).exists()


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", "This token was revoked"),
        ("es", "El formador revocó este token"),
        ("pt-br", "Este token foi revogado"),
    ],
)
def test_a_revoked_token_is_a_401_in_the_requests_language(api, settings, language, words):
    settings.SANDBOX_OPEN = False
    token, key = trainer_token_create(name="CI")
    trainer_token_revoke(token=token)
    refused = _create(api, **_token_header(key), HTTP_ACCEPT_LANGUAGE=language)
    assert refused.status_code == 401
    assert refused["WWW-Authenticate"] == 'Token realm="api"'
    body = refused.json()
    assert body["code"] == "trainer_token_revoked"
    assert body["message"].startswith(words)
    assert not Seat.objects.filter(is_default=False).exists()


@pytest.mark.parametrize(
    "authorization",
    [
        "Token",
        "Token a b",
        "Token bst_unknown",
        "Bearer ../../etc",
        "Token " + "x" * 101,
        "Token to\x00ken",
        "token é",
    ],
)
def test_a_key_no_token_has_is_a_401(api, settings, authorization):
    settings.SANDBOX_OPEN = False
    trainer_token_create(name="CI")
    refused = _create(api, HTTP_AUTHORIZATION=authorization.encode().decode("latin-1"))
    assert refused.status_code == 401, refused.content
    assert refused.json()["code"] == "trainer_token_invalid"
    # On any endpoint, even an open one: a script that sends a token means to be the trainer.
    assert api.get("/api/v1/outcomes/", HTTP_AUTHORIZATION=authorization).status_code == 401


def test_a_token_acts_as_the_trainer_on_every_seat(api, created):
    _token, key = trainer_token_create(name="CI")
    scripts_seat = created()
    classroom = class_create(name="Monday", seat_count=1, language="en")
    class_seat = classroom.seats.get()
    for seat_id in (scripts_seat["id"], class_seat.pk):
        assert api.get(f"/api/v1/seats/{seat_id}/", **_token_header(key)).status_code == 200
        mailbox = api.get(f"/api/v1/seats/{seat_id}/mailbox/", **_token_header(key))
        assert mailbox.status_code == 200
    assert api.delete(f"/api/v1/seats/{class_seat.pk}/", **_token_header(key)).status_code == 204
    # The default seat stays out of reach, as for the trainer's session.
    default = Seat.objects.default()
    assert api.get(f"/api/v1/seats/{default.pk}/", **_token_header(key)).status_code == 404


def test_a_token_is_not_rate_limited(api, settings):
    settings.SANDBOX_SEAT_RATE = "1/minute"
    _token, key = trainer_token_create(name="CI")
    for _ in range(3):
        assert _create(api, **_token_header(key)).status_code == 201


def test_a_token_needs_no_csrf_token_even_with_a_persona_session(sample_data, settings):
    settings.SANDBOX_OPEN = False
    _token, key = trainer_token_create(name="CI")
    ana = signed_in_as(Client(), "ana")
    ana.handler.enforce_csrf_checks = True
    assert _create(ana, **_token_header(key)).status_code == 201


def test_a_revoked_token_stays_revoked_at_its_first_date(db):
    token, _key = trainer_token_create(name="CI")
    first = trainer_token_revoke(token=token).revoked_at
    assert trainer_token_revoke(token=token).revoked_at == first


def test_a_token_reads_the_answer_key_and_switches_a_seats_faults(api, created):
    """The faults' endpoints ask the same access decision (`acts_as_trainer`): a token is
    accepted there as the trainer's session is, and a revoked one is refused."""
    from faults.models import SeatFault

    token, key = trainer_token_create(name="CI")
    seat = created()
    assert api.get("/api/v1/faults/").status_code == 404  # no token: as an unknown address
    answer_key = api.get("/api/v1/faults/", **_token_header(key))
    assert answer_key.status_code == 200 and answer_key.json()
    switched = api.put(
        f"/api/v1/seats/{seat['id']}/faults/",
        {"faults": ["F7-server-error"]},
        content_type="application/json",
        **_token_header(key),
    )
    assert switched.status_code == 200, switched.content
    assert SeatFault.objects.filter(seat_id=seat["id"]).count() == 1
    trainer_token_revoke(token=token)
    refused = api.get("/api/v1/faults/", **_token_header(key))
    assert (refused.status_code, refused.json()["code"]) == (401, "trainer_token_revoked")
