"""Every error is JSON {"code", "message", "fields"}, translated, and never a 500."""

import json
import logging

import pytest
from hypothesis import HealthCheck, assume, given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

from sandbox.classroom import seat_create
from seats.models import Seat

from .helpers import seat_token_header


def _error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert set(body) == {"code", "message", "fields"}
    assert body["code"] == code
    assert body["message"]
    return body


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"language": "fr"}, "language"),
        ({"language": ""}, "language"),
        ({"language": None}, "language"),
        ({"language": ["es"]}, "language"),
        ({"langauge": "es"}, "langauge"),  # misspelt: named, not ignored
    ],
)
def test_bad_input_is_a_400_naming_the_field(api, body, field):
    response = api.post("/api/v1/seats/", body, content_type="application/json")
    error = _error(response, 400, "invalid")
    assert list(error["fields"]) == [field]
    assert error["fields"][field][0]
    assert not Seat.objects.filter(is_default=False).exists()


def test_a_body_that_is_no_object_is_a_400(api):
    response = api.post("/api/v1/seats/", "[1, 2]", content_type="application/json")
    assert _error(response, 400, "invalid")["fields"] == {
        "non_field_errors": ["Invalid data. Expected a dictionary, but got list."]
    }


def test_a_body_that_is_no_json_is_a_400(api):
    response = api.post("/api/v1/seats/", "{language: es", content_type="application/json")
    _error(response, 400, "parse_error")


def test_a_body_in_another_format_is_a_415(api):
    response = api.post("/api/v1/seats/", "language=es", content_type="text/plain")
    _error(response, 415, "unsupported_media_type")


def test_a_bad_language_in_the_query_is_a_400(api, created):
    seat = created()
    response = api.get(f"/api/v1/seats/{seat['id']}/?language=klingon", **seat_token_header(seat))
    assert list(_error(response, 400, "invalid")["fields"]) == ["language"]


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/seats/987654/",
        "/api/v1/seats/987654/reset/",
        "/api/v1/seats/0/",
    ],
)
def test_an_unknown_seat_is_a_json_404(api, path):
    method = api.post if path.endswith("reset/") else api.get
    _error(method(path), 404, "seat_not_found")


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/seats/abc/",
        "/api/v1/seats/-1/",
        "/api/v1/seats/" + "9" * 30 + "/",  # beyond every database's integer
        "/api/v1/seats",  # no final slash
        "/api/v1/nothing/",
        "/api/v2/seats/",
        "/api/",
    ],
)
def test_any_other_address_under_api_is_a_json_404(api, path):
    _error(api.get(path), 404, "not_found")
    _error(api.post(path, {}, content_type="application/json"), 404, "not_found")


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/api/v1/seats/"),
        ("put", "/api/v1/seats/"),
        ("delete", "/api/v1/seats/"),
        ("post", "/api/v1/outcomes/"),
        ("patch", "/api/v1/seats/1/"),
        ("get", "/api/v1/seats/1/reset/"),
    ],
)
def test_a_method_an_address_does_not_answer_is_a_json_405(api, method, path):
    body = _error(getattr(api, method)(path), 405, "method_not_allowed")
    assert method.upper() in body["message"]


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", "No seat with this id"),
        ("es", "Ningún puesto con este id"),
        ("pt-br", "Nenhum assento com este id"),
    ],
)
def test_messages_speak_the_requests_language(api, language, words):
    response = api.get("/api/v1/seats/987654/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.json()["message"].startswith(words)
    response = api.post(
        "/api/v1/seats/", {"language": "fr"}, content_type="application/json",
        HTTP_ACCEPT_LANGUAGE=language,
    )  # fmt: skip
    assert response.json()["code"] == "invalid"
    assert response["Content-Language"] == language


@pytest.mark.parametrize(
    "authorization",
    ["Seat", "Seat a b", "Seat ../../etc", "Seat " + "x" * 41, "Seat to\x00ken", "seat é"],
)
def test_a_malformed_seat_token_is_a_403(api, created, authorization):
    seat = created()
    response = api.get(
        f"/api/v1/seats/{seat['id']}/", HTTP_AUTHORIZATION=authorization.encode().decode("latin-1")
    )
    _error(response, 403, "seat_token_invalid")


def test_an_error_of_the_code_is_a_json_500_and_logged(api, monkeypatch, caplog):
    def broken():
        raise RuntimeError("the classroom service broke")

    monkeypatch.setattr("api.views.seat_create", broken)
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = api.post("/api/v1/seats/", {}, content_type="application/json")
    _error(response, 500, "server_error")
    assert "the classroom service broke" not in response.content.decode()
    (record,) = [r for r in caplog.records if r.exc_info]
    assert "the classroom service broke" in str(record.exc_info[1])


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=10), children, max_size=3)
    ),
    max_leaves=8,
)


@hyp_settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(body=json_values, query=st.text(max_size=30))
def test_no_input_is_a_server_error(api, settings, body, query):
    assume(body != {})  # the one body that creates a seat
    settings.SANDBOX_SEAT_RATE = "1000/minute"  # every POST counts, even a refused one
    seat = Seat.objects.filter(is_default=False).first() or seat_create()
    response = api.post("/api/v1/seats/", json.dumps(body), content_type="application/json")
    assert response.status_code == 400, response.content
    assert response.json()["code"] in ("invalid", "parse_error")
    token = {"HTTP_AUTHORIZATION": f"Seat {seat.token}"}
    response = api.get(f"/api/v1/seats/{seat.pk}/", {"language": query}, **token)
    assert response.status_code in (200, 400), response.content
