"""A test LMS: the platform side of LTI 1.3, made in the test.

It has its own RSA key pair and serves, on loopback (a small threaded HTTP server on a free
port of 27000-27999), its key set, its token endpoint (which checks the sandbox's signed
client assertion against the sandbox's public key, as pasted in the LMS), a gradebook (line
items and scores) and pages (`pages`, for the browser test). It
signs launches (`id_token`) as Moodle or Canvas would, and can also sign them wrongly.
"""

import functools
import json
import random
import threading
import time
import uuid
from dataclasses import dataclass, field
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import jwt
from jwcrypto.jwk import JWK

from tests.threads import joined

CLAIM = "https://purl.imsglobal.org/spec/lti/claim/"
AGS = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"
SCOPES = [
    "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
    "https://purl.imsglobal.org/spec/lti-ags/scope/score",
]
INSTRUCTOR = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"
LEARNER = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"
PORTS = range(27000, 28000)


@functools.cache
def key_pair(name: str = "lms") -> tuple[JWK, str]:
    """An RSA key pair by name, made once per test run (making one takes a while)."""
    pair = JWK.generate(kty="RSA", size=2048)
    return pair, pair.export_to_pem(private_key=True, password=None).decode()


@dataclass
class Gradebook:
    lineitems: list[dict] = field(default_factory=list)
    scores: list[tuple[str, dict]] = field(default_factory=list)  # (line item id, score)
    tokens_given: int = 0
    refused: list[str] = field(default_factory=list)


