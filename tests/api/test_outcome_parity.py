"""For every persona and center, the outcome the API answers is the `data-outcome` the pages
show: a client in a seat made through the API signs in and walks the center's table on the
pages, as a trainee would, and every outcome page it meets is compared with
GET /api/v1/seats/<id>/personas/<key>/outcome/.

The portal's User ID a persona holds is read from the seat's mailbox through the API (an
emailed invoice), as a QA script would; whoever holds none tries their email address.
"""

import re

import pytest

from tests import outcome_table

from .helpers import PASSWORD, seat_entered, seat_token_header

PORTAL_PASSWORD = "corp-2026"
CENTERS = [outcome_table.BILLING_CENTER, outcome_table.ADMIN_CENTER]


def page_outcome(response) -> str | None:
    """The outcome id the page shows (`data-outcome` on its body), if any."""
    found = re.search(r'<body[^>]*\sdata-outcome="([^"]+)"', response.content.decode())
    return found[1] if found else None


def portal_user_id(api, seat, email) -> str | None:
    """The User ID of an invoice emailed to this person in the seat, if any."""
    mailbox = api.get(
        f"/api/v1/seats/{seat['id']}/mailbox/", {"to": email}, **seat_token_header(seat)
    ).json()
    for message in mailbox:
        found = re.search(r"User ID: (\S+)", message["body"])
        if found:
            return found[1]
    return None


def portal_tried(client, url, *, user_id, password) -> list[str]:
    """Signs in to the Corporate Billing Portal at `url` (the link the page showed), sending
    the form's hidden fields as a browser does."""
    form = client.get(url).content.decode()
    hidden = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form))
    response = client.post(url, {**hidden, "user_id": user_id, "password": password}, follow=True)
    assert response.status_code == 200
    outcome = page_outcome(response)
    return [outcome] if outcome else []


def billing_center_walked(client, email, portal) -> list[str]:
    """Sign in to the Billing Center; on the wrong-location message, My Account; on Go to
    Billing, the portal. The outcome ids of the pages met, in order."""
    seen = []
    response = client.post(
        "/en/billing/sign-in/", {"username": email, "password": PASSWORD}, follow=True
    )
    seen.append(page_outcome(response))
    if seen[-1] == "BC-2":
        response = client.get("/en/billing/my-account/")
        seen.append(page_outcome(response))
        go_to_billing = re.search(
            r'href="([^"]+)" data-testid="bc-go-to-billing"', response.content.decode()
        )
        if go_to_billing:
            seen += portal_tried(client, go_to_billing[1], **portal)
    return [outcome for outcome in seen if outcome]


def admin_center_walked(client, email, portal) -> list[str]:
    """Sign in to the Admin Center, select Add Licenses; on AC-3, the portal's link. Someone
    the Admin Center refuses (not an account admin) meets no outcome."""
    client.post("/en/admin-center/sign-in/", {"username": email, "password": PASSWORD})
    response = client.get("/en/admin-center/add-licenses/", follow=True)
    if response.status_code == 403:
        assert "The Admin Center is for account admins" in response.content.decode()
        return []
    seen = [page_outcome(response)]
    portal_link = re.search(
        r'href="([^"]+)" data-testid="corp-portal-link"', response.content.decode()
    )
    if portal_link:
        seen += portal_tried(client, portal_link[1].replace("&amp;", "&"), **portal)
    return [outcome for outcome in seen if outcome]


WALKS = {
    outcome_table.BILLING_CENTER: billing_center_walked,
    outcome_table.ADMIN_CENTER: admin_center_walked,
}


@pytest.mark.parametrize("center", CENTERS)
@pytest.mark.parametrize("key", outcome_table.CUSTOMERS)
def test_the_apis_outcome_is_the_pages_data_outcome(api, created, key, center):
    seat = created()
    answer = api.get(
        f"/api/v1/seats/{seat['id']}/personas/{key}/outcome/", **seat_token_header(seat)
    ).json()
    email = answer["email"]
    user_id = portal_user_id(api, seat, email)
    portal = (
        {"user_id": user_id, "password": PORTAL_PASSWORD}
        if user_id
        else {"user_id": email, "password": PASSWORD}
    )
    shown = WALKS[center](seat_entered(seat), email, portal)
    assert answer["outcomes"][center] == shown
    # A walk that shows no outcome at all is the Admin Center refusing an agent, nothing else.
    assert shown or answer["paths"][center] == ["refused"]
    # And the persona list of that seat says the same.
    personas = api.get("/api/v1/personas/", **seat_token_header(seat)).json()
    assert next(p for p in personas if p["key"] == key)["outcomes"][center] == shown


def test_the_walk_sees_a_change_the_api_sees_too(api, created):
    """The comparison can fail: Elena given a portal login in one seat signs in to the portal
    there (no BC-2c), and the API's outcome follows."""
    from .helpers import seat_of
    from .test_read_endpoints import ELENAS_PORTAL_PASSWORD, _elena_gets_a_portal_login

    seat = created()
    _elena_gets_a_portal_login(seat_of(seat))
    answer = api.get(
        f"/api/v1/seats/{seat['id']}/personas/elena/outcome/", **seat_token_header(seat)
    ).json()
    portal = {"user_id": "GLOBEX-7777", "password": ELENAS_PORTAL_PASSWORD}
    shown = billing_center_walked(seat_entered(seat), answer["email"], portal)
    assert shown == ["BC-2", "BC-2b"] == answer["outcomes"]["billing_center"]
