"""The faults' endpoints: the answer key and a seat's faults, for the trainer only."""

import pytest
from django.test import Client

from faults.catalog import FAULTS
from faults.models import SeatFault
from seats.models import Seat

from .helpers import seat_of, seat_token_header

pytestmark = pytest.mark.django_db


def _csrf(client) -> dict:
    client.get("/en/qa/")
    return {"HTTP_X_CSRFTOKEN": client.cookies["csrftoken"].value}


def _put(client, seat_id, body, **headers):
    return client.put(
        f"/api/v1/seats/{seat_id}/faults/", body, content_type="application/json", **headers
    )


def test_the_answer_key_is_every_fault_with_what_is_wrong_and_right(trainer_client):
    response = trainer_client.get("/api/v1/faults/")
    assert response.status_code == 200
    faults = response.json()
    assert [fault["id"] for fault in faults] == [fault.id for fault in FAULTS]
    first = faults[0]
    assert first["page"] == "admin_center:add-licenses"
    assert first["outcome"] == "AC-2"
    assert "Carla" in first["wrong"] and "Ana Ortega" in first["right"]
    assert all(fault["wrong"] and fault["right"] and fault["title"] for fault in faults)


def test_the_answer_key_speaks_the_requests_language(trainer_client):
    response = trainer_client.get("/api/v1/faults/", HTTP_ACCEPT_LANGUAGE="es")
    assert response.json()[3]["right"] == "El inicio de sesión responde en el acto."


def _answer(response) -> tuple:
    """What a client learns from an answer: status, body, and which headers it has."""
    return response.status_code, response.json(), sorted(response.headers)


def test_to_anyone_but_the_trainer_the_faults_endpoints_are_an_unknown_address(
    api, created, persona
):
    """A trainee never learns that faults exist: the trainer's endpoints answer everyone else
    exactly as an address of the API that has no endpoint, whatever the method."""
    seat = created()
    ana = Client()
    ana.force_login(persona("ana"))
    for client, headers in ((api, {}), (api, seat_token_header(seat)), (ana, {})):
        for method in ("get", "put", "post", "delete"):
            for path in ("/api/v1/faults/", f"/api/v1/seats/{seat['id']}/faults/"):
                response = getattr(client, method)(path, **headers)
                unknown = getattr(client, method)("/api/v1/no-such-endpoint/", **headers)
                assert _answer(response) == _answer(unknown), (method, path)
                assert response.status_code == 404
                assert response.json()["code"] == "not_found"


def test_the_trainer_sets_and_reads_a_seats_faults(trainer_client, created):
    seat, other = created(), created()
    csrf = _csrf(trainer_client)
    response = _put(
        trainer_client,
        seat["id"],
        {"faults": ["F7-server-error", "F1-wrong-billing-admin", "F7-server-error"]},
        **csrf,
    )
    assert response.status_code == 200
    assert response.json() == {
        "seat": seat["id"],
        "faults": ["F1-wrong-billing-admin", "F7-server-error"],
    }
    read = trainer_client.get(f"/api/v1/seats/{seat['id']}/faults/").json()
    assert read["faults"] == ["F1-wrong-billing-admin", "F7-server-error"]
    assert trainer_client.get(f"/api/v1/seats/{other['id']}/faults/").json()["faults"] == []

    assert _put(trainer_client, seat["id"], {"faults": []}, **csrf).json()["faults"] == []
    assert not SeatFault.objects.filter(seat=seat_of(seat)).exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"faults": ["F1-wrong-billing-admin", "F9-no-such-fault"]}, "faults"),
        ({"faults": "F1-wrong-billing-admin"}, "faults"),
        ({}, "faults"),
        ({"faults": [], "fault": []}, "fault"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(trainer_client, created, body, field):
    seat = created()
    response = _put(trainer_client, seat["id"], body, **_csrf(trainer_client))
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert list(response.json()["fields"]) == [field]
    assert not SeatFault.objects.exists()


def test_an_unknown_fault_is_named_in_the_error(trainer_client, created):
    seat = created()
    body = {"faults": ["F9-no-such-fault"]}
    response = _put(trainer_client, seat["id"], body, **_csrf(trainer_client))
    assert "F9-no-such-fault" in response.json()["fields"]["faults"][0]


def test_an_unknown_seat_and_the_default_seat_are_404(trainer_client):
    default = Seat.objects.default()
    csrf = _csrf(trainer_client)
    for seat_id in (987654, default.pk):
        assert trainer_client.get(f"/api/v1/seats/{seat_id}/faults/").status_code == 404
        response = _put(trainer_client, seat_id, {"faults": ["F7-server-error"]}, **csrf)
        assert response.status_code == 404
        assert response.json()["code"] == "seat_not_found"
    assert not SeatFault.objects.exists()


def test_a_seats_own_token_neither_reads_nor_sets_its_faults(api, created):
    seat = created()
    token = seat_token_header(seat)
    for response in (
        api.get(f"/api/v1/seats/{seat['id']}/faults/", **token),
        _put(api, seat["id"], {"faults": ["F7-server-error"]}, **token),
        _put(api, seat["id"], {"faults": ["F7-server-error"]}),
    ):
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"
    assert not SeatFault.objects.exists()


def test_the_trainers_session_must_send_its_csrf_token(trainer_client, created):
    seat = created()
    response = _put(trainer_client, seat["id"], {"faults": ["F7-server-error"]})
    assert response.status_code == 403
    assert response.json()["code"] == "csrf_failed"


def test_faults_set_through_the_api_spoil_the_seats_pages(trainer_client, created):
    seat = created()
    _put(trainer_client, seat["id"], {"faults": ["F7-server-error"]}, **_csrf(trainer_client))
    browser = Client(raise_request_exception=False)
    browser.get(seat["join_url"], follow=True)
    browser.post(
        "/en/billing/sign-in/",
        {"username": "ana.billing@acme.example", "password": "sandbox-2026"},
    )
    assert browser.get("/en/billing/billing-history/").status_code == 500
