"""`seats.scope.seat_lock`: the seat's row locked where the database locks rows, and no query
where it cannot (SQLite, whose transactions begin IMMEDIATE and write one at a time)."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from seats.scope import seat_lock

pytestmark = pytest.mark.django_db


def test_the_seat_lock_asks_the_database_only_where_rows_can_be_locked(sample_data):
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        seat_lock()
    asked = [q["sql"] for q in queries.captured_queries if "seats_seat" in q["sql"]]
    if connection.features.has_select_for_update:
        assert len(asked) == 1
        assert "FOR NO KEY UPDATE" in asked[0]
    else:
        assert asked == []
