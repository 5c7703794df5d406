"""`make bench-scale` (and the last part of `make bench` and `make bench-postgres`): hundreds of
classes on one database.

1. One class of BENCH_SCALE_SEATS seats (default 30) is made with the classroom's own service
   (`classes.services.class_create`), timed; then the pages a trainee and a trainer see are
   measured with that one class: the personas' pages in a seat of it (Billing Center
   Subscriptions and My Account, Admin Center Add Licenses, the portal's invoices and
   subscriptions) and the trainer's board of that class and class list.
2. A class of 60 seats (`MAX_SEATS_PER_CLASS`) is made, timed against the 3 s it should take,
   and one seat's world is made under cProfile: where a seat's time goes.
3. The other classes are made until there are BENCH_SCALE_CLASSES (default 100): the time and
   the queries per seat, and the database's size before and after (PostgreSQL:
   pg_total_relation_size of every table; SQLite: the file), per seat and per class.
4. The same pages, in the same seat and the same class, measured again: queries per page must
   be equal (the run fails otherwise), and the CPU time per page (median of BENCH_SCALE_REPEATS
   renders, default 20) is reported as a ratio to the first measure, in this one run, and
   that ratio again divided by the trivial view's (`/en/health/`, measured both times: what
   the machine's load did to every render).

In-process (Django's test client, the production settings, no HTTP), so the CPU measured is
this process's: Python and, on SQLite, the database's work too; on PostgreSQL the server's own
CPU is not in it (its wall time is). The database: on PostgreSQL (DATABASE_URL), a schema of
the scenario's own, `bench_scale`, made anew and dropped at the end; else a fresh SQLite file,
bench/scale.sqlite3.
Exits with 1 when a page's queries grew with the number of classes.
"""

import cProfile
import io
import os
import pstats
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CLASSES = int(os.environ.get("BENCH_SCALE_CLASSES", "100"))
SEATS = int(os.environ.get("BENCH_SCALE_SEATS", "30"))
REPEATS = int(os.environ.get("BENCH_SCALE_REPEATS", "20"))
SCHEMA = "bench_scale"  # on PostgreSQL: the scenario's own schema of DATABASE_URL's database
BIG_CLASS_SEATS = 60
BIG_CLASS_BUDGET = 3.0  # seconds: what the trainer waits for a class of 60 (issue #26)
STATEMENT = re.compile(r'^(?:(INSERT INTO|UPDATE|DELETE FROM) "?(\w+)|(SELECT)\b.*?\bFROM "?(\w+))')
ANA, BRUNO = "ana.billing@acme.example", "bruno.admin@acme.example"

# (name, path, who: an email, "portal" for Diego's portal User ID, or "trainer").
TRAINEE_PAGES = [
    ("BC Subscriptions (Ana)", "/en/billing/subscriptions/", ANA),
    ("BC My Account (Ana)", "/en/billing/my-account/", ANA),
    ("AC Add Licenses (Bruno)", "/en/admin-center/add-licenses/", BRUNO),
    ("Portal invoices (Diego)", "/en/corp-billing/invoices/", "portal"),
    ("Portal subscriptions (Diego)", "/en/corp-billing/subscriptions/", "portal"),
]


def setup() -> None:
    """The production settings on a database of the scenario's own: on PostgreSQL (DATABASE_URL)
    the schema SCHEMA of that database, made anew (and dropped at the end), so whatever else the
    database holds is untouched and nothing of the scenario is left; otherwise a fresh SQLite
    file, bench/scale.sqlite3."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.production"
    os.environ["DJANGO_SECURE_TLS"] = "0"
    if not os.environ.get("DJANGO_SECRET_KEY"):
        raise SystemExit("Set DJANGO_SECRET_KEY (make bench-scale does).")
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        database = ROOT / "bench" / "scale.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "postgresql":
        schema_drop()
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE SCHEMA {SCHEMA}")
        connection.close()
        connection.settings_dict.setdefault("OPTIONS", {})["options"] = f"-c search_path={SCHEMA}"
    call_command("migrate", "--noinput", verbosity=0)
    call_command("load_sandbox", verbosity=0)


def schema_drop() -> None:
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")


def database_bytes() -> int:
    """The whole database's size: every table with its indexes and TOAST (PostgreSQL), or the
    file with its write-ahead log checkpointed into it (SQLite)."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0) FROM pg_class c"
                " JOIN pg_namespace n ON n.oid = c.relnamespace"
                " WHERE c.relkind = 'r' AND n.nspname = current_schema()"
            )
            return int(cursor.fetchone()[0])
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        cursor.execute("PRAGMA page_count")
        pages = cursor.fetchone()[0]
        cursor.execute("PRAGMA page_size")
        return pages * cursor.fetchone()[0]


