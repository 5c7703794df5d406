"""The trainer's API tokens page in a real browser (reached from the navigation, axe-checked),
and a seat made through the API played in Chromium: the page's data-outcome is the API's."""

import json
import re
import urllib.request

from playwright.sync_api import expect

from sandbox.sample_data import PERSONAS_BY_KEY
from tests.browser.trainer import trainer_signs_in

PASSWORD = "sandbox-2026"


def _api(live_server, method, path, *, token=None, scheme="Token"):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"{scheme} {token}"
    data = b"{}" if method == "POST" else None
    request = urllib.request.Request(
        live_server.url + path, data=data, headers=headers, method=method
    )
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_the_trainer_creates_and_revokes_a_token(
    page, browser_sample_data, trainer_credentials, live_server, settings
):
    settings.SANDBOX_OPEN = False
    trainer_signs_in(page, trainer_credentials)
    page.get_by_test_id("nav-api-tokens").click()
    expect(page.locator("h1")).to_have_text("API tokens")
    expect(page.get_by_test_id("api-token-none")).to_be_visible()

    page.get_by_label("Name").fill("Nightly QA run")
    page.get_by_test_id("api-token-create").click()
    key = page.get_by_test_id("api-token-key").input_value()
    assert re.fullmatch(r"bst_[\w-]{43}", key)
    row = page.get_by_test_id("api-token-row")
    expect(row).to_have_attribute("data-revoked", "false")
    expect(row).to_contain_text("Nightly QA run")

    # A script on the closed sandbox creates a seat with it, and no one else can.
    assert _api(live_server, "POST", "/api/v1/seats/", token=key, scheme="Bearer")[0] == 201
    assert _api(live_server, "POST", "/api/v1/seats/")[1]["code"] == "trainer_required"

    page.reload()
    expect(page.get_by_test_id("api-token-key")).to_have_count(0)  # shown once
    page.get_by_test_id("api-token-revoke").click()
    expect(page.get_by_test_id("flash-message")).to_contain_text("Nightly QA run")
    expect(row).to_have_attribute("data-revoked", "true")
    status, body = _api(live_server, "POST", "/api/v1/seats/", token=key)
    assert (status, body["code"]) == (401, "trainer_token_revoked")


def test_the_pages_data_outcome_is_the_apis_in_a_browser(page, browser_sample_data, live_server):
    """Elena's Billing Center path in Chromium, in a seat made through the API."""
    status, seat = _api(live_server, "POST", "/api/v1/seats/")
    assert status == 201
    request = urllib.request.Request(
        f"{live_server.url}/api/v1/seats/{seat['id']}/personas/elena/outcome/",
        headers={"Authorization": f"Seat {seat['token']}"},
    )
    with urllib.request.urlopen(request) as response:
        expected = json.loads(response.read())["outcomes"]["billing_center"]

    page.goto(seat["join_url"])
    expect(page.get_by_test_id("seat-badge")).to_be_visible()
    email = PERSONAS_BY_KEY["elena"].email
    page.goto(f"/en/billing/sign-in/?email={email}")
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_test_id("sign-in-submit").click()
    body = page.locator("body")
    shown = []
    expect(body).to_have_attribute("data-outcome", expected[0])
    shown.append(body.get_attribute("data-outcome"))
    page.get_by_test_id("bc-account-profile").click()
    expect(body).to_have_attribute("data-outcome", expected[1])
    shown.append(body.get_attribute("data-outcome"))
    page.get_by_test_id("bc-go-to-billing").click()
    page.locator("#id_user_id").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_test_id("portal-sign-in-submit").click()
    expect(body).to_have_attribute("data-outcome", expected[2])
    shown.append(body.get_attribute("data-outcome"))
    assert shown == expected == ["BC-2", "BC-2b", "BC-2c"]
