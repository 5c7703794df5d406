"""The README's run command (`make run`), served as the Makefile starts it, holds a class: 60
trainees joining at the same moment, then signing in, then pressing Place Order, each answered
as a browser expects, with every seat holding exactly its own order; and a trainee's machine
reaches it. On the database DATABASE_URL names (.ci/run: SQLite, then PostgreSQL).

Only 127.0.0.1 is contacted: the room's network address is checked through the Host header,
never by sending traffic to it."""

import json
import os
import signal
import subprocess
import threading
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest

from bench.class_scenario import ADD_LICENSES_LINK, ANA, CHECKOUT, HIDDEN_INPUT, SUBSCRIPTIONS
from bench.client import PASSWORD, SIGN_IN, Session
from core.serving import primary_address
from tests.production.test_serve import ROOT, _free_port, _get, _manage, wait_until_healthy
from tests.threads import joined

TRAINEES = 60
SECRET_KEY = "room-test-" + "Vb7pQ-x2Ld9" * 5
# Each phase's threads end within this (seconds); a hung server fails the test, never hangs it.
PHASE_SECONDS = 240


def _room_line(**make_variables) -> str:
    """The shell line `make run` serves with (after its set-up), as its recipe writes it."""
    variables = [f"{name}={value}" for name, value in make_variables.items()]
    dry_run = subprocess.run(
        ["make", "-n", "run", *variables], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    return next(line for line in dry_run.splitlines() if "manage.py room " in line)


@contextmanager
def _database(tmp_path):
    """A database of the server's own on the engine DATABASE_URL names (SQLite by default)."""
    given = os.environ.get("DATABASE_URL", "")
    if not given.startswith("postgres"):
        yield f"sqlite:///{tmp_path / 'room.sqlite3'}"
        return
    import psycopg

    base, _, _name = given.rpartition("/")
    name = f"room_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _room_env(database_url):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SANDBOX_"))}
    env.update(DATABASE_URL=database_url, DJANGO_SECRET_KEY=SECRET_KEY)
    return env


@contextmanager
def _room(env, log: Path, **make_variables):
    """The room served by `make run`'s own line; yields its port once it answers."""
    port = _free_port()
    with log.open("w") as out:
        server = subprocess.Popen(
            ["sh", "-c", _room_line(PORT=port, **make_variables)],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # the shell, gunicorn and its workers: one group to stop
        )
        try:
            wait_until_healthy(server, port)
            assert server.poll() is None, log.read_text()
            yield port
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The set-up of `make run` (migrate, load_sandbox), then the room on every network."""
    tmp_path = tmp_path_factory.mktemp("room")
    with _database(tmp_path) as database_url:
        env = _room_env(database_url)
        _manage(env, "migrate", "--noinput", "-v", "0")
        _manage(env, "load_sandbox")
        log = tmp_path / "room.log"
        with _room(env, log) as port:
            yield env, port, log


def _shell(env, code: str) -> str:
    return _manage(env, "shell", "-v", "0", "-c", code).stdout


def _licenses_by_seat(env, code: str) -> dict:
    """{seat number (0: the default seat): {"name", "licenses": {subscription: licenses}}}."""
    script = f"""
import json
from accounts.models import Subscription
from seats.models import Seat
seats = {{s.pk: s for s in Seat.objects.filter(classroom__code={code!r})}}
default = Seat.objects.get(is_default=True)
found = {{}}
for seat_id, pk, licenses in Subscription._base_manager.values_list("seat_id", "pk", "licenses"):
    if seat_id == default.pk or seat_id in seats:
        seat = seats.get(seat_id)
        row = found.setdefault(seat.number if seat else 0, {{
            "name": seat.display_name if seat else "", "licenses": {{}}}})
        row["licenses"][str(pk)] = licenses
