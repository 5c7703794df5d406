"""The read-only endpoints: personas, the outcome table, a persona's outcome in a seat, a
seat's mailbox and activity. Outcomes are compared with the hand-written table of the tests
(tests/outcome_table.py), never with the product's own functions."""

from urllib.parse import quote

import pytest
from django.utils import translation
from hypothesis import HealthCheck, given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

from accounts.decisions import Outcome
from corp_portal.models import PortalLogin
from sandbox.worlds import seat_create
from seats.models import Seat
from seats.scope import seat_scope
from tests import outcome_table

from .helpers import seat_entered, seat_of, seat_token_header, signed_in_as
from .test_isolation import _order_placed

CENTERS = (outcome_table.BILLING_CENTER, outcome_table.ADMIN_CENTER)
NO_OUTCOME = {"portal-signed-in", "refused"}
ELENAS_PORTAL_PASSWORD = "elena-portal-2026"


def _outcomes(key: str, center: str) -> list[str]:
    return [step for step in outcome_table.PATHS[key][center] if step not in NO_OUTCOME]


def _error(response, status, code):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["code"] == code
    assert body["message"]
    return body


# -- personas -----------------------------------------------------------------------------


def test_personas_lists_each_customer_with_their_outcomes(api):
    response = api.get("/api/v1/personas/")
    assert response.status_code == 200
    personas = {persona["key"]: persona for persona in response.json()}
    assert list(personas) == outcome_table.CUSTOMERS
    for key, persona in personas.items():
        for center in CENTERS:
            assert persona["paths"][center] == outcome_table.PATHS[key][center], (key, center)
            assert persona["outcomes"][center] == _outcomes(key, center), (key, center)
        assert (persona["portal_user_id"] is not None) is (
            key in outcome_table.PORTAL_LOGIN_HOLDERS
        )
    elena = personas["elena"]
    assert elena["email"] == "elena.corp@globex.example"
    assert elena["name"] == "Elena Costa"
    assert elena["account"] == {"name": "Globex Corporation", "corporate_billing": True}
    assert elena["outcomes"]["corp_portal"] == ["BC-2c", "AC-3c"]
    assert personas["diego"]["outcomes"]["corp_portal"] == []
    assert personas["ana"]["outcomes"]["corp_portal"] is None
    assert personas["ana"]["roles"] == ["account admin", "billing admin"]
    assert personas["carla"]["is_account_admin"] is False


def test_personas_roles_speak_the_requests_language(api):
    response = api.get("/api/v1/personas/", HTTP_ACCEPT_LANGUAGE="es")
    ana = next(p for p in response.json() if p["key"] == "ana")
    assert ana["roles"] == ["administrador de la cuenta", "administrador de facturación"]


def _elena_gets_a_portal_login(seat) -> None:
    """A change made in one seat only: Elena holds a portal login there (as a trainer could
    give her in the Django admin), so she signs in to the portal instead of BC-2c / AC-3c."""
    from accounts.models import User

    with seat_scope(seat):
        elena = User.objects.get(email="elena.corp@globex.example")
        login = PortalLogin(user_id="GLOBEX-7777", account=elena.account, holder=elena)
        login.set_password(ELENAS_PORTAL_PASSWORD)
        login.save()


def test_personas_are_the_callers_seats(api, created):
    seat = created()
    _elena_gets_a_portal_login(seat_of(seat))

    def elena(**headers):
        response = api.get("/api/v1/personas/", **headers)
        return next(p for p in response.json() if p["key"] == "elena")

    assert elena(**seat_token_header(seat))["outcomes"]["billing_center"] == ["BC-2", "BC-2b"]
    assert elena()["outcomes"]["billing_center"] == ["BC-2", "BC-2b", "BC-2c"]  # default seat
    # A browser that joined the seat asks with its cookies.
    assert elena(**{})["portal_user_id"] is None
    joined = seat_entered(seat)
    response = joined.get("/api/v1/personas/")
    assert next(p for p in response.json() if p["key"] == "elena")["portal_user_id"] == (
        "GLOBEX-7777"
    )


# -- the outcome table ----------------------------------------------------------------------


