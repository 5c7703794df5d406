"""`make bench`: the production server under gunicorn (BENCH_SERVER=room: the README's run
command, `manage.py room`, on 127.0.0.1), a large account, the main flows driven
by concurrent clients for a fixed time; throughput and p50/p99 latency for each flow and for a
trivial view of the same server, as a ratio. Then the `class` scenario (bench/class_scenario.py):
a class of 60 seats made, the main pages with 60 seats loaded against one, 30 trainees signing
in at once, and every seat's trainee placing orders, with the licenses checked seat by seat.

Only 127.0.0.1 is contacted. Every phase is bounded in time. Settings: BENCH_SECONDS (per
flow, default 10), BENCH_CLIENTS (concurrent client threads, default 8), BENCH_WORKERS
(gunicorn workers, default 3), DATABASE_URL (default: a fresh SQLite file in bench/), and the
class scenario's BENCH_CLASS_SEATS (default 60; 0 skips the scenario), BENCH_SIGN_IN_SEATS
(30), BENCH_SIGN_IN_ROUNDS (5) and BENCH_CLASS_SECONDS (how long the trainees order, 60);
BENCH_PORT (default: a free port of 127.0.0.1); BENCH_ONLY=cpu runs only the CPU part
(bench/cpu.py), in this process, with no server.
Exits with 1 when the class scenario saw an error or a seat's licenses are not what its own
orders make them.
"""

import json
import os
import platform
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench import class_scenario, cpu
from bench.client import (
    HOST,
    Session,
    free_port,
    pages_measure,
    percentile,
    portal_session,
    sign_in,
)

ROOT = Path(__file__).resolve().parent.parent


PYTHON = sys.executable
SECONDS = float(os.environ.get("BENCH_SECONDS", "10"))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "8"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "3"))
# serve: `make serve`'s gunicorn with the production settings; room: `make run`'s command
# (gunicorn with the dev settings), kept to 127.0.0.1.
SERVER = os.environ.get("BENCH_SERVER", "serve")
# cpu: only the CPU part (bench/cpu.py), in this process: no server, no storm.
ONLY = os.environ.get("BENCH_ONLY", "")
SETTINGS = {"serve": "config.settings.production", "room": "config.settings.dev"}
BILLING_ADMIN, ACCOUNT_ADMIN = "bench.billing@bench.example", "bench.admin@bench.example"


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


def manage(*args: str, env: dict) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, timeout=600)


