"""`make bench-pages` (and the first part of `make bench`): the speed of a page, in this process.

Each main page is rendered N times (BENCH_RENDERS, default 30) through Django's test client on
the production settings (no HTTP, no gunicorn, no other client), and its p50 wall-clock time is
compared with the trivial view's (`/en/health/`) measured the same way in the same run. Then
the Billing Center Subscriptions page of two accounts alike in everything but their size: one
with 2 subscription cards, one with 50 (BENCH_CARDS); a page's cost should grow far slower
than its cards (the target: 50 cards at most 3 times 2 cards).

For each page, besides time, what one render does: SQL queries, gettext calls (gettext,
pgettext, ngettext), URL reversals, and numbers formatted (Babel's currency and date
formatting, Django's number formatting). These counts do not depend on the machine's load;
the times do (the load average is printed before and after).

The database is a fresh SQLite file, bench/pages.sqlite3: the sample data (`load_sandbox`)
and the large account of `seed_bench` (its 50 subscriptions), plus a small account of 2.
"""

import os
import statistics
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

RENDERS = int(os.environ.get("BENCH_RENDERS", "30"))
CARDS = int(os.environ.get("BENCH_CARDS", "50"))
FEW_CARDS = 2
PASSWORD_NOTE = "the personas' public password (settings.SANDBOX_PASSWORD)"
SMALL_ACCOUNT, SMALL_ADMIN = "Bench Small Co", "small.billing@bench.example"
BENCH_BILLING = "bench.billing@bench.example"
ANA, BRUNO = "ana.billing@acme.example", "bruno.admin@acme.example"

# (name, path, who is signed in: an email, "portal" for Diego's portal login, or None).
MAIN_PAGES = [
    ("home page", "/en/", None),
    ("BC Subscriptions (Ana)", "/en/billing/subscriptions/", ANA),
    ("BC Billing history (Ana)", "/en/billing/billing-history/", ANA),
    ("BC My Account (Ana)", "/en/billing/my-account/", ANA),
    ("AC home (Ana)", "/en/admin-center/", ANA),
    ("AC Add Licenses (Bruno: AC-2)", "/en/admin-center/add-licenses/", BRUNO),
    ("AC Manage Users (Ana)", "/en/admin-center/users/", ANA),
    ("Portal invoices (Diego)", "/en/corp-billing/invoices/", "portal"),
    ("Portal subscriptions (Diego)", "/en/corp-billing/subscriptions/", "portal"),
]
SUBSCRIPTIONS = "/en/billing/subscriptions/"


