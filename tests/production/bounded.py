"""Bounded work, measured without a clock: a request's SQL queries, counted as they run, and
stopped past a budget (a request whose work grows with its input fails at once instead of
running for minutes). The hostile dates every date field of the product is sent."""

import contextlib
import datetime

from django.db import connection

from accounts.clock import sandbox_last_day, sandbox_start


class OverBudget(AssertionError):
    """A request ran more SQL queries than its budget."""


@contextlib.contextmanager
def query_budget(limit: int):
    """Count the SQL queries run inside; past `limit`, the next one raises `OverBudget` (the
    request fails: a 500 on a page, the API's JSON 500). Yields a list holding the count."""
    count = [0]

    def counted(execute, sql, params, many, context):
        count[0] += 1
        if count[0] > limit:
            raise OverBudget(f"more than {limit} SQL queries")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counted):
        yield count


def hostile_dates() -> list[str]:
    """Dates far in the future or past, and just outside the clock's window."""
    return [
        "9999-12-31",
        "0001-01-01",
        (sandbox_start() - datetime.timedelta(days=1)).isoformat(),
        (sandbox_last_day() + datetime.timedelta(days=1)).isoformat(),
    ]


# What a refused date may cost: the session, the user, the seat, the form's checks.
REFUSAL_BUDGET = 40
# The longest legal move of the clock: a seat's whole window replayed (about 1,000 queries on
# PostgreSQL and SQLite; bench/clock.py times it).
LONGEST_MOVE_BUDGET = 1600
