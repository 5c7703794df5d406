"""What the example needs: the sandbox's address, a browser page there, and an HTTP client for
the API (Playwright's, with cookies of its own).

SANDBOX_URL names a sandbox already running; without it, the suite serves one itself (the
live server, with the sample data loaded) and the run's one browser (the root conftest.py:
Debian's Chromium; skipped where there is none). A QA team's own conftest would do the same with
pytest-playwright's fixtures.
"""

import os

import pytest


@pytest.fixture
def sandbox_url(transactional_db, live_server, settings) -> str:
    if os.environ.get("SANDBOX_URL"):
        return os.environ["SANDBOX_URL"].rstrip("/")
    from sandbox.services import sandbox_load

    # The sandbox's mail goes to its mailbox, as on a running sandbox (the test settings'
    # default keeps it in memory).
    settings.EMAIL_BACKEND = "sandbox.mail.MailboxBackend"

    sandbox_load()
    return live_server.url


@pytest.fixture
def page(browser, sandbox_url):
    context = browser.new_context(base_url=sandbox_url, locale="en-US")
    yield context.new_page()
    context.close()


@pytest.fixture
def api(browser, sandbox_url):
    """The API's client: a context of its own, so it sends none of the page's cookies."""
    context = browser.new_context(base_url=sandbox_url)
    yield context.request
    context.close()
