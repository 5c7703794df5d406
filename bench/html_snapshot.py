"""The HTML of the class scenario's pages, written to a folder, to show that a change made to
save CPU leaves every page the same, byte for byte.

    DJANGO_SECRET_KEY=... python -m bench.html_snapshot /tmp/before   # on the old commit
    DJANGO_SECRET_KEY=... python -m bench.html_snapshot /tmp/after    # on the new one
    diff -r /tmp/before /tmp/after                                      # nothing

Each persona's main pages (and the pages a trainee's round shows), signed out and signed in,
in English, Spanish and Brazilian Portuguese, in the default seat and in a seat of a class,
through Django's test client on the production settings, on a fresh SQLite file
(bench/snapshot.sqlite3) with the sample data and a fixed date (SANDBOX_TODAY). Only what
changes from one request to the next is replaced by a placeholder: CSRF tokens, and the
class's random codes (join code, seat tokens, rejoin codes), and clock times (the mailbox's
messages are stamped with the real minute).
"""

import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ["en", "es", "pt-br"]
ANA, BRUNO = "ana.billing@acme.example", "bruno.admin@acme.example"

# (file name, path after the language prefix, who: an email, "portal", or None).
PAGES = [
    ("home", "", None),
    ("guide", "guide/", None),
    ("mailbox", "mailbox/", None),
    ("bc-sign-in", "billing/sign-in/", None),
    ("bc-subscriptions-ana", "billing/subscriptions/", ANA),
    ("bc-add-licenses-ana", "add-licenses", ANA),  # Ana's first subscription's Add Agents
    ("bc-cart-ana", "billing/cart/", ANA),
    ("bc-billing-history-ana", "billing/billing-history/", ANA),
    ("bc-my-account-ana", "billing/my-account/", ANA),
    ("bc-payment-method-ana", "billing/payment-method/", ANA),
    ("ac-home-ana", "admin-center/", ANA),
    ("ac-users-ana", "admin-center/users/", ANA),
    ("ac-add-licenses-bruno", "admin-center/add-licenses/", BRUNO),
    ("portal-sign-in", "corp-billing/", None),
    ("portal-invoices", "corp-billing/invoices/", "portal"),
    ("portal-subscriptions", "corp-billing/subscriptions/", "portal"),
]
VARYING = [
    (
        re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"'),
        b'name="csrfmiddlewaretoken" value="*"',
    ),
    (re.compile(rb"/seats/[\w-]+/"), b"/seats/*/"),
    (re.compile(rb'data-code="[^"]*"'), b'data-code="*"'),
    # The mailbox's times of sending (the real clock's minute).
    (re.compile(rb"\b\d{1,2}:\d{2}( [AP]M)?\b"), b"*:*"),
    (re.compile(rb'(data-testid="seat-rejoin-code"[^>]*>.*?<strong[^>]*>)[^<]*'), rb"\1*"),
]
ADD_LICENSES_LINK = re.compile(rb'href="/[\w-]+/billing/subscriptions/(\d+)/add-licenses/"')


def setup() -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.production"
    os.environ["DJANGO_SECURE_TLS"] = "0"
    os.environ["SANDBOX_TODAY"] = "2026-03-02"
    if not os.environ.get("DJANGO_SECRET_KEY"):
        raise SystemExit("Set DJANGO_SECRET_KEY.")
    database = ROOT / "bench" / "snapshot.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", "--noinput", verbosity=0)
    call_command("load_sandbox", verbosity=0)


def client_for(language: str, seat_path: str | None, who):
    from django.conf import settings
    from django.test import Client

    from bench.client import PORTAL_PASSWORD, PORTAL_USER_ID

    client = Client(SERVER_NAME="localhost")
    if seat_path:
        client.get(seat_path)
    if who == "portal":
        client.post(
            f"/{language}/corp-billing/", {"user_id": PORTAL_USER_ID, "password": PORTAL_PASSWORD}
        )
    elif who:
        client.post(
            f"/{language}/billing/sign-in/",
            {"username": who, "password": settings.SANDBOX_PASSWORD},
        )
    return client


def snapshot(folder: Path) -> int:
    from classes.services import class_create

    classroom = class_create(name="Snapshot class", seat_count=1, language="en")
    seat = classroom.seats.get()
    written = 0
    for where, seat_path in [
        ("default-seat", None),
        ("class-seat", f"/en/seats/{seat.token}/enter/"),
    ]:
        for language in LANGUAGES:
            for name, path, who in PAGES:
                client = client_for(language, seat_path, who)
                if path == "add-licenses":
                    listing = client.get(f"/{language}/billing/subscriptions/").content
                    pk = ADD_LICENSES_LINK.search(listing).group(1).decode()
                    path = f"billing/subscriptions/{pk}/add-licenses/"
                response = client.get(f"/{language}/{path}")
                content = response.content
                for pattern, replacement in VARYING:
                    content = pattern.sub(replacement, content)
                out = folder / where / language / f"{name}.html"
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_bytes(f"HTTP {response.status_code}\n".encode() + content)
                written += 1
    return written


def main() -> int:
    if len(sys.argv) != 2:
        raise SystemExit("python -m bench.html_snapshot FOLDER")
    folder = Path(sys.argv[1])
    setup()
    print(f"{snapshot(folder)} pages written to {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
