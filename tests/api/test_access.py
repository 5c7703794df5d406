"""Who may create seats: anyone on an open sandbox (rate-limited, no CSRF token for a script
without a session), the trainer on a closed one."""

import pytest
from django.test import Client

from seats.models import Seat

from .helpers import seat_entered, signed_in_as


def _create(client, **extra):
    return client.post("/api/v1/seats/", {}, content_type="application/json", **extra)


def test_an_open_sandbox_asks_a_script_for_nothing(api):
    # No session, no CSRF token, no credentials: a script's first request.
    assert not api.cookies
    assert _create(api).status_code == 201


def test_creating_seats_is_rate_limited_per_address(api, settings):
    settings.SANDBOX_SEAT_RATE = "2/minute"
    assert _create(api).status_code == 201
    assert _create(api).status_code == 201
    refused = _create(api)
    assert refused.status_code == 429
    body = refused.json()
    assert body["code"] == "throttled"
    assert body["fields"] == {}
    assert 0 < int(refused["Retry-After"]) <= 60
    assert f"{refused['Retry-After']} second" in body["message"]
    assert Seat.objects.filter(is_default=False).count() == 2
    # Another address is counted apart.
    assert _create(api, REMOTE_ADDR="192.0.2.7").status_code == 201


def test_the_rate_limit_message_is_translated(api, settings):
    settings.SANDBOX_SEAT_RATE = "1/hour"
    _create(api)
    refused = _create(api, HTTP_ACCEPT_LANGUAGE="es")
    assert refused.status_code == 429
    assert refused.json()["message"].startswith("Demasiadas solicitudes")


def test_a_client_cannot_escape_the_rate_limit_by_naming_another_address(api, settings):
    settings.SANDBOX_SEAT_RATE = "1/minute"
    assert _create(api).status_code == 201
    assert _create(api, HTTP_X_FORWARDED_FOR="198.51.100.9").status_code == 429


def test_the_trainer_is_not_rate_limited(trainer_client, settings):
    settings.SANDBOX_SEAT_RATE = "1/minute"
    csrf = _csrf_token(trainer_client)
    for _ in range(3):
        assert _create(trainer_client, HTTP_X_CSRFTOKEN=csrf).status_code == 201


@pytest.mark.parametrize("language", ["en", "es", "pt-br"])
def test_a_closed_sandbox_refuses_everyone_but_the_trainer(api, settings, language):
    settings.SANDBOX_OPEN = False
    refused = _create(api, HTTP_ACCEPT_LANGUAGE=language)
    assert refused.status_code == 403
    assert refused.json()["code"] == "trainer_required"
    assert "WWW-Authenticate" not in refused  # no browser password prompt
    # A persona signed in on the pages is no trainer either.
    ana = signed_in_as(Client(), "ana")
    ana.handler.enforce_csrf_checks = True
    assert _create(ana, HTTP_X_CSRFTOKEN=_csrf_token(ana)).json()["code"] == "trainer_required"
    assert not Seat.objects.filter(is_default=False).exists()


def test_a_closed_sandbox_lets_the_trainer_create_seats(trainer_client, settings):
    settings.SANDBOX_OPEN = False
    response = _create(trainer_client, HTTP_X_CSRFTOKEN=_csrf_token(trainer_client))
    assert response.status_code == 201


def test_a_closed_sandbox_still_lets_a_script_manage_its_seats(api, created, settings):
    seat = created()
    settings.SANDBOX_OPEN = False
    token = {"HTTP_AUTHORIZATION": f"Seat {seat['token']}"}
    assert api.get(f"/api/v1/seats/{seat['id']}/", **token).status_code == 200
    assert api.get("/api/v1/outcomes/").status_code == 200


def _csrf_token(client) -> str:
    """The CSRF token a page gives this browser (its cookie's value, as a script reads it)."""
    client.get("/en/qa/")
    return client.cookies["csrftoken"].value


def test_a_signed_in_session_must_send_its_csrf_token(trainer_client):
    # A browser sends the session cookie on its own: a page of another site could post here
    # in the trainer's name. Without the token the session's request is refused.
    refused = _create(trainer_client)
    assert refused.status_code == 403
    assert refused.json()["code"] == "csrf_failed"
    assert not Seat.objects.filter(is_default=False).exists()
    assert _create(trainer_client, HTTP_X_CSRFTOKEN=_csrf_token(trainer_client)).status_code == 201


def test_a_script_in_a_seat_needs_no_csrf_token_with_the_seats_token(created):
    # The browser that opened the join URL and signed in as Ana holds a signed-in session; the
    # seat's token in a header is what counts, and a header is no CSRF risk.
    seat = created()
    browser = signed_in_as(seat_entered(seat), "ana")
    browser.handler.enforce_csrf_checks = True
    assert _create(browser).json()["code"] == "csrf_failed"  # the session is Ana's
    token = {"HTTP_AUTHORIZATION": f"Seat {seat['token']}"}
    response = browser.post(f"/api/v1/seats/{seat['id']}/reset/", **token)
    assert response.status_code == 200


def test_a_script_that_opened_the_join_url_addresses_its_seat_with_its_cookies(api, created):
    # The contract's flow: POST a seat, GET its join_url keeping cookies, then address it.
    seat, other = created(), created()
    api.get(seat["join_url"], follow=True)

    assert api.get(f"/api/v1/seats/{seat['id']}/").status_code == 200
    assert api.post(f"/api/v1/seats/{seat['id']}/reset/").status_code == 200
    assert api.get(f"/api/v1/seats/{other['id']}/").json()["code"] == "seat_not_found"
    assert api.delete(f"/api/v1/seats/{seat['id']}/").status_code == 204


def test_a_trainee_s_session_cannot_address_their_class_seat(sample_data):
    from classes.services import class_create

    classroom = class_create(name="API class", seat_count=1, language="en")
    trainee = Client()
    trainee.post(f"/en/join/{classroom.code}/", {"display_name": "Maria"})
    seat = classroom.seats.get()

    assert trainee.get(f"/api/v1/seats/{seat.pk}/").status_code == 404
