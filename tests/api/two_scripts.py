"""A QA script over HTTP, as a tester would write one with nothing but the standard library:
its own cookie jar (a browser of its own), the API for its seat, the pages for its scenario."""

import json
import re
import urllib.error
import urllib.request
from contextlib import AbstractContextManager, nullcontext
from http.cookiejar import CookieJar
from urllib.parse import urlencode

PASSWORD = "sandbox-2026"


class QaScript:
    """One script: creates its seat through the API, enters it, plays on the pages.

    `one_at_a_time`, when given, is held for each request: the test server shares one SQLite
    connection between its request threads, so the two scripts' requests take turns there
    (as with one server worker), while the scripts themselves run at once.
    """

    def __init__(self, base_url: str, one_at_a_time: AbstractContextManager | None = None):
        self.base_url = base_url
        self.turn = one_at_a_time or nullcontext()
        self.browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
        self.api = urllib.request.build_opener()  # no cookies: the seat's token says who
        self.seat: dict = {}

    def _open(self, opener, path, data=None, headers=None, method=None):
        url = path if path.startswith("http") else self.base_url + path
        request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
        with self.turn:
            try:
                with opener.open(request) as response:
                    return response.status, response.read().decode()
            except urllib.error.HTTPError as error:
                return error.code, error.read().decode()

    # -- the API --------------------------------------------------------------------------

    def call(self, method: str, path: str, body: dict | None = None):
        headers = {"Accept": "application/json"}
        if self.seat:
            headers["Authorization"] = f"Seat {self.seat['token']}"
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        status, text = self._open(self.api, path, data, headers, method)
        return status, (json.loads(text) if text else None)

    def seat_create(self) -> dict:
        status, self.seat = self.call("POST", "/api/v1/seats/", {})
        assert status == 201, self.seat
        return self.seat

    def seat_delete(self) -> int:
        status, _ = self.call("DELETE", f"/api/v1/seats/{self.seat['id']}/")
        return status

    def mailbox(self) -> list[dict]:
        status, messages = self.call("GET", f"/api/v1/seats/{self.seat['id']}/mailbox/")
        assert status == 200, messages
        return messages

    def activity(self) -> list[dict]:
        status, entries = self.call("GET", f"/api/v1/seats/{self.seat['id']}/activity/")
        assert status == 200, entries
        return entries

    # -- the pages ------------------------------------------------------------------------

    def get(self, path: str) -> str:
        status, text = self._open(self.browser, path)
        assert status == 200, (path, status)
        return text

    def post(self, path: str, page: str, fields: dict) -> str:
        """Posts a form of `page` with its CSRF token, as the browser would."""
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
        data = urlencode({"csrfmiddlewaretoken": token, **fields}).encode()
        status, text = self._open(self.browser, path, data)
        assert status == 200, (path, status, text[:500])
        return text

    def seat_enter(self) -> str:
        return self.get(self.seat["join_url"])

    def sign_in(self, email: str) -> str:
        page = self.get("/en/billing/sign-in/")
        return self.post("/en/billing/sign-in/", page, {"username": email, "password": PASSWORD})

    def licenses(self) -> dict[str, int]:
        """Each product's licenses on Subscriptions."""
        page = self.get("/en/billing/subscriptions/")
        found = re.findall(
            r'data-testid="bc-subscription-([\w-]+)".*?data-testid="bc-licenses">(\d+)<',
            page,
            flags=re.DOTALL,
        )
        return {product: int(count) for product, count in found}

    def licenses_added(self, quantity: int) -> None:
        """Add Agents on the first subscription, Add to Cart, Proceed to Checkout, Place
        Order."""
        subscriptions = self.get("/en/billing/subscriptions/")
        path = re.search(r'href="(/en/billing/subscriptions/\d+/add-licenses/)"', subscriptions)[1]
        form = self.get(path)
        self.post(path, form, {"quantity": str(quantity)})  # to the cart
        checkout = self.get("/en/billing/checkout/")
        place = checkout.split('data-testid="bc-place-order-form"')[1].split("</form>")[0]
        hidden = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', place))
        hidden.pop("csrfmiddlewaretoken", None)
        self.post("/en/billing/checkout/", checkout, hidden)
