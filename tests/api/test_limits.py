"""The API's input limits (api/parsers.py): a body too large is a 413, one too deep or with
too many values a 400, always the API's JSON error, never a 500 and never the input echoed
back whole."""

import json

import pytest

from api.parsers import MAX_BODY_BYTES

from .helpers import seat_token_header


def _error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert set(body) == {"code", "message", "fields"}
    assert body["code"] == code
    return body


@pytest.fixture
def state_of(api, created):
    """state_of(body, content_type) -> the answer of POST /seats/<id>/state/ with that body."""
    seat = created()

    def post(body, content_type="application/json"):
        return api.post(
            f"/api/v1/seats/{seat['id']}/state/",
            body,
            content_type=content_type,
            **seat_token_header(seat),
        )

    return post


def test_json_nested_thousands_deep_is_a_400_not_a_500(api, state_of):
    for body in ("[" * 5000, "[" * 5000 + "]" * 5000, '{"state":' * 3000 + "1" + "}" * 3000):
        _error(state_of(body), 400, "too_deep")
        _error(api.post("/api/v1/seats/", body, content_type="application/json"), 400, "too_deep")


def test_json_a_little_too_deep_is_refused_too(state_of):
    body = json.dumps({"state": [[[[[[[[[[["x"]]]]]]]]]]]})
    _error(state_of(body), 400, "too_deep")


def test_thousands_of_form_fields_are_a_400_not_a_500(api, state_of):
    form = "&".join(f"field{number}=1" for number in range(2000))
    _error(state_of(form, "application/x-www-form-urlencoded"), 400, "too_many_fields")
    response = api.post("/api/v1/seats/", form, content_type="application/x-www-form-urlencoded")
    _error(response, 400, "too_many_fields")


def test_thousands_of_json_values_are_a_400(state_of):
    body = json.dumps({f"field{number}": 1 for number in range(2000)})
    _error(state_of(body), 400, "too_many_fields")
    _error(state_of(json.dumps({"state": list(range(2000))})), 400, "too_many_fields")


@pytest.mark.parametrize(
    "content_type", ["application/json", "application/x-www-form-urlencoded", "multipart/form-data"]
)
def test_a_body_over_the_limit_is_a_413_and_is_not_echoed(api, state_of, content_type):
    huge = "x" * (5 * 1024 * 1024)
    if content_type == "application/json":
        body = json.dumps({"language": huge})
    elif content_type == "multipart/form-data":
        body = (
            '--boundary\r\nContent-Disposition: form-data; name="language"\r\n\r\n'
            f"{huge}\r\n--boundary--\r\n"
        )
        content_type = "multipart/form-data; boundary=boundary"
    else:
        body = f"language={huge}"
    for response in (
        api.post("/api/v1/seats/", body, content_type=content_type),
        state_of(body, content_type),
    ):
        _error(response, 413, "body_too_large")
        assert len(response.content) < 1000


def test_a_body_just_under_the_limit_is_read_and_not_echoed_back_whole(api, state_of):
    """Under the limit the body is read: the errors name what is wrong without quoting it."""
    value = "x" * (MAX_BODY_BYTES - 100)
    for body in ({"language": value}, {value: "en"}, {"state": value}):
        response = state_of(json.dumps(body))
        _error(response, 400, "invalid")
        assert len(response.content) < 2000, response.content[:300]
        response = api.post("/api/v1/seats/", json.dumps(body), content_type="application/json")
        _error(response, 400, "invalid")
        assert len(response.content) < 2000, response.content[:300]


def test_many_unknown_fields_are_named_a_few_of_them(api):
    body = {f"unknown{number:03}": 1 for number in range(500)}
    response = api.post("/api/v1/seats/", json.dumps(body), content_type="application/json")
    fields = _error(response, 400, "invalid")["fields"]
    assert 0 < len(fields) <= 10


@pytest.mark.parametrize(
    "body",
    [
        "--b\r\n-5653724912949555.0--b--\r\n",  # a part with no header at all
        "--b\r\nContent-Type: text/plain\r\n\r\nes\r\n--b--\r\n",  # a part with no name
        '--b\r\nContent-Disposition: form-data; name="language"\r\n\r\nes\r\n',  # not closed
        "just some text",
    ],
)
def test_a_multipart_body_that_is_no_form_is_a_400_not_an_empty_form(api, body):
    """Django's parser skips what is no named field: a body of garbage would read as an empty
    form and create a seat with every default."""
    response = api.post("/api/v1/seats/", body, content_type="multipart/form-data; boundary=b")
    _error(response, 400, "bad_request")


def test_a_multipart_form_is_read(api):
    body = '--b\r\nContent-Disposition: form-data; name="language"\r\n\r\nes\r\n--b--\r\n'
    response = api.post("/api/v1/seats/", body, content_type="multipart/form-data; boundary=b")
    assert response.status_code == 201
    assert "/es/seats/" in response.json()["join_url"]


@pytest.mark.parametrize(
    "content_type", ["application/x-www-form-urlencoded", "multipart/form-data; boundary=b"]
)
def test_a_form_field_sent_empty_is_a_400_naming_it(api, content_type):
    """`language=` is no language (the schema's enum): refused, not taken for no field."""
    body = (
        "language="
        if content_type.startswith("application")
        else '--b\r\nContent-Disposition: form-data; name="language"\r\n\r\n\r\n--b--\r\n'
    )
    response = api.post("/api/v1/seats/", body, content_type=content_type)
    assert list(_error(response, 400, "invalid")["fields"]) == ["language"]
