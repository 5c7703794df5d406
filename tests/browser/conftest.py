"""The real-browser suite: Playwright driving Debian's Chromium against the live server.

One browser for the whole run; a fresh context (cookies, language) per test. Every page a test
loads is checked with axe-core, and the test fails on a serious or critical violation or on a
request to anywhere but the live server.
"""

import os
import shutil
from urllib.parse import urlsplit

import pytest

CHROMIUM_CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
SERIOUS = {"serious", "critical"}


def _chromium_path() -> str | None:
    configured = os.environ.get("CHROMIUM_PATH")
    if configured:
        return configured if os.path.exists(configured) else None
    for candidate in CHROMIUM_CANDIDATES:
        if os.path.exists(candidate):
            return candidate
    return shutil.which("chromium")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    path = _chromium_path()
    if path is None:
        message = "No Chromium found (apt-get install chromium, or set CHROMIUM_PATH)."
        if os.environ.get("REQUIRE_BROWSER_TESTS") == "1":
            pytest.fail(message + " REQUIRE_BROWSER_TESTS=1 makes this an error.")
        pytest.skip(message)
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=path,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


class PageChecks:
    """What the suite watches on every page: accessibility and requests leaving the server."""

    def __init__(self, live_server_url: str, axe):
        self.host = urlsplit(live_server_url).netloc
        self.axe = axe
        self.external_requests: list[str] = []
        self.violations: list[str] = []
        self.pages_checked: list[str] = []

    def on_request(self, request):
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.netloc != self.host:
            self.external_requests.append(request.url)

    def check_accessibility(self, page):
        if page.url in self.pages_checked or not page.url.startswith("http"):
            return
        self.pages_checked.append(page.url)
        results = self.axe.run(page)
        for violation in results.response["violations"]:
            if violation["impact"] in SERIOUS:
                targets = [node["target"] for node in violation["nodes"]][:3]
                self.violations.append(
                    f"{page.url}: {violation['id']} ({violation['impact']}) {targets}"
                )


@pytest.fixture
def page_checks(live_server, axe):
    return PageChecks(live_server.url, axe)


@pytest.fixture
def page(browser, live_server, page_checks, transactional_db):
    """A page in a new browser context, English unless a test switches language."""
    context = browser.new_context(locale="en-US", base_url=live_server.url)
    page = context.new_page()
    page.on("request", page_checks.on_request)
    page.on("load", page_checks.check_accessibility)
    yield page
    context.close()
    assert not page_checks.external_requests, (
        f"requests outside the server: {page_checks.external_requests}"
    )
    assert not page_checks.violations, "axe found serious or critical violations:\n" + "\n".join(
        page_checks.violations
    )


@pytest.fixture
def browser_sample_data(transactional_db):
    from sandbox.services import sandbox_load

    sandbox_load()
