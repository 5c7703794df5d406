"""POST /api/v1/seats/<id>/clock/ and the seat's "today": a script moves its seat's clock
forward and back and reads what it brought (the test settings start on 2026-11-21; Acme's
GoToMeeting renews on 2026-12-03)."""

import pytest

from billing_center.models import Invoice
from sandbox.models import MailboxMessage
from seats.scope import seat_scope

from .helpers import seat_of, seat_token_header

pytestmark = pytest.mark.django_db


def clock(api, seat, body, **headers):
    return api.post(
        f"/api/v1/seats/{seat['id']}/clock/", body, content_type="application/json", **headers
    )


def renewals(seat) -> int:
    with seat_scope(seat_of(seat)):
        return Invoice.objects.filter(
            kind=Invoice.Kind.RENEWAL, issued_on__gte="2026-11-21"
        ).count()


def renewal_emails(seat) -> int:
    with seat_scope(seat_of(seat)):
        return MailboxMessage.objects.filter(subject__contains="Renewal invoice").count()


def test_a_seat_says_its_today(api, created):
    seat = created()
    assert seat["today"] == "2026-11-21"
    read = api.get(f"/api/v1/seats/{seat['id']}/", **seat_token_header(seat)).json()
    assert read["today"] == "2026-11-21"


def test_moving_the_clock_forward_and_back(api, created):
    seat = created()
    token = seat_token_header(seat)

    moved = clock(api, seat, {"today": "2026-12-03"}, **token)
    assert moved.status_code == 200, moved.content
    assert moved.json()["today"] == "2026-12-03"
    assert api.get(f"/api/v1/seats/{seat['id']}/", **token).json()["today"] == "2026-12-03"
    assert (renewals(seat), renewal_emails(seat)) == (1, 1)

    assert clock(api, seat, {"today": "2026-12-03"}, **token).status_code == 200
    assert (renewals(seat), renewal_emails(seat)) == (1, 1)

    back = clock(api, seat, {"today": "2026-11-21"}, **token)
    assert back.json()["today"] == "2026-11-21"
    assert (renewals(seat), renewal_emails(seat)) == (0, 0)


@pytest.mark.parametrize(
    "body", [{"today": "3 December"}, {"today": "2026-02-30"}, {}, {"today": "2026-11-20"}]
)
def test_a_bad_date_is_a_400_naming_the_field(api, created, body):
    seat = created()
    refused = clock(api, seat, body, **seat_token_header(seat))
    assert refused.status_code == 400
    assert refused.json()["code"] == "invalid"
    assert list(refused.json()["fields"]) == ["today"]
    assert seat_of(seat).today is None


def test_an_unknown_field_is_a_400(api, created):
    seat = created()
    refused = clock(api, seat, {"today": "2026-12-03", "when": "x"}, **seat_token_header(seat))
    assert refused.status_code == 400
    assert "when" in refused.json()["fields"]


def test_an_unknown_seat_is_a_404(api, created):
    seat = created()
    refused = clock(
        api, {"id": seat["id"] + 1000}, {"today": "2026-12-03"}, **seat_token_header(seat)
    )
    assert refused.status_code == 404
    assert refused.json()["code"] == "seat_not_found"


def test_nobody_else_moves_a_seat_s_clock(api, created):
    seat, other = created(), created()
    assert clock(api, seat, {"today": "2026-12-03"}).status_code == 401  # no credential
    assert clock(api, seat, {"today": "2026-12-03"}, **seat_token_header(other)).status_code == 404
    malformed = {"HTTP_AUTHORIZATION": "Seat not a token"}
    refused = clock(api, seat, {"today": "2026-12-03"}, **malformed)
    assert (refused.status_code, refused.json()["code"]) == (403, "seat_token_invalid")
    assert seat_of(seat).today is None


def test_the_trainer_moves_any_seat_s_clock(trainer_client, created):
    seat = created()
    trainer_client.get("/en/")
    csrf = trainer_client.cookies["csrftoken"].value
    moved = clock(trainer_client, seat, {"today": "2027-01-05"}, HTTP_X_CSRFTOKEN=csrf)
    assert moved.status_code == 200, moved.content
    assert seat_of(seat).today.isoformat() == "2027-01-05"


def test_the_schema_describes_the_clock(api):
    schema = api.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/seats/{seat_id}/clock/"]["post"]
    body = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    component = schema["components"]["schemas"][body.rsplit("/", 1)[1]]
    assert component["properties"]["today"]["format"] == "date"
    assert component["required"] == ["today"]
    assert {"200", "400", "404"} <= set(operation["responses"])
    seat = schema["components"]["schemas"]["Seat"]
    assert seat["properties"]["today"]["format"] == "date"
