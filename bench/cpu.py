"""The CPU a page costs the server, in the bench's own process (issue 25, point 7).

Django's test client on the bench's database and settings (no HTTP, no gunicorn): the median
of `time.process_time()` over many requests, which a busy machine disturbs far less than a
latency. Measured against the **signed-in empty page** (bench/views.py, reachable only
through bench/urls.py, which this process switches to): Ana signed in, in the same seat, the
whole middleware stack, `base.html` with an empty content block; the floor every page pays.

Targets, each checked in the same run:
- a trainee's round (sign-in to sign-out, 10 requests) at most ROUND_TARGET_MS of CPU;
- every main page of the class scenario (the personas' own accounts) at most PAGE_TARGET
  times the signed-in empty page, in every phase (one seat; in the class's seats; the
  default seat with the class loaded);
- Billing Center Subscriptions with 50 cards at most CARDS_TARGET times the page with 2.

`BENCH_ONLY=cpu python -m bench.run` runs this part alone (no server, no storm).
"""

import statistics
import time
from contextlib import contextmanager

from .class_scenario import ANA, MAIN_PAGES, SUBSCRIPTIONS
from .client import PASSWORD, PORTAL_PASSWORD, PORTAL_USER_ID, SIGN_IN
from .pages import FEW_CARDS, SMALL_ADMIN, small_account_make

EMPTY_PAGE = "/en/bench/empty-page/"  # bench/urls.py
ROUND_TARGET_MS = 55.0
PAGE_TARGET = 2.0
CARDS_TARGET = 3.0
EMPTY = "signed-in empty page (Ana)"
CPU_PAGES = [(EMPTY, EMPTY_PAGE, ANA), *MAIN_PAGES]
BENCH_BILLING = "bench.billing@bench.example"


@contextmanager
def bench_urls():
    """The product's URLs plus the signed-in empty page, in this process only."""
    from django.test.utils import override_settings

    with override_settings(ROOT_URLCONF="bench.urls"):
        yield


def client_in(seat, who):
    """A new browser (Django's test client) in `seat` (None: the default seat), signed in as
    `who` (an email, "portal" for Diego's portal User ID, or None)."""
    from django.test import Client

    client = Client(SERVER_NAME="localhost")
    client.get("/en/health/")  # a new client's first request sets up its handler
    if seat is not None:
        client.get(seat.enter_path)
    if who == "portal":
        client.get("/en/corp-billing/")  # the portal's own sign-in, as a browser
        client.post("/en/corp-billing/", {"user_id": PORTAL_USER_ID, "password": PORTAL_PASSWORD})
    elif who:
        client.post(SIGN_IN, {"username": who, "password": PASSWORD})
    return client


def pages_cpu(seats: list, requests: int = 20, pages=None) -> dict[str, float | None]:
    """Median CPU milliseconds of each page (the empty page first), one new browser per
    request, in the seats of `seats` in turn (None: the default seat), signed in as the page
    needs. The first three of each page warm the caches and are not counted."""
    from django.db import connection

    cpu = {}
    with bench_urls():
        for name, path, who in pages or CPU_PAGES:
            spent, status = [], None
            for n in range(requests + 3):
                client = client_in(seats[n % len(seats)], who)
                started = time.process_time()
                status = client.get(path).status_code
                if n >= 3:
                    spent.append(time.process_time() - started)
            cpu[name] = round(statistics.median(spent) * 1000, 2) if status == 200 else None
    connection.close()
    return cpu


def cards_cpu(requests: int = 20) -> dict[str, float | None]:
    """Billing Center Subscriptions with FEW_CARDS cards against the seed's 50, in the default
    seat, measured alternately."""
    small_account_make()
    few, many = f"Subscriptions, {FEW_CARDS} cards", "Subscriptions, 50 cards"
    return pages_cpu(
        [None],
        requests,
        pages=[(few, SUBSCRIPTIONS, SMALL_ADMIN), (many, SUBSCRIPTIONS, BENCH_BILLING)],
    )


PHASES = [
    ("cpu_one_seat", "one seat"),
    ("cpu_in_seats", "in seats"),
    ("cpu_default_seat", "default"),
]


def targets(result: dict) -> list[tuple[str, float, float, bool]]:
    """(what, measured, limit, met) for each target of issue 25's point 7."""
    checks = []
    total = sum(result["round_cpu_ms"].values())
    checks.append(("trainee's round, CPU ms", total, ROUND_TARGET_MS, total <= ROUND_TARGET_MS))
    for key, phase in PHASES:
        pages = result.get(key)
        if not pages or not pages.get(EMPTY):
            continue
        worst_name, worst = max(
            ((name, ms / pages[EMPTY]) for name, ms in pages.items() if name != EMPTY and ms),
            key=lambda item: item[1],
        )
        checks.append(
            (
                f"worst main page / empty page, {phase} ({worst_name})",
                worst,
                PAGE_TARGET,
                worst <= PAGE_TARGET,
            )
        )
    cards = result.get("cards_cpu_ms")
    if cards and all(cards.values()):
        few, many = cards.values()
        ratio = many / few
        met = ratio <= CARDS_TARGET
        checks.append(("Subscriptions 50 cards / 2 cards", ratio, CARDS_TARGET, met))
    return checks


def report(result: dict) -> None:
    """Print the pages' CPU as ratios to the signed-in empty page, the round, the cards, and
    whether each target is met."""
    phases = [(key, label) for key, label in PHASES if result.get(key)]
    print(
        "\nCPU, median ms in this process with Django's test client (no HTTP); r = the page's"
        "\nCPU over the signed-in empty page's in the same phase: one seat (before the class),"
        "\nin the class's seats, in the default seat after"
    )
    print(f"{'page':40}" + "".join(f" {label:>9} {'r':>5}" for _key, label in phases))
    for name, _path, _who in CPU_PAGES:
        cells = []
        for key, _label in phases:
            ms, empty = result[key].get(name), result[key].get(EMPTY)
            cells.append(f" {ms:9.2f} {ms / empty:5.2f}" if ms and empty else f" {'-':>9} {'':5}")
        print(f"{name:40}" + "".join(cells))
    cpu = result["round_cpu_ms"]
    print(f"\nCPU of one trainee's round, median ms per step: {sum(cpu.values()):.1f} ms")
    for step, ms in cpu.items():
        print(f"  {step:30} {ms:6.1f}")
    cards = result.get("cards_cpu_ms")
    if cards:
        print("\nBilling Center Subscriptions, CPU median ms (same kind of account):")
        for name, ms in cards.items():
            print(f"  {name:30} {ms if ms is None else f'{ms:6.2f}'}")
    print("\ntargets (issue 25, point 7):")
    for what, measured, limit, met in targets(result):
        print(f"  {what:70} {measured:7.2f} <= {limit:5.1f}  {'met' if met else 'NOT MET'}")
