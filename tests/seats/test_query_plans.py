"""How SQLite reads a seat's rows (EXPLAIN QUERY PLAN): the default seat through its one-row
index, an account's rows through the account and seat index, however large the seat grows."""

import pytest
from django.db import connection

from accounts.models import Activity, PlacedOrder, Subscription, User
from billing_center.models import Invoice
from corp_portal.models import Invoice as PortalInvoice
from seats.scope import seat_scope

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query plans"),
]

READ_BY_ACCOUNT = [User, Subscription, Activity, PlacedOrder, Invoice, PortalInvoice]


def plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        return " | ".join(row[3] for row in cursor.fetchall())


def test_the_default_seat_is_read_through_its_one_row_index():
    assert "USING COVERING INDEX one_default_seat" in plan(User.objects.all())


@pytest.mark.parametrize("model", READ_BY_ACCOUNT, ids=lambda model: model._meta.label)
@pytest.mark.parametrize("seat", ["default", "a seat"])
def test_an_account_s_rows_are_read_by_account_and_seat(model, seat):
    queryset = model.objects.filter(account_id=1)
    with seat_scope(None if seat == "default" else 7):
        read = plan(queryset)
    assert "(account_id=? AND seat_id=?)" in read, read
