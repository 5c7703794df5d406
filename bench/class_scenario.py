"""The `class` scenario of `make bench`: a class of trainees, each in their own seat.

1. A class of BENCH_CLASS_SEATS seats (default 60) is made with `classes.services.class_create`,
   in this process, against the server's database: how long it takes and how many queries.
2. The main pages, with that many seats loaded, each client in a seat of its own, against the
   same pages measured in the default seat before the class existed (`pages_one_seat`).
3. Every seat's trainee joins the class at the same moment through its join page (a display
   name, Join: the next free seat), as a room of trainees does when the join card goes up.
4. BENCH_SIGN_IN_SEATS trainees (default 30), each in a seat of their own, sign in as Ana at
   the same moment (a barrier releases them), BENCH_SIGN_IN_ROUNDS times (default 5).
5. Every seat's trainee plays sign-in -> Subscriptions -> Add Licenses -> Place Order ->
   sign-out for BENCH_CLASS_SECONDS (default 60); afterwards every seat's licenses must be
   its start plus its own trainee's orders, and no other seat may have changed.

This module talks to the database through Django (set up by run.py) only before and after the
load, never while it runs; the load itself is HTTP to the server on 127.0.0.1.
"""

import os
import re
import statistics
import threading
import time
from dataclasses import dataclass, field

from .client import (
    PASSWORD,
    SIGN_IN,
    Measure,
    Session,
    pages_measure,
    portal_session,
    sign_in,
)

CLASS_SEATS = int(os.environ.get("BENCH_CLASS_SEATS", "60"))
SIGN_IN_SEATS = int(os.environ.get("BENCH_SIGN_IN_SEATS", "30"))
SIGN_IN_ROUNDS = int(os.environ.get("BENCH_SIGN_IN_ROUNDS", "5"))
CLASS_SECONDS = float(os.environ.get("BENCH_CLASS_SECONDS", "60"))

ANA, BRUNO = "ana.billing@acme.example", "bruno.admin@acme.example"
SUBSCRIPTIONS = "/en/billing/subscriptions/"
SIGN_OUT = "/en/billing/sign-out/"
CHECKOUT = "/en/billing/checkout/"
ADD_LICENSES_LINK = re.compile(rb'href="(/en/billing/subscriptions/(\d+)/add-licenses/)"')
HIDDEN_INPUT = re.compile(rb'<input type="hidden" name="([^"]+)" value="([^"]*)"')

# The pages a trainee of the article's flows opens most: (name, path, who is signed in).
MAIN_PAGES = [
    ("home page", "/en/", None),
    ("Billing Center Subscriptions (Ana)", SUBSCRIPTIONS, ANA),
    ("Admin Center Add Licenses (Bruno: AC-2)", "/en/admin-center/add-licenses/", BRUNO),
    ("Admin Center Manage Users (Ana)", "/en/admin-center/users/", ANA),
    ("Mailbox", "/en/mailbox/", None),
    ("Portal invoices (Diego's User ID)", "/en/corp-billing/invoices/", "portal"),
]


@dataclass
class Seat:
    pk: int
    number: int
    token: str

    @property
    def enter_path(self) -> str:
        return f"/en/seats/{self.token}/enter/"


def seated_session(port: int, seat: Seat | None, who: str | None) -> Session:
    """A browser in `seat` (the default seat when None), signed in as `who` (an email, or
    "portal" for Diego's portal User ID), or signed out."""
    session = Session(port)
    if seat is not None:
        status, _, _ = session.get(seat.enter_path)
        if status != 302:
            raise RuntimeError(f"entering seat {seat.number} answered {status}")
    if who == "portal":
        portal_session(port, session)
    elif who:
        sign_in(port, who, session)
    return session