def test_the_outcome_table_has_every_outcome_with_who_reaches_it(api):
    response = api.get("/api/v1/outcome-table/")
    assert response.status_code == 200
    rows = response.json()
    assert [row["id"] for row in rows] == [outcome.value for outcome in Outcome]
    for row in rows:
        table = row["table"].replace("-", "_")
        expected = [key for key in outcome_table.CUSTOMERS if row["id"] in _outcomes(key, table)]
        assert row["personas"] == expected, row["id"]
        assert row["label"] and row["happens"]
    by_id = {row["id"]: row for row in rows}
    assert by_id["BC-1"]["then"] == "You are the billing admin"
    assert by_id["AC-2"]["then"].startswith("You are not the billing admin")
    assert by_id["BC-2c"]["then"] is None
    assert by_id["AC-3c"]["table"] == "admin-center"
    assert by_id["AC-3c"]["table_name"] == "Admin Center"


@pytest.mark.parametrize("language", ["es", "pt-br"])
def test_the_outcome_table_speaks_the_requests_language(api, language):
    rows = api.get("/api/v1/outcome-table/", HTTP_ACCEPT_LANGUAGE=language).json()
    english = api.get("/api/v1/outcome-table/", HTTP_ACCEPT_LANGUAGE="en").json()
    with translation.override(language):
        assert rows[0]["label"] == str(Outcome.BC_1.label)
    for translated, original in zip(rows, english, strict=True):
        assert translated["id"] == original["id"]
        assert translated["happens"] != original["happens"]
        assert translated["table_name"] != original["table_name"]


# -- a persona's outcome in a seat ----------------------------------------------------------


@pytest.mark.parametrize("key", outcome_table.CUSTOMERS)
def test_a_personas_outcome_in_a_seat(api, created, key):
    seat = created()
    response = api.get(
        f"/api/v1/seats/{seat['id']}/personas/{key}/outcome/", **seat_token_header(seat)
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["key"] == key and body["seat"] == seat["id"]
    for center in CENTERS:
        assert body["outcomes"][center] == _outcomes(key, center)
        assert body["paths"][center] == outcome_table.PATHS[key][center]


def test_a_personas_outcome_follows_a_change_in_that_seat_only(api, created):
    one, two = created(), created()
    _elena_gets_a_portal_login(seat_of(one))

    def elena(seat):
        url = f"/api/v1/seats/{seat['id']}/personas/elena/outcome/"
        return api.get(url, **seat_token_header(seat)).json()["paths"]

    assert elena(one)["admin_center"] == ["AC-3", "portal-signed-in"]
    assert elena(two)["admin_center"] == ["AC-3", "AC-3c"]


@pytest.mark.parametrize("key", ["nobody", "trainer", "ANA", "x" * 5000, "%00", "ana%20", "é", "1"])
def test_an_unknown_persona_is_a_json_404(api, created, key):
    seat = created()
    response = api.get(
        f"/api/v1/seats/{seat['id']}/personas/{key}/outcome/", **seat_token_header(seat)
    )
    _error(response, 404, "persona_not_found")


# -- every seat endpoint: who may read it ---------------------------------------------------

SEAT_PATHS = ["personas/ana/outcome/", "mailbox/", "activity/"]


@pytest.mark.parametrize("path", SEAT_PATHS)
def test_a_seat_endpoint_is_a_404_without_the_seats_token(api, created, path):
    one, two = created(), created()
    url = f"/api/v1/seats/{one['id']}/{path}"
    _error(api.get(url), 401, "credentials_required")
    _error(api.get(url, **seat_token_header(two)), 404, "seat_not_found")
    assert api.get(url, **seat_token_header(one)).status_code == 200


@pytest.mark.parametrize("path", SEAT_PATHS)
@pytest.mark.parametrize("seat_id", ["987654", "0", "9" * 18])
def test_a_seat_endpoint_of_an_unknown_seat_is_a_json_404(api, created, path, seat_id):
    token = seat_token_header(created())
    _error(api.get(f"/api/v1/seats/{seat_id}/{path}", **token), 404, "seat_not_found")


@pytest.mark.parametrize("path", SEAT_PATHS)
@pytest.mark.parametrize("seat_id", ["9" * 30, "abc", "-1", "1.5"])
def test_a_seat_endpoint_with_an_id_that_is_no_id_is_a_json_404(api, path, seat_id):
    _error(api.get(f"/api/v1/seats/{seat_id}/{path}"), 404, "not_found")


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/personas/",
        "/api/v1/outcome-table/",
        "/api/v1/seats/1/mailbox/",
        "/api/v1/seats/1/activity/",
        "/api/v1/seats/1/personas/ana/outcome/",
    ],
)
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_read_endpoints_answer_only_get(api, path, method):
    # A body that is no JSON at all changes nothing: the method is refused first.
    response = getattr(api, method)(path, "{not json", content_type="application/json")
    body = _error(response, 405, "method_not_allowed")
    assert method.upper() in body["message"]