def setup() -> None:
    """Production settings on a fresh SQLite file; the sample data, the large account, and a
    small one alike but for its size."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.production"
    os.environ["DJANGO_SECURE_TLS"] = "0"
    if not os.environ.get("DJANGO_SECRET_KEY"):
        raise SystemExit("Set DJANGO_SECRET_KEY (make bench-pages does).")
    database = ROOT / "bench" / "pages.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", "--noinput", verbosity=0)
    call_command("load_sandbox")
    from sandbox.management.commands.seed_bench import seed

    seed(users=50, subscriptions=CARDS, invoices=100)
    small_account_make()


def small_account_make() -> None:
    """An account like Bench Industries with FEW_CARDS of its subscriptions' products, in the
    default seat (once: the CPU part calls it again on the same database)."""
    from django.conf import settings

    from accounts.hashers import public_password_hash
    from accounts.models import Account, Subscription, User

    if Account.objects.filter(name=SMALL_ACCOUNT).exists():
        return
    big = Account.objects.get(name="Bench Industries")
    small = Account.objects.create(name=SMALL_ACCOUNT, billing="standard", currency="USD")
    User.objects.create(
        email=SMALL_ADMIN,
        first_name="Small",
        last_name="Billing admin",
        account=small,
        is_account_admin=True,
        is_billing_admin=True,
        password=public_password_hash(settings.SANDBOX_PASSWORD),
    )
    for subscription in big.subscriptions.order_by("pk")[:FEW_CARDS]:
        subscription.pk = None
        subscription.account = small
        Subscription.objects.bulk_create([subscription])


class Counts:
    """What one render does, counted by wrapping the functions that do it."""

    def __init__(self):
        self.gettext = self.reverse = self.formats = 0


@contextmanager
def counted(counts: Counts):
    import babel.dates
    import babel.numbers
    from django.urls.resolvers import URLResolver
    from django.utils import numberformat, translation

    import core.formatting

    def wrap(owner, name, field):
        original = getattr(owner, name)

        def wrapper(*args, **kwargs):
            setattr(counts, field, getattr(counts, field) + 1)
            return original(*args, **kwargs)

        setattr(owner, name, wrapper)
        return owner, name, original

    # _trans caches its functions on first use: wrap those (a variable, not a literal, so that
    # makemessages finds no message here).
    warm_up = "x"
    translation.gettext(warm_up)
    translation.pgettext(warm_up, warm_up)
    translation.ngettext(warm_up, warm_up, 1)
    patched = [
        wrap(translation._trans, "gettext", "gettext"),
        wrap(translation._trans, "pgettext", "gettext"),
        wrap(translation._trans, "ngettext", "gettext"),
        wrap(URLResolver, "_reverse_with_prefix", "reverse"),
        wrap(numberformat, "format", "formats"),
        *(
            wrap(module, name, "formats")
            for module in (core.formatting, babel.numbers, babel.dates)
            for name in ("format_currency", "format_date", "format_time")
            if hasattr(module, name)
        ),
    ]
    try:
        yield counts
    finally:
        for owner, name, original in reversed(patched):
            setattr(owner, name, original)


def client_for(who):
    from django.conf import settings
    from django.test import Client

    from bench.client import PORTAL_PASSWORD, PORTAL_USER_ID

    client = Client(SERVER_NAME="localhost")
    client.get("/en/health/")
    if who == "portal":
        client.get("/en/corp-billing/")
        client.post("/en/corp-billing/", {"user_id": PORTAL_USER_ID, "password": PORTAL_PASSWORD})
    elif who:
        client.post(
            "/en/billing/sign-in/", {"username": who, "password": settings.SANDBOX_PASSWORD}
        )
    return client


def measure(path: str, who) -> dict:
    """p50 of RENDERS renders (wall clock and this process's CPU), and one render's counts."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(who)
    for _ in range(3):  # warm the caches (templates, translations, URL resolvers)
        status = client.get(path).status_code
    wall, cpu = [], []
    for _ in range(RENDERS):
        started, started_cpu = time.perf_counter(), time.process_time()
        client.get(path)
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    counts = Counts()
    with CaptureQueriesContext(connection) as queries, counted(counts):
        client.get(path)
    return {
        "status": status,
        "p50_ms": statistics.median(wall) * 1000,
        "cpu_ms": statistics.median(cpu) * 1000,
        "queries": len(queries),
        "gettext": counts.gettext,
        "reverse": counts.reverse,
        "formats": counts.formats,
    }


def row(name: str, m: dict, trivial: dict) -> str:
    return (
        f"{name:34} {m['status']:4d} {m['p50_ms']:8.2f} {m['p50_ms'] / trivial['p50_ms']:6.1f}"
        f" {m['cpu_ms']:8.2f} {m['queries']:5d} {m['gettext']:6d} {m['reverse']:5d}"
        f" {m['formats']:6d}"
    )


def main() -> int:
    load_before = [round(x, 2) for x in os.getloadavg()]
    setup()
    print(f"load average (1, 5, 15 min) before: {load_before}")
    print(f"in-process renders (Django's test client), p50 of {RENDERS}; x = p50 / trivial p50")
    header = (
        f"{'page':34} {'HTTP':>4} {'p50 ms':>8} {'x':>6} {'cpu ms':>8} {'SQL':>5}"
        f" {'gettxt':>6} {'urls':>5} {'fmts':>6}"
    )
    print(header)
    trivial = measure("/en/health/", None)
    print(row("trivial view (/en/health/)", trivial, trivial))
    worst = 0.0
    for name, path, who in MAIN_PAGES:
        m = measure(path, who)
        worst = max(worst, m["p50_ms"] / trivial["p50_ms"])
        print(row(name, m, trivial), flush=True)
    few = measure(SUBSCRIPTIONS, SMALL_ADMIN)
    many = measure(SUBSCRIPTIONS, BENCH_BILLING)
    print(f"\nSubscriptions, {FEW_CARDS} cards against {CARDS} (same kind of account)")
    print(header)
    print(row(f"Subscriptions, {FEW_CARDS} cards", few, trivial))
    print(row(f"Subscriptions, {CARDS} cards", many, trivial))
    print(
        f"{CARDS} cards / {FEW_CARDS} cards: time x{many['p50_ms'] / few['p50_ms']:.2f}, "
        f"CPU x{many['cpu_ms'] / few['cpu_ms']:.2f}, queries {few['queries']} -> "
        f"{many['queries']}, gettext {few['gettext']} -> {many['gettext']}, URL reversals "
        f"{few['reverse']} -> {many['reverse']}, formats {few['formats']} -> {many['formats']}"
    )
    print(f"worst main page: x{worst:.1f} the trivial view")
    print(f"load average (1, 5, 15 min) at the end: {[round(x, 2) for x in os.getloadavg()]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
