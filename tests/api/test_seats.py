"""The seat endpoints: create, read, reset, delete; a join URL puts a client in its seat."""

import datetime
import re

import pytest
from django.test import Client

from accounts.models import Activity, Subscription
from classes.services import class_create
from seats.models import Seat
from seats.scope import seat_scope

from .helpers import seat_entered, seat_of, seat_token_header, signed_in_as


def test_create_answers_the_seat(api, created):
    response = api.post("/api/v1/seats/", {}, content_type="application/json")
    assert response.status_code == 201
    seat = response.json()
    assert set(seat) == {"id", "join_url", "token", "today", "state", "created_at", "class"}
    made = Seat.objects.get(pk=seat["id"])
    assert not made.is_default and made.classroom is None
    assert seat["join_url"] == f"http://testserver/en/seats/{made.token}/enter/"
    assert seat["token"] == made.token
    assert seat["today"] == "2026-11-21"  # the sandbox's today (test settings)
    assert datetime.datetime.fromisoformat(seat["created_at"]) == made.created_at
    assert seat["class"] is None
    assert response["Location"] == f"http://testserver/api/v1/seats/{made.pk}/"
    with seat_scope(made):
        assert Subscription.objects.filter(account__name="Acme Support").exists()


def test_create_accepts_a_form_too(api):
    response = api.post("/api/v1/seats/", {"language": "es"})
    assert response.status_code == 201
    assert "/es/seats/" in response.json()["join_url"]


@pytest.mark.parametrize(
    ("language", "prefix"),
    [("en", "/en/"), ("es", "/es/"), ("pt-br", "/pt-br/"), ("pt_BR", "/pt-br/"), ("ES", "/es/")],
)
def test_the_join_url_opens_the_pages_in_the_language_asked(created, language, prefix):
    seat = created(language=language)
    assert seat["join_url"].startswith(f"http://testserver{prefix}seats/")


def _seat_badge(content: str) -> str:
    found = re.search(r'data-testid="seat-badge"[^>]*>([^<]*)<', content)
    return found.group(1) if found else ""


def _subscription_ids_shown(content: str) -> set[int]:
    return {int(pk) for pk in re.findall(r"/subscriptions/(\d+)/add-licenses/", content)}


def test_a_client_that_opens_the_join_url_is_in_the_seat(created):
    seat = created()
    browser = Client()
    response = browser.get(seat["join_url"], follow=True)
    assert response.redirect_chain[-1][0] == "/en/"
    assert _seat_badge(response.content.decode()) == f"Seat {seat['id']}"

    # Ana there is the seat's Ana: her Subscriptions are the seat's rows, not the default's.
    signed_in_as(browser, "ana")
    content = browser.get("/en/billing/subscriptions/").content.decode()
    assert _seat_badge(content) == f"Seat {seat['id']}"
    with seat_scope(seat_of(seat)):
        seats_own = set(
            Subscription.objects.filter(account__name="Acme Support").values_list("pk", flat=True)
        )
    defaults = set(
        Subscription.objects.filter(account__name="Acme Support").values_list("pk", flat=True)
    )
    assert seats_own and defaults and not seats_own & defaults
    assert _subscription_ids_shown(content) == seats_own


def test_read_a_seat_with_its_token(api, created):
    seat = created()
    response = api.get(f"/api/v1/seats/{seat['id']}/", **seat_token_header(seat))
    assert response.status_code == 200
    assert response.json() == seat

    spanish = api.get(f"/api/v1/seats/{seat['id']}/?language=es", **seat_token_header(seat))
    assert spanish.json()["join_url"] == seat["join_url"].replace("/en/", "/es/")


def test_a_seat_with_a_clock_of_its_own_says_its_today(api, created):
    seat = created()
    Seat.objects.filter(pk=seat["id"]).update(today=datetime.date(2027, 3, 1))
    response = api.get(f"/api/v1/seats/{seat['id']}/", **seat_token_header(seat))
    assert response.json()["today"] == "2027-03-01"


def test_reset_restores_the_seat_and_no_other(api, created):
    seat, other = created(), created()
    for each in (seat, other):
        with seat_scope(seat_of(each)):
            Subscription.objects.filter(account__name="Acme Support").update(licenses=99)
    response = api.post(f"/api/v1/seats/{seat['id']}/reset/", **seat_token_header(seat))
    assert response.status_code == 200
    assert response.json()["id"] == seat["id"]
    with seat_scope(seat_of(seat)):
        assert 99 not in Subscription.objects.values_list("licenses", flat=True)
        assert Activity.objects.filter(action="seat_reset").count() == 1
    with seat_scope(seat_of(other)):
        assert set(
            Subscription.objects.filter(account__name="Acme Support").values_list(
                "licenses", flat=True
            )
        ) == {99}
    assert Subscription.objects.filter(licenses=99, seat__is_default=True).count() == 0