def class_create_timed(seat_count: int) -> tuple[str, list[Seat], dict]:
    """Make the class the way the trainer's Classes page does; returns its join code, its seats
    and the time."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from classes.services import class_create

    with CaptureQueriesContext(connection) as queries:
        started, cpu_started = time.perf_counter(), time.process_time()
        classroom = class_create(name="Bench class", seat_count=seat_count, language="en")
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    seats = [
        Seat(pk, number, token)
        for pk, number, token in classroom.seats.order_by("number").values_list(
            "pk", "number", "token"
        )
    ]
    connection.close()
    figures = {
        "seats": seat_count,
        "seconds": round(seconds, 2),
        # This process's CPU (Python and SQLite's library; not a PostgreSQL server's): the
        # figure a busy machine disturbs least.
        "cpu_seconds": round(cpu, 2),
        "queries": len(queries.captured_queries),
        "queries_per_seat": round(len(queries.captured_queries) / seat_count, 1),
    }
    return classroom.code, seats, figures


def join_storm(port: int, code: str, trainees: int) -> Measure:
    """`trainees` browsers open the class's join page; then all press Join at the same moment,
    each with a name of its own. Returns the Join presses' latencies (302: in a seat)."""
    join = Measure()
    path = f"/en/join/{code}/"
    sessions = [Session(port) for _ in range(trainees)]
    for session in sessions:
        session.get(path)
    barrier = threading.Barrier(len(sessions))

    def trainee(number, session):
        barrier.wait()
        started = time.perf_counter()
        try:
            status, _, _ = session.post(path, {"display_name": f"Bench trainee {number}"})
        except OSError:
            status = 0  # no answer at all
        join.record(time.perf_counter() - started, status)

    threads = [threading.Thread(target=trainee, args=item) for item in enumerate(sessions, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return join


def pages_in_seats(port: int, seats: list[Seat | None], clients: int, seconds: float) -> dict:
    """The main pages' p50/p99, `clients` browsers at once, client i in seats[i % len].
    The trivial view is measured again first (under "trivial"): on a shared machine the
    load changes between phases, and each phase's pages are compared with its own."""
    results = {"trivial": {"path": "/en/health/"}}
    results["trivial"]["measure"] = pages_measure(
        [Session(port) for _ in range(clients)], "/en/health/", seconds / 2
    )
    for name, path, who in MAIN_PAGES:
        sessions = [seated_session(port, seats[i % len(seats)], who) for i in range(clients)]
        status, _, _ = sessions[0].get(path)
        if status != 200:
            results[name] = {"path": path, "note": f"probe answered {status}"}
            continue
        results[name] = {"path": path, "measure": pages_measure(sessions, path, seconds)}
    return results


def sign_in_storm(port: int, seats: list[Seat], rounds: int) -> tuple[Measure, Measure]:
    """Each seat's trainee opens the sign-in page; then all press Sign In at the same moment.
    Returns the sign-in POST's latencies, and those until Ana's Subscriptions are shown."""
    post, shown = Measure(), Measure()
    for _round in range(rounds):
        sessions = [seated_session(port, seat, None) for seat in seats]
        for session in sessions:
            session.get(SIGN_IN)
        barrier = threading.Barrier(len(sessions))

        def trainee(session, barrier=barrier):
            barrier.wait()
            started = time.perf_counter()
            status, location, _ = session.post(SIGN_IN, {"username": ANA, "password": PASSWORD})
            post.record(time.perf_counter() - started, status)
            for _hop in range(3):  # the landing redirects to the outcome page
                if status not in (301, 302) or not location:
                    break
                status, location, _ = session.get(location)
            shown.record(time.perf_counter() - started, status)

        threads = [threading.Thread(target=trainee, args=(s,)) for s in sessions]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
    return post, shown


@dataclass
class Trainee:
    """One seat's trainee in the ordering scenario, and what they did."""

    seat: Seat
    subscription_id: int | None = None
    orders: int = 0
    licenses_added: int = 0
    rounds: int = 0
    errors: list[str] = field(default_factory=list)


def order_storm(
    port: int, seats: list[Seat], seconds: float
) -> tuple[list[Trainee], Measure, float]:
    """Every seat's trainee, at once, for `seconds`: sign in as Ana, Subscriptions, Add
    Agents (1 to 3 licenses), Add to Cart, the checkout, Place Order, Subscriptions again,
    sign out. A round begun before the time is up is finished. Returns the trainees, every
    request's latency, and the seconds from the start until the last trainee stopped."""
    requests = Measure()
    trainees = [Trainee(seat) for seat in seats]
    stop_at = time.monotonic() + seconds

    def step(session, trainee, method, path, fields=None, expected=200):
        started = time.perf_counter()
        try:
            answer = session.get(path) if method == "GET" else session.post(path, fields or {})
        except OSError as error:
            trainee.errors.append(f"{method} {path}: {error!r}")
            raise
        requests.record(time.perf_counter() - started, answer[0])
        if answer[0] != expected:
            trainee.errors.append(f"{method} {path}: {answer[0]} (expected {expected})")
            raise RuntimeError(trainee.errors[-1])
        return answer

    def play(trainee: Trainee):
        session = seated_session(port, trainee.seat, None)
        while time.monotonic() < stop_at:
            try:
                step(session, trainee, "GET", SIGN_IN)
                step(
                    session, trainee, "POST", SIGN_IN, {"username": ANA, "password": PASSWORD}, 302
                )
                _, _, page = step(session, trainee, "GET", SUBSCRIPTIONS)
                link = ADD_LICENSES_LINK.search(page)
                if link is None:
                    trainee.errors.append("no Add Licenses link on Subscriptions")
                    break
                add_licenses, subscription_id = link.group(1).decode(), int(link.group(2))
                if trainee.subscription_id not in (None, subscription_id):
                    trainee.errors.append("the first subscription changed")
                trainee.subscription_id = subscription_id
                quantity = 1 + trainee.rounds % 3
                step(session, trainee, "GET", add_licenses)
                step(session, trainee, "POST", add_licenses, {"quantity": quantity}, 302)
                _, _, summary = step(session, trainee, "GET", CHECKOUT)
                fields = {
                    name.decode(): value.decode()
                    for name, value in HIDDEN_INPUT.findall(summary)
                    if name != b"csrfmiddlewaretoken"
                }
                _, location, _ = step(session, trainee, "POST", CHECKOUT, fields, 302)
                if not location.endswith(SUBSCRIPTIONS):
                    trainee.errors.append(f"Place Order led to {location}")
                    break
                trainee.orders += 1
                trainee.licenses_added += quantity
                step(session, trainee, "GET", SUBSCRIPTIONS)
                step(session, trainee, "POST", SIGN_OUT, {}, 302)
                trainee.rounds += 1
            except (OSError, RuntimeError):
                time.sleep(0.1)
                session = seated_session(port, trainee.seat, None)

    started = time.monotonic()
    threads = [threading.Thread(target=play, args=(t,)) for t in trainees]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 120)
    return trainees, requests, time.monotonic() - started


def licenses_by_seat() -> dict[int, dict[int, int]]:
    """{seat id: {subscription id: licenses}} of every seat, read past the seat scope."""
    from django.db import connection

    from accounts.models import Subscription

    seats: dict[int, dict[int, int]] = {}
    rows = Subscription._base_manager.values_list("seat_id", "pk", "licenses")
    for seat_id, pk, licenses in rows:
        seats.setdefault(seat_id, {})[pk] = licenses
    connection.close()
    return seats


def orders_check(
    before: dict[int, dict[int, int]], after: dict[int, dict[int, int]], trainees: list[Trainee]
) -> list[str]:
    """What is wrong with the licenses after the ordering scenario: every seat's ordered
    subscription must hold its start plus its own trainee's licenses, and nothing else of any
    seat (the default seat and every other) may have changed. Empty when all is right."""
    expected = {seat_id: dict(subscriptions) for seat_id, subscriptions in before.items()}
    for trainee in trainees:
        if trainee.subscription_id is not None:
            expected[trainee.seat.pk][trainee.subscription_id] += trainee.licenses_added
    problems = []
    for seat_id in sorted(set(expected) | set(after)):
        if expected.get(seat_id) != after.get(seat_id):
            problems.append(
                f"seat {seat_id}: expected {expected.get(seat_id)}, found {after.get(seat_id)}"
            )
    return problems


# One trainee's round of the ordering scenario, step by step, as measured by `round_cpu`.
ROUND_STEPS = [
    "GET sign-in page",
    "POST sign-in",
    "GET landing (redirect)",
    "GET Subscriptions",
    "GET Add Agents",
    "POST Add to Cart",
    "GET checkout",
    "POST Place Order",
    "GET Subscriptions again",
    "POST sign-out",
]


def round_cpu(seats: list[Seat], rounds: int = 20) -> dict[str, float]:
    """Median CPU milliseconds of each step of a trainee's round, in this process with
    Django's test client on the same database and settings (no HTTP, no gunicorn): what a
    request costs the server, a figure a busy machine hardly disturbs (the wall time does)."""
    from django.db import connection
    from django.test import Client

    cpu: dict[str, list[float]] = {step: [] for step in ROUND_STEPS}

    def timed(step, client, path, data=None):
        started = time.process_time()
        response = client.get(path) if data is None else client.post(path, data)
        cpu[step].append(time.process_time() - started)
        return response.content

    for n in range(rounds + 3):  # the first three warm the caches and are not counted
        seat = seats[n % len(seats)]
        client = Client(SERVER_NAME="localhost")
        client.get(seat.enter_path)
        timed(ROUND_STEPS[0], client, SIGN_IN)
        timed(ROUND_STEPS[1], client, SIGN_IN, {"username": ANA, "password": PASSWORD})
        timed(ROUND_STEPS[2], client, "/en/billing/")
        page = timed(ROUND_STEPS[3], client, SUBSCRIPTIONS)
        add_licenses = ADD_LICENSES_LINK.search(page).group(1).decode()
        timed(ROUND_STEPS[4], client, add_licenses)
        timed(ROUND_STEPS[5], client, add_licenses, {"quantity": 1})
        summary = timed(ROUND_STEPS[6], client, CHECKOUT)
        fields = {name.decode(): value.decode() for name, value in HIDDEN_INPUT.findall(summary)}
        timed(ROUND_STEPS[7], client, CHECKOUT, fields)
        timed(ROUND_STEPS[8], client, SUBSCRIPTIONS)
        timed(ROUND_STEPS[9], client, SIGN_OUT, {})
        if n < 3:
            for values in cpu.values():
                values.clear()
    connection.close()
    return {step: round(statistics.median(values) * 1000, 1) for step, values in cpu.items()}