def captured():
    """Django's query capture, its log emptied first: the log keeps the last 9,000 queries of
    the connection, and a capture that starts with it full counts nothing."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    connection.queries_log.clear()
    return CaptureQueriesContext(connection)


def class_make(name: str, seats: int) -> tuple[object, float, int]:
    """A class made as the trainer's Classes page makes it: (class, seconds, queries)."""
    from classes.services import class_create

    with captured() as queries:
        started = time.perf_counter()
        classroom = class_create(name=name, seat_count=seats, language="en")
        seconds = time.perf_counter() - started
    return classroom, seconds, len(queries)


def seat_profile(classroom) -> str:
    """One more seat of `classroom` made under cProfile, then deleted: its wall and CPU time,
    its queries by statement and table, and the project's functions its time goes to."""
    from sandbox.worlds import seat_create, seat_delete

    profile = cProfile.Profile()
    with captured() as queries:
        started, started_cpu = time.perf_counter(), time.process_time()
        profile.enable()
        seat = seat_create(classroom=classroom)
        profile.disable()
        wall, cpu = time.perf_counter() - started, time.process_time() - started_cpu
    seat_delete(seat=seat)
    statements = Counter(statement(query["sql"]) for query in queries.captured_queries)
    out = io.StringIO()
    project = r"^(?!.*(site-packages|python3\.\d+/)).*" + re.escape(str(ROOT))
    pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(project, 10)
    functions = [line for line in out.getvalue().splitlines() if re.match(r"\s+\d", line)]
    return "\n".join(
        [
            f"  {wall * 1000:.0f} ms wall, {cpu * 1000:.0f} ms CPU of this process (under the"
            f" profiler), {len(queries)} queries:",
            "  " + ", ".join(f"{name} x{count}" for name, count in statements.most_common()),
            "  the project's functions, by cumulative time (ncalls tottime percall cumtime):",
            *(f"  {line.strip()}" for line in functions),
        ]
    )


def statement(sql: str) -> str:
    """ "INSERT INTO accounts_user", "SELECT accounts_user" (its first table), "SAVEPOINT"."""
    match = STATEMENT.search(sql)
    if match is None:
        return sql.split(" ", 1)[0]
    return " ".join(group for group in match.groups() if group)


def clients_make(classroom) -> dict:
    """A browser per persona in the first seat of `classroom`, and the trainer's."""
    from django.conf import settings
    from django.test import Client

    from accounts.models import User
    from bench.client import PORTAL_PASSWORD, PORTAL_USER_ID
    from sandbox.trainers import TRAINER_EMAIL

    seat = classroom.seats.order_by("number").first()
    clients = {}
    for who in (ANA, BRUNO, "portal"):
        client = Client(SERVER_NAME="localhost")
        assert client.get(f"/en/seats/{seat.token}/enter/").status_code == 302
        if who == "portal":
            client.get("/en/corp-billing/")
            client.post(
                "/en/corp-billing/", {"user_id": PORTAL_USER_ID, "password": PORTAL_PASSWORD}
            )
        else:
            client.post(
                "/en/billing/sign-in/", {"username": who, "password": settings.SANDBOX_PASSWORD}
            )
        clients[who] = client
    trainer = Client(SERVER_NAME="localhost")
    trainer.force_login(User.objects.get(email=TRAINER_EMAIL))  # in the default seat
    clients["trainer"] = trainer
    return clients


CONTROL = "trivial view (control)"


def pages(classroom) -> list[tuple[str, str, str]]:
    return [
        (CONTROL, "/en/health/", ANA),
        *TRAINEE_PAGES,
        (f"Board of one class ({SEATS} seats)", f"/en/classes/{classroom.code}/", "trainer"),
        ("Trainer's class list", "/en/classes/", "trainer"),
    ]


def measure(client, path: str) -> dict:
    """REPEATS renders after a warm-up: the queries of each (the most frequent count, and every
    count seen: a seat's "last activity" is written at most every 30 s, one query more on
    that render), the median CPU and wall time."""
    status = client.get(path).status_code
    client.get(path)
    counts, cpu, wall = Counter(), [], []
    for _ in range(REPEATS):
        with captured() as queries:
            started, started_cpu = time.perf_counter(), time.process_time()
            client.get(path)
            cpu.append(time.process_time() - started_cpu)
            wall.append(time.perf_counter() - started)
        counts[len(queries)] += 1
    return {
        "status": status,
        "queries": counts.most_common(1)[0][0],
        "counts": sorted(counts),
        "cpu_ms": statistics.median(cpu) * 1000,
        "wall_ms": statistics.median(wall) * 1000,
    }