def test_delete_removes_the_seat_its_world_and_its_browsers(api, created):
    seat, other = created(), created()
    browser = seat_entered(seat)
    response = api.delete(f"/api/v1/seats/{seat['id']}/", **seat_token_header(seat))
    assert response.status_code == 204
    assert response.content == b""
    assert not Seat.objects.filter(pk=seat["id"]).exists()
    assert not Subscription._base_manager.filter(seat_id=seat["id"]).exists()
    assert Subscription._base_manager.filter(seat_id=other["id"]).exists()
    # Its browser is back in the default seat; deleting again finds nothing.
    assert _seat_badge(browser.get("/en/").content.decode()) == ""
    again = api.delete(f"/api/v1/seats/{seat['id']}/", **seat_token_header(seat))
    assert again.status_code == 404
    assert again.json()["code"] == "seat_not_found"


def test_another_seats_token_finds_nothing(api, created):
    seat, other = created(), created()
    for method in ("get", "delete"):
        response = getattr(api, method)(f"/api/v1/seats/{seat['id']}/", **seat_token_header(other))
        assert response.status_code == 404
        assert response.json()["code"] == "seat_not_found"
    response = api.post(f"/api/v1/seats/{seat['id']}/reset/", **seat_token_header(other))
    assert response.status_code == 404
    assert Seat.objects.filter(pk=seat["id"]).exists()


def test_without_a_token_a_seat_is_not_found(api, created):
    seat = created()
    response = api.get(f"/api/v1/seats/{seat['id']}/")
    assert response.status_code == 401  # no credential at all: asked for one
    assert response.json()["code"] == "credentials_required"
    # Nor from a browser in another seat.
    browser = seat_entered(created())
    assert browser.get(f"/api/v1/seats/{seat['id']}/").status_code == 404


def test_the_trainer_addresses_every_seat_but_the_default(trainer_client, created):
    seat = created()
    classroom = class_create(name="Monday", seat_count=1, language="en")
    class_seat = classroom.seats.get()
    response = trainer_client.get(f"/api/v1/seats/{seat['id']}/")
    assert response.status_code == 200
    assert response.json()["token"] == seat["token"]
    response = trainer_client.get(f"/api/v1/seats/{class_seat.pk}/")
    assert response.json()["class"] == {"code": classroom.code, "name": "Monday"}
    default = Seat.objects.default()
    assert trainer_client.get(f"/api/v1/seats/{default.pk}/").status_code == 404


def test_a_class_seat_is_the_trainers_not_its_token_holders(api, sample_data):
    class_seat = class_create(name="Monday", seat_count=1, language="en").seats.get()
    token = {"HTTP_AUTHORIZATION": f"Seat {class_seat.token}"}
    assert api.get(f"/api/v1/seats/{class_seat.pk}/", **token).status_code == 404
    assert api.delete(f"/api/v1/seats/{class_seat.pk}/", **token).status_code == 404
    assert Seat.objects.filter(pk=class_seat.pk).exists()


def test_outcomes_lists_every_outcome_with_its_table(api):
    response = api.get("/api/v1/outcomes/")
    assert response.status_code == 200
    outcomes = response.json()
    assert [o["id"] for o in outcomes] == [
        "BC-1", "BC-2", "BC-2a", "BC-2b", "BC-2c", "AC-1", "AC-2", "AC-3", "AC-3c",
    ]  # fmt: skip
    bc1 = outcomes[0]
    assert bc1 == {
        "id": "BC-1",
        "label": "Redirected to Subscriptions: you are the billing admin",
        "table": "billing-center",
        "table_name": "Billing Center",
    }
    assert {o["table"] for o in outcomes if o["id"].startswith("AC")} == {"admin-center"}
    assert {o["table"] for o in outcomes if o["id"].startswith("BC")} == {"billing-center"}


@pytest.mark.parametrize(
    ("language", "table_name", "label"),
    [
        ("es", "Centro de facturación", "Redirigido"),
        ("pt-br", "Centro de faturamento", "Redirecionado"),
    ],
)
def test_outcomes_speak_the_requests_language(api, language, table_name, label):
    outcomes = api.get("/api/v1/outcomes/", HTTP_ACCEPT_LANGUAGE=language).json()
    assert outcomes[0]["table_name"] == table_name
    assert outcomes[0]["label"].startswith(label)
