"""What every page pays before its own work (docs/performance.md, "The floor of a page"): the
session, the seat, the signed-in user with their account, and no query that a page does not
need."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from sandbox.sample_data import PERSONAS_BY_KEY

ANA = PERSONAS_BY_KEY["ana"].email


def queries_of(client, path) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return [query["sql"] for query in queries.captured_queries]


def test_the_signed_in_user_comes_with_their_account(sample_data, settings):
    client = Client()
    client.post("/en/billing/sign-in/", {"username": ANA, "password": settings.SANDBOX_PASSWORD})
    sql = queries_of(client, "/en/billing/subscriptions/")
    assert [q for q in sql if 'FROM "accounts_account"' in q] == []
    assert len([q for q in sql if 'FROM "accounts_user"' in q]) == 1


def test_the_persona_sign_in_button_keeps_the_account_with_the_user(sample_data):
    client = Client()
    client.post("/en/sign-in-as/ana/")
    sql = queries_of(client, "/en/billing/subscriptions/")
    assert [q for q in sql if 'FROM "accounts_account"' in q] == []


def test_the_home_page_reads_the_personas_once(sample_data):
    sql = queries_of(Client(), "/en/")
    assert len([q for q in sql if 'FROM "sandbox_persona"' in q]) == 1


@pytest.mark.django_db
def test_a_seats_faults_are_read_without_its_seat_row():
    from faults.services import seat_faults
    from seats.models import Seat

    seat = Seat.objects.create(number=1)
    with CaptureQueriesContext(connection) as queries:
        assert seat_faults(seat=seat) == []
    assert len(queries) == 1
    assert "JOIN" not in queries.captured_queries[0]["sql"]