print(json.dumps(found))
"""
    found = json.loads(_shell(env, script))
    return {int(number): row for number, row in found.items()}


class Trainee:
    """One trainee's browser and what the room answered it, phase by phase."""

    def __init__(self, port, code, number):
        self.session = Session(port)
        self.code, self.name, self.quantity = code, f"Trainee {number:02d}", 1 + number % 4
        self.answers: dict[str, tuple[int, str]] = {}
        self.subscription_id: str | None = None
        self.problem = ""

    def expect(self, phase, answer, status, location=None):
        self.answers[phase] = answer[0], answer[1]
        if answer[0] != status or (location is not None and answer[1] != location):
            raise AssertionError(f"{phase}: {answer[0]} {answer[1]!r}")
        return answer

    def play(self, barriers):
        """Ready each form, wait for everyone, press it: join, sign in, Place Order."""
        join, sign_in, order = barriers
        try:
            join_path = f"/en/join/{self.code}/"
            self.expect("join page", self.session.get(join_path), 200)
            join.wait()
            answer = self.session.post(join_path, {"display_name": self.name})
            self.expect("join", answer, 302, "/en/")
            self.expect("sign-in page", self.session.get(SIGN_IN), 200)
            sign_in.wait()
            answer = self.session.post(SIGN_IN, {"username": ANA, "password": PASSWORD})
            self.expect("sign-in", answer, 302)
            _, _, page = self.expect("subscriptions", self.session.get(SUBSCRIPTIONS), 200)
            add_licenses, self.subscription_id = (
                group.decode() for group in ADD_LICENSES_LINK.search(page).groups()
            )
            self.expect("add licenses", self.session.get(add_licenses), 200)
            answer = self.session.post(add_licenses, {"quantity": self.quantity})
            self.expect("add to cart", answer, 302)
            _, _, summary = self.expect("checkout", self.session.get(CHECKOUT), 200)
            fields = {
                name.decode(): value.decode()
                for name, value in HIDDEN_INPUT.findall(summary)
                if name != b"csrfmiddlewaretoken"
            }
            order.wait()
            self.expect("place order", self.session.post(CHECKOUT, fields), 302, SUBSCRIPTIONS)
        except Exception as error:  # noqa: BLE001 - reported by the test, with every other
            self.problem = f"{self.name}: {error!r}"
            for barrier in barriers:
                barrier.abort()  # the others stop waiting for this one


def test_sixty_trainees_join_sign_in_and_order_at_the_same_moment(served):
    env, port, _log = served
    code = _shell(
        env,
        "from classes.services import class_create; "
        f"print(class_create(name='Room', seat_count={TRAINEES}, language='en').code)",
    ).strip()
    before = _licenses_by_seat(env, code)
    trainees = [Trainee(port, code, number) for number in range(1, TRAINEES + 1)]
    barriers = [threading.Barrier(TRAINEES, timeout=PHASE_SECONDS) for _ in range(3)]
    threads = [threading.Thread(target=t.play, args=(barriers,), daemon=True) for t in trainees]
    for thread in threads:
        thread.start()
    joined(threads, timeout=PHASE_SECONDS * 3)
    problems = [t.problem for t in trainees if t.problem]
    assert problems == [], problems[:5]

    after = _licenses_by_seat(env, code)
    assert after[0] == before[0]  # the default seat: nobody's order landed there
    by_name = {t.name: t for t in trainees}
    assert sorted(row["name"] for n, row in after.items() if n) == sorted(by_name)
    for number in range(1, TRAINEES + 1):
        trainee = by_name[after[number]["name"]]
        expected = dict(before[number]["licenses"])
        expected[trainee.subscription_id] += trainee.quantity
        assert after[number]["licenses"] == expected, (number, trainee.name)


def test_the_room_prints_and_writes_the_address_trainees_reach(served):
    _env, port, log = served
    address = primary_address()
    if address is None:
        pytest.skip("this machine has no network address")
    room = f"http://{address}:{port}"
    assert f"The room: {room}/" in log.read_text()
    assert f"On this machine: http://127.0.0.1:{port}/" in log.read_text()
    # A trainee's browser names the room's address; the trainer's names 127.0.0.1.
    assert _get(port, "/en/", Host=f"{address}:{port}")[0] == 200
    assert _get(port, "/en/", Host="attacker.example")[0] == 400
    api = Session(port)
    status, location, body = api.request("POST", "/api/v1/seats/", {"language": "en"})
    assert status == 201
    assert json.loads(body)["join_url"].startswith(f"{room}/en/seats/")
    assert location.startswith(f"{room}/api/v1/seats/")
