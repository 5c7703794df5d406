"""Every error is JSON {"code", "message", "fields"}, translated, and never a 500."""

import json
import logging

import pytest
from django.test import Client
from hypothesis import HealthCheck, assume, given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

from sandbox.worlds import seat_create
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
def test_an_unknown_seat_is_a_json_404(api, created, path):
    method = api.post if path.endswith("reset/") else api.get
    _error(method(path, **seat_token_header(created())), 404, "seat_not_found")


@pytest.mark.parametrize("seat_id", ["existing", "987654", "0", "9" * 18])
@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", ""),
        ("delete", ""),
        ("post", "reset/"),
        ("post", "state/"),
        ("get", "mailbox/"),
        ("get", "activity/"),
        ("get", "personas/ana/outcome/"),
    ],
)
def test_a_seat_asked_with_no_credential_at_all_is_a_401_whoever_it_is(
    api, created, seat_id, method, path
):
    """No credential, no answer about the seat: a 401 for every id, existing or not."""
    seat_id = created()["id"] if seat_id == "existing" else seat_id
    response = getattr(api, method)(f"/api/v1/seats/{seat_id}/{path}")
    _error(response, 401, "credentials_required")
    assert response["WWW-Authenticate"] == 'Seat realm="api"'


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


def test_a_browser_in_a_seat_and_the_trainers_session_are_credentials(
    api, created, trainer_client, persona
):
    """Being in a seat (its join URL's cookies), a signed-in session and the trainer's are
    credentials: a seat they do not reach is a 404, as with another seat's token, never the
    401 of a request with none."""
    from .helpers import seat_entered

    seat, other = created(), created()
    browser = seat_entered(seat)
    assert browser.get(f"/api/v1/seats/{seat['id']}/").status_code == 200
    ana = Client()
    ana.force_login(persona("ana"))
    for client in (browser, ana, trainer_client):
        for seat_id in ("987654", other["id"] if client is not trainer_client else "0"):
            _error(client.get(f"/api/v1/seats/{seat_id}/"), 404, "seat_not_found")


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", "No seat with this id"),
        ("es", "Ningún puesto con este id"),
        ("pt-br", "Nenhum assento com este id"),
    ],
)
def test_messages_speak_the_requests_language(api, created, language, words):
    token = seat_token_header(created())
    response = api.get("/api/v1/seats/987654/", HTTP_ACCEPT_LANGUAGE=language, **token)
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


@pytest.mark.parametrize(
    "path", ["/api/v1/outcomes/", "/api/v1/seats/1/", "/api/v1/docs/", "/api/v1/nothing/"]
)
def test_an_exception_outside_the_api_views_is_a_json_500_too(db, monkeypatch, caplog, path):
    """A middleware's exception never reaches an API view: under /api/ the site's handler500
    answers the API's JSON error all the same, and the traceback is logged as always."""

    def broken(session):
        raise RuntimeError("the seat middleware broke")

    monkeypatch.setattr("seats.middleware.joined_seat", broken)
    client = Client(raise_request_exception=False)
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = client.get(path)
    _error(response, 500, "server_error")
    assert "the seat middleware broke" not in response.content.decode()
    (record,) = [r for r in caplog.records if r.exc_info]
    assert "the seat middleware broke" in str(record.exc_info[1])
    # The pages keep their HTML 500 page.
    page = client.get("/en/")
    assert page.status_code == 500
    assert page["Content-Type"].startswith("text/html")


def test_a_host_django_refuses_is_a_json_400_under_api(db):
    """Django refuses the Host header before any view: under /api/ the answer is JSON too."""
    client = Client(raise_request_exception=False)
    _error(client.get("/api/v1/outcomes/", HTTP_HOST="evil.example"), 400, "bad_request")
    page = client.get("/en/", HTTP_HOST="evil.example")
    assert page.status_code == 400
    assert page["Content-Type"].startswith("text/html")


@pytest.mark.parametrize(
    ("method", "path", "field"),
    [
        ("get", "", "language"),
        ("post", "reset/", "language"),
        ("post", "state/", "language"),
        ("get", "mailbox/", "to"),
    ],
)
def test_an_empty_query_parameter_is_a_400_naming_it(api, created, method, path, field):
    """The schema says a parameter sent is not empty (minLength 1): `?language=` is refused,
    not taken for a parameter left out."""
    seat = created()
    body = {"state": "fernanda-brazil"} if path == "state/" else {}
    response = getattr(api, method)(
        f"/api/v1/seats/{seat['id']}/{path}?{field}=",
        json.dumps(body) if method == "post" else None,
        content_type="application/json",
        **seat_token_header(seat),
    )
    assert list(_error(response, 400, "invalid")["fields"]) == [field]


def test_a_state_the_schema_allows_is_accepted_and_the_schema_lists_them(api, created, client):
    """The schema lists the starting states' names (sandbox/states.py): each one it lists is
    accepted, and a name it does not list is the 400 it documents."""
    from sandbox.states import STATES

    schema = client.get("/api/v1/openapi.json").json()
    components = schema["components"]["schemas"]
    body = components["StateApplyRequest"]
    (reference,) = body["properties"]["state"]["allOf"]
    names = components[reference["$ref"].rsplit("/", 1)[1]]["enum"]
    assert names == [state.name for state in STATES]
    assert body["additionalProperties"] is False
    seat = created()
    for name in names:
        response = api.post(
            f"/api/v1/seats/{seat['id']}/state/",
            {"state": name},
            content_type="application/json",
            **seat_token_header(seat),
        )
        assert response.status_code == 200, response.content
    response = api.post(
        f"/api/v1/seats/{seat['id']}/state/",
        {"state": "no-such-state"},
        content_type="application/json",
        **seat_token_header(seat),
    )
    assert list(_error(response, 400, "invalid")["fields"]) == ["state"]


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
