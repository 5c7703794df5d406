"""GET /api/v1/states/ and POST /api/v1/seats/<id>/state/ (sandbox/states.py)."""

from django.test import Client

from accounts.models import Subscription, User
from classes.services import class_create
from sandbox.states import STATES
from seats.models import Seat
from seats.scope import seat_scope

from .helpers import seat_of, seat_token_header


def _apply(client, seat_id, body, **headers):
    return client.post(
        f"/api/v1/seats/{seat_id}/state/", body, content_type="application/json", **headers
    )


def test_the_states_are_listed_with_their_outcomes(api):
    response = api.get("/api/v1/states/")
    assert response.status_code == 200
    listed = response.json()
    assert [item["name"] for item in listed] == [state.name for state in STATES]
    first = listed[0]
    assert set(first) == {"name", "title", "description", "outcomes"}
    assert first["outcomes"] == ["BC-1", "AC-1"]
    assert first["title"] == "Ana: a subscription pending cancellation"


def test_the_titles_follow_the_request_s_language(api):
    listed = api.get("/api/v1/states/", HTTP_ACCEPT_LANGUAGE="es").json()
    assert listed[0]["title"] == "Ana: una suscripción con la cancelación pendiente"


def test_a_script_sets_its_seat_to_a_state(api, created):
    seat = created()
    assert seat["state"] == ""
    response = _apply(
        api, seat["id"], {"state": "acme-no-billing-admin"}, **seat_token_header(seat)
    )
    assert response.status_code == 200, response.content
    assert response.json()["state"] == "acme-no-billing-admin"
    assert api.get(f"/api/v1/seats/{seat['id']}/", **seat_token_header(seat)).json()["state"] == (
        "acme-no-billing-admin"
    )
    with seat_scope(seat_of(seat)):
        assert not User.objects.filter(is_billing_admin=True, account__name="Acme Support").exists()
    # The default seat is untouched.
    assert User.objects.filter(is_billing_admin=True, account__name="Acme Support").exists()


def test_an_unknown_state_is_a_400_naming_the_field(api, created):
    seat = created()
    response = _apply(api, seat["id"], {"state": "no-such-state"}, **seat_token_header(seat))
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"state"}
    response = _apply(api, seat["id"], {}, **seat_token_header(seat))
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"state"}
    assert seat_of(seat).state == ""


def test_an_unknown_seat_is_a_404(api, created):
    seat = created()
    response = _apply(api, 999999, {"state": "fernanda-brazil"}, **seat_token_header(seat))
    assert response.status_code == 404
    assert response.json()["code"] == "seat_not_found"


def test_the_default_seat_and_another_script_s_seat_are_404(api, created):
    mine, theirs = created(), created()
    default = Seat.objects.default()
    for seat_id in (default.pk, theirs["id"]):
        response = _apply(api, seat_id, {"state": "fernanda-brazil"}, **seat_token_header(mine))
        assert response.status_code == 404
    assert seat_of(theirs).state == ""


def test_a_bad_token_is_a_403(api, created):
    seat = created()
    response = _apply(api, seat["id"], {"state": "fernanda-brazil"}, HTTP_AUTHORIZATION="Seat a b")
    assert response.status_code == 403
    assert response.json()["code"] == "seat_token_invalid"


def test_the_trainer_sets_a_class_seat(trainer_client, sample_data):
    classroom = class_create(name="Monday", seat_count=1, language="en")
    seat = classroom.seats.get()
    response = trainer_client.post(
        f"/api/v1/seats/{seat.pk}/state/",
        {"state": "ana-pending-cancellation"},
        content_type="application/json",
        HTTP_X_CSRFTOKEN=_csrf(trainer_client),
    )
    assert response.status_code == 200, response.content
    with seat_scope(seat):
        assert (
            Subscription.objects.filter(status=Subscription.Status.PENDING_CANCELLATION).count()
            == 1
        )
    # A script without the trainer's session does not see a class's seat: with no credential
    # it is asked for one, with a seat's token (its own seat's) the class's seat is not found.
    assert _apply(Client(), seat.pk, {"state": "fernanda-brazil"}).status_code == 401
    own = Client().post("/api/v1/seats/", {}, content_type="application/json").json()
    token = {"HTTP_AUTHORIZATION": f"Seat {own['token']}"}
    assert _apply(Client(), seat.pk, {"state": "fernanda-brazil"}, **token).status_code == 404


def _csrf(client) -> str:
    client.get("/en/qa/")
    return client.cookies["csrftoken"].value
