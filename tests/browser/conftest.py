"""The real-browser suite: Playwright driving Debian's Chromium against the live server.

One browser for the whole run; a fresh context (cookies, language) per test. Every page a test
loads is checked with axe-core, and the test fails on a serious or critical violation or on a
request to anywhere but the live server.
"""

import os
from urllib.parse import urlsplit

import pytest

SERIOUS = {"serious", "critical"}
# The one Chromium of the run, `browser`, is the root conftest.py's: the README's worked
# example (examples/) drives it too.


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


class AxeTally:
    """The whole run's count: pages a browser loaded, and pages axe finished on."""

    visited = 0
    checked = 0


class PageChecks:
    """What the suite watches on every page: accessibility and requests leaving the server.

    A page counts as checked only once axe finished on it. Axe runs when a page has loaded;
    when the test moved on before axe finished (a click starting the next navigation), the
    page is loaded again in a page of its own at the end of the test and checked there, so
    every page visited is checked, and an error of axe there fails the test.
    """

    def __init__(self, live_server_url: str, axe):
        self.host = urlsplit(live_server_url).netloc
        self.axe = axe
        self.external_requests: list[str] = []
        self.violations: list[str] = []
        self.pages_visited: list[str] = []
        self.pages_checked: list[str] = []

    def on_request(self, request):
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.netloc != self.host:
            self.external_requests.append(request.url)

    def on_load(self, page):
        url = page.url
        if not url.startswith("http") or urlsplit(url).netloc != self.host:
            return
        if url not in self.pages_visited:
            self.pages_visited.append(url)
        if url in self.pages_checked:
            return
        from playwright.sync_api import Error

        try:
            page.wait_for_load_state("load")
            if page.url != url:
                return  # gone on to the next page: checked again at the end
            self._run_axe(page, url)
        except Error:
            return  # a navigation or the test's end interrupted axe: checked again at the end

    def _run_axe(self, page, url):
        results = self.axe.run(page)
        for violation in results.response["violations"]:
            if violation["impact"] in SERIOUS:
                targets = [node["target"] for node in violation["nodes"]][:3]
                self.violations.append(
                    f"{url}: {violation['id']} ({violation['impact']}) {targets}"
                )
        if url not in self.pages_checked:
            self.pages_checked.append(url)

    def check_the_rest(self, context):
        """Load each page axe did not finish on again, alone, and check it (errors fail)."""
        for url in [u for u in self.pages_visited if u not in self.pages_checked]:
            page = context.new_page()
            try:
                page.goto(url, wait_until="load")
                assert page.url == url, f"{url} could not be loaded again for axe: {page.url}"
                self._run_axe(page, url)
            finally:
                page.close()


@pytest.fixture
def page_checks(live_server, axe):
    return PageChecks(live_server.url, axe)


def _open_page(browser, live_server, page_checks, locale="en-US"):
    context = browser.new_context(locale=locale, base_url=live_server.url)
    page = context.new_page()
    page.on("request", page_checks.on_request)
    page.on("load", page_checks.on_load)
    return page


def _close_page(page, page_checks):
    """Check the pages axe did not finish on, close the context, and fail on what was found."""
    context = page.context
    if not page.is_closed():
        page.wait_for_load_state("load")
    page_checks.check_the_rest(context)
    context.close()
    AxeTally.visited += len(page_checks.pages_visited)
    AxeTally.checked += len(page_checks.pages_checked)
    assert sorted(page_checks.pages_checked) == sorted(page_checks.pages_visited), (
        "axe did not finish on every page visited"
    )
    assert not page_checks.external_requests, (
        f"requests outside the server: {page_checks.external_requests}"
    )
    assert not page_checks.violations, "axe found serious or critical violations:\n" + "\n".join(
        page_checks.violations
    )


@pytest.fixture
def page(browser, live_server, page_checks, transactional_db):
    """A page in a new browser context, English unless a test switches language."""
    page = _open_page(browser, live_server, page_checks)
    yield page
    _close_page(page, page_checks)


@pytest.fixture
def new_page(browser, live_server, axe, transactional_db):
    """new_page() -> a page in a browser of its own (a new context: its own cookies, so its
    own sign-in and seat), checked as `page` is. For tests of two people at once."""
    opened = []

    def open_page(locale="en-US"):
        checks = PageChecks(live_server.url, axe)
        opened.append((_open_page(browser, live_server, checks, locale), checks))
        return opened[-1][0]

    yield open_page
    for page, checks in opened:
        _close_page(page, checks)


def pytest_terminal_summary(terminalreporter):
    if AxeTally.visited:
        terminalreporter.write_line(
            f"axe finished on {AxeTally.checked} pages of the {AxeTally.visited} pages visited"
        )


@pytest.fixture
def browser_sample_data(transactional_db):
    from sandbox.services import sandbox_load

    sandbox_load()
