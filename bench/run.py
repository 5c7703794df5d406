"""`make bench`: the production server under gunicorn, a large account, the main flows driven
by concurrent clients for a fixed time; throughput and p50/p99 latency for each flow and for a
trivial view of the same server, as a ratio.

Only 127.0.0.1 is contacted. Every phase is bounded in time. Settings: BENCH_SECONDS (per
flow, default 10), BENCH_CLIENTS (concurrent client threads, default 8), BENCH_WORKERS
(gunicorn workers, default 3), DATABASE_URL (default: a fresh SQLite file in bench/).
"""

import http.client
import json
import os
import platform
import re
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SECONDS = float(os.environ.get("BENCH_SECONDS", "10"))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "8"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "3"))
HOST = "127.0.0.1"
PASSWORD = os.environ.get("SANDBOX_PASSWORD", "sandbox-2026")
BILLING_ADMIN, ACCOUNT_ADMIN = "bench.billing@bench.example", "bench.admin@bench.example"
PORTAL_USER_ID, PORTAL_PASSWORD = "GLOBEX-4471", "corp-2026"


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


class Session:
    """One browser-like client: keeps cookies, speaks HTTP/1.1 to 127.0.0.1 only."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: dict | None = None):
        connection = http.client.HTTPConnection(HOST, self.port, timeout=30)
        headers = {"Accept-Language": "en"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = None
        if body is not None:
            data = urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=data, headers=headers)
            response = connection.getresponse()
            content = response.read()
            for header, value in response.getheaders():
                if header.lower() == "set-cookie":
                    name, _, rest = value.partition("=")
                    self.cookies[name.strip()] = rest.split(";", 1)[0]
            return response.status, response.getheader("Location", ""), content
        finally:
            connection.close()

    def get(self, path):
        return self.request("GET", path)

    def post_form(self, path: str, fields: dict) -> tuple[int, str, bytes]:
        """GET the page, then POST it with its CSRF token, as a browser would."""
        _, _, content = self.get(path)
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', content)
        return self.request(
            "POST",
            path,
            {**fields, "csrfmiddlewaretoken": token.group(1).decode() if token else ""},
        )


def sign_in(port: int, email: str) -> Session:
    session = Session(port)
    status, location, _ = session.post_form(
        "/en/billing/sign-in/", {"username": email, "password": PASSWORD}
    )
    if status != 302:
        raise RuntimeError(f"sign-in of {email} answered {status}")
    return session


def portal_session(port: int) -> Session:
    session = Session(port)
    _, _, content = session.get("/en/corp-billing/")
    names = re.findall(rb'<input[^>]+name="([^"]+)"', content)
    fields = {}
    for name in (n.decode() for n in names):
        if name == "csrfmiddlewaretoken" or name == "next":
            continue
        fields[name] = PORTAL_PASSWORD if "password" in name else PORTAL_USER_ID
    session.post_form("/en/corp-billing/", fields)
    return session


@dataclass
class Flow:
    name: str
    path: str
    make_session: object  # port -> Session
    sign_in_each_time: str | None = None  # email: the flow includes the sign-in itself
    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    available: bool = True
    note: str = ""


def run_flow(flow: Flow, port: int) -> None:
    probe = flow.make_session(port)
    status, _, _ = probe.get(flow.path)
    if status == 404:
        flow.available, flow.note = False, "not available (404 in this branch)"
        return
    if status != 200:
        flow.note = f"probe answered {status}"
    # Every client signs in before the clock starts: only the flow itself is measured.
    sessions = [None if flow.sign_in_each_time else flow.make_session(port) for _ in range(CLIENTS)]
    stop_at = time.monotonic() + SECONDS
    lock = threading.Lock()

    def client(session):
        while time.monotonic() < stop_at:
            started = time.perf_counter()
            if flow.sign_in_each_time:
                session = sign_in(port, flow.sign_in_each_time)
            status, _, _ = session.get(flow.path)
            elapsed = time.perf_counter() - started
            with lock:
                flow.latencies.append(elapsed)
                flow.statuses[status] = flow.statuses.get(status, 0) + 1

    threads = [threading.Thread(target=client, args=(session,)) for session in sessions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=SECONDS + 60)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[index]


def manage(*args: str, env: dict) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, timeout=600)


def main() -> int:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.production"}
    env.setdefault("DJANGO_SECURE_TLS", "0")
    env["DJANGO_SECURE_TLS"] = "0"  # plain http on loopback
    if not env.get("DJANGO_SECRET_KEY"):
        raise SystemExit("Set DJANGO_SECRET_KEY (make bench does).")
    if not env.get("DATABASE_URL"):
        database = ROOT / "bench" / "bench.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
        env["DATABASE_URL"] = f"sqlite:///{database}"
    engine = env["DATABASE_URL"].split(":", 1)[0]
    print(
        f"database: {engine}; gunicorn workers: {WORKERS}; clients: {CLIENTS}; "
        f"{SECONDS:g} s per flow",
        flush=True,
    )

    started = time.monotonic()
    manage("migrate", "--noinput", "-v", "0", env=env)
    manage("load_sandbox", env=env)
    seeded = subprocess.run(
        [PYTHON, "manage.py", "seed_bench"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=600,
        capture_output=True,
        text=True,
    ).stdout
    print(seeded.strip(), f"\nseeded in {time.monotonic() - started:.1f} s", flush=True)

    port = free_port()
    server = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "--bind",
            f"{HOST}:{port}",
            "--workers",
            str(WORKERS),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if Session(port).get("/en/health/")[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit("the server did not start")
            time.sleep(0.2)

        flows = [
            Flow("trivial view (/en/health/)", "/en/health/", Session),
            Flow("home page (/en/)", "/en/", Session),
            Flow(
                "sign-in -> Subscriptions",
                "/en/billing/subscriptions/",
                lambda p: sign_in(p, BILLING_ADMIN),
                sign_in_each_time=BILLING_ADMIN,
            ),
            Flow(
                "Billing Center Subscriptions",
                "/en/billing/subscriptions/",
                lambda p: sign_in(p, BILLING_ADMIN),
            ),
            Flow(
                "Admin Center Add Licenses",
                "/en/admin-center/add-licenses/",
                lambda p: sign_in(p, ACCOUNT_ADMIN),
            ),
            Flow(
                "Admin Center Manage Users",
                "/en/admin-center/users/",
                lambda p: sign_in(p, ACCOUNT_ADMIN),
            ),
            Flow("Portal invoices", "/en/corp-billing/invoices/", portal_session),
        ]
        for flow in flows:
            print(f"running: {flow.name}", flush=True)
            run_flow(flow, port)
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()

    trivial = flows[0]
    trivial_rps = len(trivial.latencies) / SECONDS
    trivial_p50 = percentile(trivial.latencies, 50)
    rows = []
    print()
    print(
        f"{'flow':34} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'p50 x':>6} {'req/s x':>8}",
        "statuses",
    )
    for flow in flows:
        if not flow.available or not flow.latencies:
            print(f"{flow.name:34} {flow.note or 'no sample'}")
            rows.append({"flow": flow.name, "available": False, "note": flow.note})
            continue
        rps = len(flow.latencies) / SECONDS
        p50, p99 = percentile(flow.latencies, 50), percentile(flow.latencies, 99)
        row = {
            "flow": flow.name,
            "path": flow.path,
            "available": True,
            "requests": len(flow.latencies),
            "throughput_per_s": round(rps, 1),
            "p50_ms": round(p50 * 1000, 1),
            "p99_ms": round(p99 * 1000, 1),
            "p50_vs_trivial": round(p50 / trivial_p50, 2),
            "throughput_vs_trivial": round(rps / trivial_rps, 3),
            "statuses": flow.statuses,
            "note": flow.note,
        }
        rows.append(row)
        print(
            f"{flow.name:34} {rps:8.1f} {p50 * 1000:8.1f} {p99 * 1000:8.1f} "
            f"{row['p50_vs_trivial']:6.2f} {row['throughput_vs_trivial']:8.3f}  {flow.statuses}"
            f"{'  ' + flow.note if flow.note else ''}"
        )
    machine = {
        "cpus": os.cpu_count(),
        "memory_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
        "load_average_at_end": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
        "platform": platform.platform(),
        "database": engine,
        "workers": WORKERS,
        "clients": CLIENTS,
        "seconds_per_flow": SECONDS,
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "seed": seeded.strip().splitlines(),
    }
    out = ROOT / "bench" / "results.json"
    out.write_text(json.dumps({"machine": machine, "flows": rows}, indent=2))
    print(f"\nload average (1, 5, 15 min) at the end: {machine['load_average_at_end']}")
    print(f"written to {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
