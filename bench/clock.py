"""`make bench-clock` (and part of `make bench`): the longest moves of a seat's clock, in this
process, through the API a script calls.

A move replays what happens on every day it passes (renewals, invoices, emails), inside one
request, so its work grows with the distance moved; the clock's window
(`accounts.clock.CLOCK_WINDOW_YEARS` after the start date) bounds it. This measures the two
longest moves the window allows, each `BENCH_CLOCK_ROUNDS` times (default 3) in a new seat:

- forward: from the start date to the window's last day, every event of the window written;
- back: from the last day to the day before it, which restores the seat's start and replays
  the whole window again.

Each is a `POST /api/v1/seats/<id>/clock/` through Django's test client on the production
settings (the request, the middleware and the JSON answer included; no HTTP, no gunicorn),
timed with `time.perf_counter()` (and this process's CPU with `time.process_time()`, which a
busy machine disturbs less; the database server's own work is not in it), with its SQL queries
counted. The budget is a tenth of
gunicorn's default worker timeout (30 s): 3 s. The run exits with 1 when a move took longer
(the machine's load average is printed before and after: a busy machine is slower).

The database is `DATABASE_URL` when set (`make bench-clock-postgres` starts a throwaway
PostgreSQL server for it), else a fresh SQLite file, bench/clock.sqlite3. Each seat made is
deleted at the end.
"""

import datetime
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = int(os.environ.get("BENCH_CLOCK_ROUNDS", "3"))
GUNICORN_TIMEOUT = 30.0  # seconds: gunicorn's default worker timeout
BUDGET = GUNICORN_TIMEOUT / 10


def setup() -> str:
    """Production settings on the database of DATABASE_URL, or a fresh SQLite file; migrated,
    with the sample data. Returns the database's vendor."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.production"
    os.environ["DJANGO_SECURE_TLS"] = "0"
    if not os.environ.get("DJANGO_SECRET_KEY"):
        raise SystemExit("Set DJANGO_SECRET_KEY (make bench-clock does).")
    if not os.environ.get("DATABASE_URL"):
        database = ROOT / "bench" / "clock.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", "--noinput", verbosity=0)
    call_command("load_sandbox")
    return connection.vendor


def timed_move(client, seat: dict, today: datetime.date) -> tuple[float, int, float]:
    """One clock move through the API: (seconds, SQL queries, this process's CPU seconds);
    fails on any answer but 200."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        began, cpu_began = time.perf_counter(), time.process_time()
        answer = client.post(
            f"/api/v1/seats/{seat['id']}/clock/",
            json.dumps({"today": today.isoformat()}),
            content_type="application/json",
            headers={"Authorization": f"Seat {seat['token']}"},
        )
        seconds, cpu = time.perf_counter() - began, time.process_time() - cpu_began
    if answer.status_code != 200:
        raise SystemExit(f"the clock answered {answer.status_code}: {answer.content[:300]!r}")
    return seconds, len(queries.captured_queries), cpu


def main() -> int:
    vendor = setup()
    from django.test import Client

    from accounts.clock import CLOCK_WINDOW_YEARS, sandbox_last_day, sandbox_start

    start, last = sandbox_start(), sandbox_last_day()
    print(f"Clock moves on {vendor}: the window is {start} to {last} ({CLOCK_WINDOW_YEARS} years)")
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    client = Client(SERVER_NAME="localhost")
    results = {"forward": [], "back": []}
    for _round in range(ROUNDS):
        created = client.post("/api/v1/seats/", {"language": "en"}, content_type="application/json")
        if created.status_code != 201:
            raise SystemExit(f"creating a seat answered {created.status_code}")
        seat = created.json()
        try:
            results["forward"].append(timed_move(client, seat, last))
            results["back"].append(timed_move(client, seat, last - datetime.timedelta(days=1)))
        finally:
            client.delete(
                f"/api/v1/seats/{seat['id']}/", headers={"Authorization": f"Seat {seat['token']}"}
            )
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    slowest = 0.0
    for move, runs in results.items():
        seconds = [s for s, _q, _cpu in runs]
        slowest = max(slowest, *seconds)
        print(
            f"{move:8} {start if move == 'forward' else last} -> "
            f"{last if move == 'forward' else last - datetime.timedelta(days=1)}: "
            f"median {statistics.median(seconds):.2f} s, max {max(seconds):.2f} s, "
            f"CPU here {statistics.median(cpu for _s, _q, cpu in runs):.2f} s, "
            f"{runs[0][1]} queries ({len(runs)} runs)"
        )
    verdict = "within" if slowest < BUDGET else "OVER"
    print(f"slowest move {slowest:.2f} s: {verdict} the budget of {BUDGET:.1f} s")
    return 0 if slowest < BUDGET else 1


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
