"""The benchmark's browser: cookies, forms with their CSRF token, the sandbox's sign-ins.
Speaks plain HTTP/1.1 to 127.0.0.1 only."""

import http.client
import os
import re
import socket
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode

HOST = "127.0.0.1"
PASSWORD = os.environ.get("SANDBOX_PASSWORD", "sandbox-2026")
PORTAL_USER_ID = "GLOBEX-4471"
PORTAL_PASSWORD = os.environ.get("SANDBOX_PORTAL_PASSWORD", "corp-2026")
SIGN_IN = "/en/billing/sign-in/"
CSRF_TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


class Session:
    """One browser-like client: keeps cookies, speaks HTTP/1.1 to 127.0.0.1 only."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}
        self.csrf_token = ""  # the last one a page carried

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
            token = CSRF_TOKEN.search(content)
            if token:
                self.csrf_token = token.group(1).decode()
            return response.status, response.getheader("Location", ""), content
        finally:
            connection.close()

    def get(self, path):
        return self.request("GET", path)

    def post(self, path: str, fields: dict) -> tuple[int, str, bytes]:
        """POST with the CSRF token of the last page this client loaded."""
        return self.request("POST", path, {**fields, "csrfmiddlewaretoken": self.csrf_token})

    def post_form(self, path: str, fields: dict) -> tuple[int, str, bytes]:
        """GET the page, then POST it with its CSRF token, as a browser would."""
        self.get(path)
        return self.post(path, fields)


def sign_in(port: int, email: str, session: Session | None = None) -> Session:
    """A LogMeIn ID signed in (in the session's seat, when it joined one)."""
    session = session or Session(port)
    status, _location, _ = session.post_form(SIGN_IN, {"username": email, "password": PASSWORD})
    if status != 302:
        raise RuntimeError(f"sign-in of {email} answered {status}")
    return session


def portal_session(port: int, session: Session | None = None) -> Session:
    """Diego's portal User ID signed in to the Corporate Billing Portal."""
    session = session or Session(port)
    _, _, content = session.get("/en/corp-billing/")
    names = re.findall(rb'<input[^>]+name="([^"]+)"', content)
    fields = {}
    for name in (n.decode() for n in names):
        if name == "csrfmiddlewaretoken" or name == "next":
            continue
        fields[name] = PORTAL_PASSWORD if "password" in name else PORTAL_USER_ID
    session.post("/en/corp-billing/", fields)
    return session


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[index]


@dataclass
class Measure:
    """Latencies (seconds) and answers of one measured thing."""

    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def record(self, seconds: float, status: int) -> None:
        with self.lock:
            self.latencies.append(seconds)
            self.statuses[status] = self.statuses.get(status, 0) + 1

    def p(self, percent: float) -> float:
        return percentile(self.latencies, percent) if self.latencies else float("nan")


def pages_measure(sessions: list[Session], path: str, seconds: float) -> Measure:
    """Every session GETs `path` again and again, all at once, for `seconds`."""
    measure = Measure()
    stop_at = time.monotonic() + seconds

    def client(session):
        while time.monotonic() < stop_at:
            started = time.perf_counter()
            status, _, _ = session.get(path)
            measure.record(time.perf_counter() - started, status)

    threads = [threading.Thread(target=client, args=(s,)) for s in sessions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 60)
    return measure