def measure_all(clients, classroom) -> dict:
    return {name: measure(clients[who], path) for name, path, who in pages(classroom)}


def main() -> int:
    load_before = [round(x, 2) for x in os.getloadavg()]
    setup()
    from django.db import connection

    print(
        f"scale scenario: {CLASSES} classes of {SEATS} seats ({CLASSES * SEATS} seats) on"
        f" {connection.vendor}; load average before: {load_before}",
        flush=True,
    )
    size_empty = database_bytes()
    first, seconds, queries = class_make("Scale class 1", SEATS)
    print(
        f"class 1 made: {SEATS} seats in {seconds:.2f} s ({seconds / SEATS * 1000:.0f} ms and"
        f" {queries / SEATS:.0f} queries a seat)",
        flush=True,
    )
    clients = clients_make(first)
    one = measure_all(clients, first)

    made_seats, made_seconds = SEATS, seconds
    if CLASSES >= 2:
        big, seconds, queries = class_make("Scale class of 60", BIG_CLASS_SEATS)
        verdict = "holds" if seconds < BIG_CLASS_BUDGET else "does NOT hold"
        print(
            f"class of {BIG_CLASS_SEATS} made in {seconds:.2f} s ({queries} queries): the"
            f" {BIG_CLASS_BUDGET:.0f} s target {verdict} (load {os.getloadavg()[0]:.1f})",
            flush=True,
        )
        print("one seat more, profiled:\n" + seat_profile(big), flush=True)
        made_seats, made_seconds = made_seats + BIG_CLASS_SEATS, made_seconds + seconds
    started = time.perf_counter()
    for number in range(3, CLASSES + 1):
        class_make(f"Scale class {number}", SEATS)
        made_seats += SEATS
        if number % 10 == 0:
            print(f"  {number} classes, {time.perf_counter() - started:.0f} s", flush=True)
    made_seconds += time.perf_counter() - started
    size_full = database_bytes()
    per_seat = (size_full - size_empty) / made_seats
    print(
        f"{CLASSES} classes, {made_seats} seats made in {made_seconds:.0f} s"
        f" ({made_seconds / made_seats * 1000:.0f} ms a seat)\n"
        f"database: {size_empty / 2**20:.1f} MiB before, {size_full / 2**20:.1f} MiB after:"
        f" {per_seat / 1024:.0f} KiB a seat, {per_seat * SEATS / 2**20:.1f} MiB a class of"
        f" {SEATS}",
        flush=True,
    )
    many = measure_all(clients, first)

    print(
        f"\n{'page':34} {'SQL 1':>5} {'SQL N':>5} {'cpu ms 1':>9} {'cpu ms N':>9} {'x cpu':>6}"
        f" {'x ctl':>6} {'wall 1':>7} {'wall N':>7}"
    )
    # The machine's load changes between the two measures: the trivial view, measured in both,
    # says by how much a render's CPU moved for reasons that are not the page's.
    control = many[CONTROL]["cpu_ms"] / one[CONTROL]["cpu_ms"]
    grew = []
    for name in one:
        a, b = one[name], many[name]
        if a["status"] != 200 or b["status"] != 200:
            grew.append(f"{name}: answered {a['status']} then {b['status']}")
        if a["queries"] != b["queries"]:
            grew.append(f"{name}: {a['queries']} queries with 1 class, {b['queries']} with N")
        ratio = b["cpu_ms"] / a["cpu_ms"]
        print(
            f"{name:34} {a['queries']:5d} {b['queries']:5d} {a['cpu_ms']:9.1f}"
            f" {b['cpu_ms']:9.1f} {ratio:6.2f} {ratio / control:6.2f} {a['wall_ms']:7.1f}"
            f" {b['wall_ms']:7.1f}"
        )
    print(
        f"(1: one class; N: {CLASSES} classes; median of {REPEATS} renders each; x cpu: N / 1;"
        " x ctl: x cpu / the trivial view's x cpu)"
    )
    print(f"load average at the end: {[round(x, 2) for x in os.getloadavg()]}")
    for line in grew:
        print("GREW: " + line)
    if not os.environ.get("BENCH_SCALE_KEEP"):
        schema_drop()
    return 1 if grew else 0


if __name__ == "__main__":
    sys.exit(main())