class TestPlatform:
    """The LMS. `url` is its address; `issuer` its issuer; the sandbox registration it needs
    is `registration()`."""

    __test__ = False

    def __init__(self, *, tool_key_set: dict, client_id: str = "sandbox-client"):
        self.pair, self.private_pem = key_pair("lms")
        self.kid = self.pair.thumbprint()
        self.client_id = client_id
        self.deployment_id = "deployment-1"
        self.tool_key_set = tool_key_set  # the sandbox's public key, as pasted in the LMS
        self.pages: dict[str, str] = {}
        # What the LMS's authentication endpoint (`/auth`) puts in the launch it posts back.
        self.auth_options: dict = {}
        # While `hang` is set, the gradebook answers nothing until `release` (or 10 s).
        self.hang = threading.Event()
        self.release = threading.Event()
        self.gradebook = Gradebook()
        self.lock = threading.Lock()
        self.token = "token-" + uuid.uuid4().hex
        self.server = self._serve()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.issuer = self.url  # an LMS's issuer is its address
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self.thread.start()

    # -- what the sandbox is told --------------------------------------------------------

    def registration(self) -> dict:
        return {
            "name": "Test LMS",
            "issuer": self.issuer,
            "client_id": self.client_id,
            "deployment_ids": [self.deployment_id],
            "auth_login_url": self.url + "/auth",
            "token_url": self.url + "/token",
            "keyset_url": self.url + "/jwks",
        }

    def ags_claim(self) -> dict:
        return {
            "scope": SCOPES,
            "lineitems": self.url + "/lineitems",
            "lineitem": self.url + "/lineitems/activity",
        }

    # -- launches ----------------------------------------------------------------------

    def login_params(self, **overrides) -> dict:
        return {
            "iss": self.issuer,
            "login_hint": "hint-1",
            "target_link_uri": "http://testserver/lti/launch/",
            "client_id": self.client_id,
            "lti_deployment_id": self.deployment_id,
            **overrides,
        }

    def claims(
        self,
        *,
        nonce: str,
        sub: str = "learner-1",
        roles=(LEARNER,),
        locale: str | None = "en",
        context_id: str = "course-1",
        resource_link_id: str = "activity-1",
        ags: bool = True,
        person: dict | None = None,
        deployment_id: str | None = None,
        exp: int | None = None,
    ) -> dict:
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "aud": self.client_id,
            "sub": sub,
            "iat": now,
            "exp": exp if exp is not None else now + 300,
            "nonce": nonce,
            CLAIM + "message_type": "LtiResourceLinkRequest",
            CLAIM + "version": "1.3.0",
            CLAIM + "deployment_id": deployment_id or self.deployment_id,
            CLAIM + "target_link_uri": "http://testserver/lti/launch/",
            CLAIM + "roles": list(roles),
            CLAIM + "context": {"id": context_id, "title": "Billing basics", "label": "BB1"},
            CLAIM + "resource_link": {"id": resource_link_id, "title": "Billing contact lab"},
            **(person if person is not None else {"name": "Maria Souza"}),
        }
        if locale is not None:
            claims[CLAIM + "launch_presentation"] = {"locale": locale}
        if ags:
            claims[AGS] = self.ags_claim()
        return claims

    def id_token(self, claims: dict, *, private_pem: str | None = None, kid: str | None = None):
        return jwt.encode(
            claims,
            private_pem or self.private_pem,
            algorithm="RS256",
            headers={"kid": kid or self.kid},
        )

    # -- pages a browser goes through ----------------------------------------------------

    def start_page(self, login_url: str) -> str:
        """The LMS's course page: the activity's link, a form that sends the browser to the
        tool's login initiation at once."""
        fields = "".join(
            f'<input type="hidden" name="{name}" value="{escape(value)}">'
            for name, value in self.login_params().items()
        )
        return _auto_submitted("Billing basics", login_url, "post", fields)

    def auth_response_page(self, query: dict) -> str:
        """The LMS's authentication endpoint: the signed launch, posted to the tool's
        redirect URI by a form that submits itself (OIDC form_post)."""
        token = self.id_token(self.claims(nonce=query["nonce"], **self.auth_options))
        fields = (
            f'<input type="hidden" name="id_token" value="{escape(token)}">'
            f'<input type="hidden" name="state" value="{escape(query["state"])}">'
        )
        return _auto_submitted("Launching", query["redirect_uri"], "post", fields)

    # -- the server ----------------------------------------------------------------------

    def _serve(self) -> ThreadingHTTPServer:
        handler = _handler(self)
        ports = list(PORTS)
        random.shuffle(ports)
        for port in ports[:50]:
            try:
                server = _Server(("127.0.0.1", port), handler)
            except OSError:
                continue
            server.daemon_threads = True
            return server
        raise RuntimeError("no free port in 27000-27999")

    def close(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()
        joined([self.thread], timeout=5)

    def _key_set(self) -> dict:
        public = json.loads(self.pair.export_public())
        return {"keys": [{**public, "kid": self.kid, "alg": "RS256", "use": "sig"}]}

    def _token(self, form: dict) -> tuple[int, dict]:
        """The client-credentials grant: the sandbox's assertion, checked with its key set."""
        assertion = form.get("client_assertion", [""])[0]
        try:
            keys = self.tool_key_set["keys"]
            header = jwt.get_unverified_header(assertion)
            key = next(k for k in keys if k["kid"] == header["kid"])
            public = jwt.PyJWK(key).key
            jwt.decode(assertion, public, algorithms=["RS256"], audience=self.url + "/token")
        except Exception as error:  # the test reads why in gradebook.refused
            with self.lock:
                self.gradebook.refused.append(f"token: {error!r}")
            return 401, {"error": "invalid_client"}
        with self.lock:
            self.gradebook.tokens_given += 1
        return 200, {"access_token": self.token, "token_type": "Bearer", "expires_in": 3600}


class _Server(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        """A client that gave up waiting (the sandbox's timeout) is no error of the LMS."""
        import sys

        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def _auto_submitted(title: str, action: str, method: str, fields: str) -> str:
    return (
        f"<!DOCTYPE html><html lang='en'><head><title>{escape(title)}</title></head><body>"
        f"<form id='go' action='{escape(action)}' method='{method}'>{fields}"
        "<button type='submit'>Open the activity</button></form>"
        "<script>document.getElementById('go').submit();</script></body></html>"
    )


def _handler(platform: TestPlatform):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def _send(self, status: int, body, content_type="application/json"):
            data = json.dumps(body).encode() if not isinstance(body, bytes) else body
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _authorized(self) -> bool:
            if self.headers.get("Authorization") == f"Bearer {platform.token}":
                return True
            with platform.lock:
                platform.gradebook.refused.append(f"{self.path}: no token")
            self._send(401, {"error": "unauthorized"})
            return False

        def _body(self) -> bytes:
            return self.rfile.read(int(self.headers.get("Content-Length") or 0))

        def do_GET(self):
            path = urlsplit(self.path).path
            if path == "/jwks":
                return self._send(200, platform._key_set())
            if path == "/auth":
                query = {
                    key: values[0] for key, values in parse_qs(urlsplit(self.path).query).items()
                }
                page = platform.auth_response_page(query)
                return self._send(200, page.encode(), "text/html; charset=utf-8")
            if path.startswith("/page/"):
                page = platform.pages.get(path.removeprefix("/page/"), "")
                return self._send(200, page.encode(), "text/html; charset=utf-8")
            if path == "/lineitems" and self._authorized():
                with platform.lock:
                    items = list(platform.gradebook.lineitems)
                return self._send(200, items, "application/vnd.ims.lis.v2.lineitemcontainer+json")
            if not self.wfile.closed:
                return self._send(404, {})

        def do_POST(self):
            path = urlsplit(self.path).path
            body = self._body()
            if path == "/token":
                status, answer = platform._token(parse_qs(body.decode()))
                return self._send(status, answer)
            if not self._authorized():
                return None
            if platform.hang.is_set():
                platform.release.wait(10)
            if path == "/lineitems":
                item = json.loads(body)
                with platform.lock:
                    item["id"] = f"{platform.url}/lineitems/{len(platform.gradebook.lineitems) + 1}"
                    platform.gradebook.lineitems.append(item)
                return self._send(201, item, "application/vnd.ims.lis.v2.lineitem+json")
            if path.startswith("/lineitems/") and path.endswith("/scores"):
                item_id = platform.url + path.removesuffix("/scores")
                with platform.lock:
                    platform.gradebook.scores.append((item_id, json.loads(body)))
                return self._send(200, {})
            return self._send(404, {})

    return Handler