def main() -> int:
    if SERVER not in SETTINGS:
        raise SystemExit(f"BENCH_SERVER={SERVER!r}: serve or room.")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": SETTINGS[SERVER]}
    env["DJANGO_SECURE_TLS"] = "0"  # plain http on loopback
    if not env.get("DJANGO_SECRET_KEY"):
        raise SystemExit("Set DJANGO_SECRET_KEY (make bench does).")
    if not env.get("DATABASE_URL"):
        database = ROOT / "bench" / "bench.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
        env["DATABASE_URL"] = f"sqlite:///{database}"
    engine = env["DATABASE_URL"].split(":", 1)[0]
    load_before = [round(x, 2) for x in os.getloadavg()]
    print(f"load average (1, 5, 15 min) before: {load_before}")
    print(
        f"server: {SERVER} ({SETTINGS[SERVER]}); "
        f"database: {engine} (CONN_MAX_AGE {env.get('DJANGO_CONN_MAX_AGE', 'default')}); "
        f"gunicorn workers: {WORKERS}; clients: {CLIENTS}; "
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
    if ONLY == "cpu":
        django_setup(env)
        return cpu_only(load_before)
    if class_scenario.CLASS_SEATS:
        django_setup(env)

    port = int(os.environ.get("BENCH_PORT") or free_port())
    if SERVER == "room":  # its addresses and access log to nowhere; errors still to stderr
        command = ["manage.py", "room", "--host", HOST, "--port", str(port)]
        output = subprocess.DEVNULL
    else:
        command = ["-m", "gunicorn", "config.wsgi:application", "--bind", f"{HOST}:{port}"]
        command += ["--log-level", "warning"]
        output = None
    server = subprocess.Popen(
        [PYTHON, *command, "--workers", str(WORKERS)], cwd=ROOT, env=env, stdout=output
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
        classroom = class_run(port) if class_scenario.CLASS_SEATS else None
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
    failed = False
    if classroom is not None:
        failed = class_report(classroom, trivial_p50)
    machine = {
        "cpus": os.cpu_count(),
        "cpu_model": cpu_model(),
        "load_average_before": load_before,
        "memory_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
        "load_average_at_end": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
        "platform": platform.platform(),
        "server": SERVER,
        "settings": SETTINGS[SERVER],
        "database": engine,
        "conn_max_age": env.get("DJANGO_CONN_MAX_AGE", "the profile default (60)"),
        "workers": WORKERS,
        "clients": CLIENTS,
        "seconds_per_flow": SECONDS,
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "seed": seeded.strip().splitlines(),
    }
    out = ROOT / "bench" / ("results.json" if SERVER == "serve" else f"results-{SERVER}.json")
    results = {"machine": machine, "flows": rows, "class": class_json(classroom, trivial_p50)}
    out.write_text(json.dumps(results, indent=2))
    print(f"\nload average (1, 5, 15 min) at the end: {machine['load_average_at_end']}")
    print(f"written to {out.relative_to(ROOT)}")
    return 1 if failed else 0


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def django_setup(env: dict) -> None:
    """This process makes the class and reads the licenses through Django, on the server's
    database (never while the load runs)."""
    os.environ.update(env)
    import django

    django.setup()


def class_run(port: int) -> dict:
    """The class scenario, step by step (bench/class_scenario.py)."""
    cs = class_scenario
    result = {}
    print("running: main pages, one seat (the default seat, no class yet)", flush=True)
    result["pages_one_seat"] = cs.pages_in_seats(port, [None], CLIENTS, SECONDS)
    result["cpu_one_seat"] = cpu.pages_cpu([None])
    print(f"running: a class of {cs.CLASS_SEATS} seats made", flush=True)
    code, seats, result["creation"] = cs.class_create_timed(cs.CLASS_SEATS)
    print(f"  {result['creation']}", flush=True)
    result["trivial_before_join"] = trivial_now(port)
    print(f"running: {len(seats)} trainees joining the class at once", flush=True)
    result["join"] = cs.join_storm(port, code, len(seats))
    print(f"running: main pages, {len(seats)} seats loaded, each client in its own", flush=True)
    result["pages_in_seats"] = cs.pages_in_seats(port, seats, CLIENTS, SECONDS)
    print(f"running: main pages, {len(seats)} seats loaded, in the default seat", flush=True)
    result["pages_default_seat"] = cs.pages_in_seats(port, [None], CLIENTS, SECONDS)
    print("running: main pages' CPU in this process, one seat and 60", flush=True)
    result["cpu_in_seats"] = cpu.pages_cpu(seats)
    result["cpu_default_seat"] = cpu.pages_cpu([None])
    signing = seats[: cs.SIGN_IN_SEATS]
    result["trivial_before_sign_in"] = trivial_now(port)
    print(f"running: {len(signing)} trainees signing in at once, x{cs.SIGN_IN_ROUNDS}", flush=True)
    result["sign_in_post"], result["sign_in_shown"] = cs.sign_in_storm(
        port, signing, cs.SIGN_IN_ROUNDS
    )
    print(f"running: {len(seats)} trainees ordering for {cs.CLASS_SECONDS:g} s", flush=True)
    result["trivial_before_orders"] = trivial_now(port)
    before = cs.licenses_by_seat()
    trainees, requests, elapsed = cs.order_storm(port, seats, cs.CLASS_SECONDS)
    after = cs.licenses_by_seat()
    print("running: CPU of one trainee's round, in this process", flush=True)
    result["round_cpu_ms"] = cs.round_cpu(seats)
    print("running: Subscriptions with 2 cards and with 50, CPU in this process", flush=True)
    result["cards_cpu_ms"] = cpu.cards_cpu()
    result.update(
        trainees=trainees,
        order_requests=requests,
        order_elapsed=elapsed,
        license_problems=cs.orders_check(before, after, trainees),
        seats_checked=len(after),
    )
    return result


def cpu_only(load_before: list) -> int:
    """The CPU part of the class scenario alone (BENCH_ONLY=cpu): the pages before the class,
    the class made, the pages in its seats and in the default seat, a trainee's round, the
    cards; printed with the targets and written to bench/results-cpu.json."""
    cs = class_scenario
    result = {}
    print("running: main pages' CPU, one seat (no class yet)", flush=True)
    result["cpu_one_seat"] = cpu.pages_cpu([None])
    _code, seats, result["creation"] = cs.class_create_timed(cs.CLASS_SEATS or 60)
    print(f"running: main pages' CPU, in {len(seats)} seats and in the default seat", flush=True)
    result["cpu_in_seats"] = cpu.pages_cpu(seats)
    result["cpu_default_seat"] = cpu.pages_cpu([None])
    print("running: CPU of one trainee's round", flush=True)
    result["round_cpu_ms"] = cs.round_cpu(seats)
    print("running: Subscriptions with 2 cards and with 50", flush=True)
    result["cards_cpu_ms"] = cpu.cards_cpu()
    cpu.report(result)
    load_end = [round(x, 2) for x in os.getloadavg()]
    print(f"\nload average (1, 5, 15 min) before: {load_before}, at the end: {load_end}")
    out = ROOT / "bench" / "results-cpu.json"
    machine = {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "load_average_before": load_before,
        "load_average_at_end": load_end,
    }
    out.write_text(json.dumps({"machine": machine, **cpu_json(result)}, indent=2))
    print(f"written to {out.relative_to(ROOT)}")
    return 0


def cpu_json(result: dict) -> dict:
    return {
        "round_cpu_ms": result["round_cpu_ms"],
        "pages_cpu_ms": {
            "one_seat": result["cpu_one_seat"],
            "in_seats": result["cpu_in_seats"],
            "default_seat_with_class": result["cpu_default_seat"],
        },
        "cards_cpu_ms": result["cards_cpu_ms"],
        "cpu_targets": [
            {"what": what, "measured": round(measured, 2), "limit": limit, "met": met}
            for what, measured, limit, met in cpu.targets(result)
        ],
    }


def trivial_now(port: int):
    """The trivial view's latencies over a few seconds, now: the yardstick of the next step."""
    sessions = [Session(port) for _ in range(CLIENTS)]
    return pages_measure(sessions, "/en/health/", max(2.0, SECONDS / 2))


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f}"


def class_report(result: dict, trivial_p50: float) -> bool:
    """Print the class scenario's figures, each latency also as a multiple of the trivial
    view's p50 (x): the run's first one, and the one measured just before each step (on a
    shared machine the load changes from minute to minute; the step's own ratio is the one to
    read). Returns True when it failed (errors, wrong licenses, a trainee who ordered nothing)."""
    creation = result["creation"]
    print(f"\nclass scenario (x = times the trivial view's p50, {_ms(trivial_p50).strip()} ms)")
    print(
        f"class of {creation['seats']} seats made: {creation['seconds']:.2f} s "
        f"({creation['cpu_seconds']:.2f} s of this process's CPU), "
        f"{creation['queries']} queries ({creation['queries_per_seat']} per seat); "
        f"x{creation['seconds'] / trivial_p50:.0f}"
    )
    # What a browser expects of each press: Join and Sign In redirect, Subscriptions shows.
    storms = [
        ("join", "  Join pressed -> answer", "trivial_before_join", 302),
        ("sign_in_post", "  Sign In pressed -> answer", "trivial_before_sign_in", 302),
        ("sign_in_shown", "  -> Subscriptions shown", "trivial_before_sign_in", 200),
    ]
    unexpected = {
        key: {status: n for status, n in result[key].statuses.items() if status != expected}
        for key, _label, _near, expected in storms
    }
    print(
        f"\n{'joining, signing in, all at once':30} {'n':>5} {'p50 ms':>8} {'p99 ms':>8}"
        f" {'max ms':>8}  x p50 / p99 of the trivial view just before"
    )
    for key, label, near_key, _expected in storms:
        near = result[near_key].p(50)
        m = result[key]
        print(
            f"{label:30} {len(m.latencies):5d} {_ms(m.p(50))} {_ms(m.p(99))} "
            f"{_ms(max(m.latencies))}  x{m.p(50) / near:.1f} / x{m.p(99) / near:.1f}"
            f"  {m.statuses}"
        )
    phases = [result["pages_one_seat"], result["pages_in_seats"], result["pages_default_seat"]]
    print(
        "\nmain pages, p50 in ms: one seat (the default seat, no class yet); with the class's"
        "\nseats loaded, each client in a seat of its own; the same in the default seat. Each"
        "\nphase measures the trivial view again first; x is a page's p50 over that one, and"
        "\n'x ratio' compares those, against the one-seat phase."
    )
    print(
        f"{'page':40} {'1 seat':>8} {'x':>5} {'seats':>8} {'x':>5} {'ratio':>5} {'x ratio':>7}"
        f" {'default':>8} {'x':>5} {'x ratio':>7}"
    )
    for name in ["trivial", *(page for page in result["pages_one_seat"] if page != "trivial")]:
        pages = [phase[name] for phase in phases]
        if any("measure" not in page for page in pages):
            print(f"{name:40} {next(page['note'] for page in pages if 'note' in page)}")
            continue
        p50 = [page["measure"].p(50) for page in pages]
        x = [p / phase["trivial"]["measure"].p(50) for p, phase in zip(p50, phases, strict=True)]
        print(
            f"{name:40} {_ms(p50[0])} {x[0]:5.1f} {_ms(p50[1])} {x[1]:5.1f} {p50[1] / p50[0]:5.2f}"
            f" {x[1] / x[0]:7.2f} {_ms(p50[2])} {x[2]:5.1f} {x[2] / x[0]:7.2f}"
        )
    trainees, requests = result["trainees"], result["order_requests"]
    near_orders = result["trivial_before_orders"].p(50)
    errors = [error for trainee in trainees for error in trainee.errors]
    orders = sum(trainee.orders for trainee in trainees)
    print(
        f"\n{len(trainees)} trainees ordering for {class_scenario.CLASS_SECONDS:g} s: "
        f"{orders} orders ({sum(t.licenses_added for t in trainees)} licenses), "
        f"{len(requests.latencies)} requests in {result['order_elapsed']:.0f} s, "
        f"{len(requests.latencies) / result['order_elapsed']:.1f} req/s, "
        f"p50 {_ms(requests.p(50)).strip()} ms (x{requests.p(50) / near_orders:.1f}), "
        f"p99 {_ms(requests.p(99)).strip()} ms (x{requests.p(99) / near_orders:.1f}; "
        f"trivial just before: {_ms(near_orders).strip()} ms); "
        f"statuses {requests.statuses}; errors: {len(errors)}"
    )
    for error in errors[:10]:
        print(f"  error: {error}")
    total = sum(result["round_cpu_ms"].values())
    cores = os.cpu_count() or 1
    print(f"a trainee's round: at most {cores * 1000 / total:.0f} rounds/s of CPU on {cores} cores")
    cpu.report(result)
    problems = result["license_problems"]
    seats_without_orders = sum(1 for trainee in trainees if not trainee.orders)
    if problems:
        print(f"licenses WRONG in {len(problems)} seats:")
        for problem in problems[:10]:
            print(f"  {problem}")
    else:
        print(
            f"licenses checked in all {result['seats_checked']} seats (the default one too): "
            "each is its start plus its own trainee's orders, nothing else changed"
        )
    if seats_without_orders:
        print(f"  {seats_without_orders} trainees placed no order")
    for key, statuses in unexpected.items():
        if statuses:
            print(f"  {key}: unexpected answers {statuses}")
    return bool(errors or problems or seats_without_orders or any(unexpected.values()))


def class_json(result: dict | None, trivial_p50: float) -> dict | None:
    if result is None:
        return None

    def figures(m):
        return {
            "n": len(m.latencies),
            "p50_ms": round(m.p(50) * 1000, 1),
            "p99_ms": round(m.p(99) * 1000, 1),
            "p50_vs_trivial": round(m.p(50) / trivial_p50, 2),
            "p99_vs_trivial": round(m.p(99) / trivial_p50, 2),
            "statuses": m.statuses,
        }

    def pages(measured):
        return {
            name: figures(page["measure"]) if "measure" in page else page
            for name, page in measured.items()
        }

    trainees = result["trainees"]
    return {
        "creation": result["creation"],
        "trivial_before_join": figures(result["trivial_before_join"]),
        "join": figures(result["join"]),
        "trivial_before_sign_in": figures(result["trivial_before_sign_in"]),
        "trivial_before_orders": figures(result["trivial_before_orders"]),
        "sign_in_post": figures(result["sign_in_post"]),
        "sign_in_until_subscriptions": figures(result["sign_in_shown"]),
        "pages_one_seat": pages(result["pages_one_seat"]),
        "pages_in_seats": pages(result["pages_in_seats"]),
        "pages_default_seat_with_class": pages(result["pages_default_seat"]),
        **cpu_json(result),
        "ordering": {
            "seconds": class_scenario.CLASS_SECONDS,
            "elapsed_seconds": round(result["order_elapsed"], 1),
            "throughput_per_s": round(
                len(result["order_requests"].latencies) / result["order_elapsed"], 1
            ),
            "trainees": len(trainees),
            "orders": sum(t.orders for t in trainees),
            "licenses_added": sum(t.licenses_added for t in trainees),
            "requests": figures(result["order_requests"]),
            "errors": [error for t in trainees for error in t.errors],
            "license_problems": result["license_problems"],
            "seats_checked": result["seats_checked"],
        },
    }


if __name__ == "__main__":
    sys.exit(main())
