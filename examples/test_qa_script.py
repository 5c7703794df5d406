"""A QA script: Diego goes from BC-2b to the Corporate Billing Portal, in a seat of its own.

It creates a seat through the API, reads Diego's portal User ID from the seat's mailbox, plays
the scenario in Chromium (the pages' data-outcome says which row of the article's table the
page is), and deletes the seat. Two runs at once never see each other: each has its seat.

The suite runs it as a browser test against its own server (examples/conftest.py); against
a sandbox already running: SANDBOX_URL=http://127.0.0.1:8000 pytest examples/
"""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

DIEGO = "diego.corp@globex.example"
PASSWORD = "sandbox-2026"  # every persona's LogMeIn ID password
PORTAL_PASSWORD = "corp-2026"  # the Corporate Billing Portal's own password


def test_diego_goes_from_bc_2b_to_the_portal(page, api):
    # 1. A seat of our own: no credentials on an open sandbox.
    created = api.post("/api/v1/seats/", data={"language": "en"})
    assert created.status == 201, created.text()
    seat = created.json()
    token = {"Authorization": f"Seat {seat['token']}"}
    try:
        # 2. What the decision tables say Diego meets, and his User ID from an emailed invoice.
        outcome = api.get(f"/api/v1/seats/{seat['id']}/personas/diego/outcome/", headers=token)
        assert outcome.json()["outcomes"]["billing_center"] == ["BC-2", "BC-2b"]
        mailbox = api.get(
            f"/api/v1/seats/{seat['id']}/mailbox/", params={"to": DIEGO}, headers=token
        ).json()
        user_id = re.search(r"User ID: (\S+)", mailbox[0]["body"])[1]

        # 3. In the browser: into the seat, then the Billing Center as Diego.
        page.goto(seat["join_url"])
        expect(page.get_by_test_id("seat-badge")).to_be_visible()
        page.goto(f"/en/billing/sign-in/?email={DIEGO}")
        page.locator("input[name=password]").fill(PASSWORD)
        page.get_by_test_id("sign-in-submit").click()
        body = page.locator("body")
        expect(body).to_have_attribute("data-outcome", "BC-2")  # the wrong place
        page.get_by_test_id("bc-account-profile").click()
        expect(body).to_have_attribute("data-outcome", "BC-2b")  # Go to Billing
        page.get_by_test_id("bc-go-to-billing").click()

        # 4. The portal: Diego holds a portal login, so he signs in (no BC-2c).
        page.locator("#id_user_id").fill(user_id)
        page.locator("#id_password").fill(PORTAL_PASSWORD)
        page.get_by_test_id("portal-sign-in-submit").click()
        expect(page).to_have_url(re.compile(r"/en/corp-billing/invoices/$"))
        expect(body).not_to_have_attribute("data-outcome", re.compile(".*"))
    finally:
        # 5. Leave nothing behind.
        assert api.delete(f"/api/v1/seats/{seat['id']}/", headers=token).status == 204
