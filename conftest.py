"""The one Chromium of a test run, shared by the browser suite (tests/browser) and the README's
worked QA script (examples/): Playwright's sync API runs one instance per process."""

import os

import pytest

from core.chromium import CHROMIUM_ARGS
from tests.chromium import chromium_path


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
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
            args=CHROMIUM_ARGS,
        )
        yield browser
        browser.close()