# -- the mailbox ----------------------------------------------------------------------------


def test_the_mailbox_holds_diegos_user_id(api, created):
    seat = created()
    url = f"/api/v1/seats/{seat['id']}/mailbox/"
    response = api.get(url, {"to": "DIEGO.corp@globex.example"}, **seat_token_header(seat))
    assert response.status_code == 200
    messages = response.json()
    assert messages and {m["to"] for m in messages} == {"diego.corp@globex.example"}
    assert set(messages[0]) >= {"to", "subject", "body", "sent_at", "sender"}
    assert any("User ID: GLOBEX-4471" in m["body"] for m in messages)
    everyone = api.get(url, **seat_token_header(seat)).json()
    assert everyone == messages  # the sample data mails Diego's invoices only
    nobody = api.get(url, {"to": "nobody@example.com"}, **seat_token_header(seat)).json()
    assert nobody == []


def test_a_too_long_address_is_a_400_naming_it(api, created):
    seat = created()
    response = api.get(
        f"/api/v1/seats/{seat['id']}/mailbox/", {"to": "x" * 300}, **seat_token_header(seat)
    )
    assert list(_error(response, 400, "invalid")["fields"]) == ["to"]


def test_the_mailbox_is_the_seats_own(api, created):
    one, two = created(), created()
    _order_placed(signed_in_as(seat_entered(one), "ana"), 2)

    def mailbox(seat):
        url = f"/api/v1/seats/{seat['id']}/mailbox/"
        return api.get(url, **seat_token_header(seat)).json()

    assert len(mailbox(one)) == len(mailbox(two)) + 1
    newest = mailbox(one)[0]
    assert newest["to"] == "ana.billing@acme.example"
    assert newest not in mailbox(two)


# -- the activity ---------------------------------------------------------------------------


def test_the_activity_is_the_seats_own(api, created):
    one, two = created(), created()

    def activity(seat):
        url = f"/api/v1/seats/{seat['id']}/activity/"
        response = api.get(url, **seat_token_header(seat))
        assert response.status_code == 200
        return response.json()

    before = activity(two)
    _order_placed(signed_in_as(seat_entered(one), "ana"), 2)
    entries = activity(one)
    assert entries[0]["action"] == "order_placed"
    assert entries[0]["account"] == "Acme Support"
    assert entries[0]["who"] == "ana.billing@acme.example"
    assert set(entries[0]) >= {"created_at", "summary", "before", "after"}
    assert activity(two) == before


# -- hostile input ----------------------------------------------------------------------------


@hyp_settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(key=st.text(min_size=1, max_size=60), to=st.text(max_size=300), seat_id=st.integers())
def test_no_key_address_or_id_is_a_server_error(api, key, to, seat_id):
    seat = Seat.objects.filter(is_default=False).first() or seat_create()
    token = {"HTTP_AUTHORIZATION": f"Seat {seat.token}"}
    quoted = quote(key, safe="")
    response = api.get(f"/api/v1/seats/{seat.pk}/personas/{quoted}/outcome/", **token)
    assert response.status_code in (200, 404), response.content
    assert response.json()["code" if response.status_code == 404 else "key"]
    response = api.get(f"/api/v1/seats/{seat.pk}/mailbox/", {"to": to}, **token)
    assert response.status_code in (200, 400), response.content
    response = api.get(f"/api/v1/seats/{seat_id}/activity/", **token)
    assert response.status_code in (200, 404), response.content
    assert response["Content-Type"] == "application/json"
