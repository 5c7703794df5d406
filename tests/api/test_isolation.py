"""Two seats made through the API are two worlds: what one does on the pages, the other never
sees. Each seat is entered through its join URL, in a client of its own, as two QA scripts
running at once would."""

import re

from tests.commits import committed

from .helpers import seat_entered, signed_in_as


def _what_ana_sees(client) -> dict:
    """Ana's Subscriptions (each product's licenses), the mailbox and her activity, as the
    pages show them."""
    subscriptions = client.get("/en/billing/subscriptions/").content.decode()
    mailbox = client.get("/en/mailbox/").content.decode()
    activity = client.get("/en/billing/activity/").content.decode()
    return {
        "licenses": re.findall(
            r'data-testid="bc-subscription-([\w-]+)".*?data-testid="bc-licenses">(\d+)<',
            subscriptions,
            flags=re.DOTALL,
        ),
        "mailbox": re.findall(r'data-testid="mailbox-message-link">([^<]*)<', mailbox),
        "activity": re.findall(r'<tr data-testid="bc-activity-([\w-]+)"', activity),
    }


def _order_placed(client, licenses: int) -> None:
    """Add Agents on Ana's first subscription, Add to Cart, Proceed to Checkout, Place Order."""
    subscriptions = client.get("/en/billing/subscriptions/").content.decode()
    page = re.search(r'href="(/en/billing/subscriptions/\d+/add-licenses/)"', subscriptions)[1]
    assert client.post(page, {"quantity": str(licenses)}).status_code == 302
    checkout = client.get("/en/billing/checkout/")
    assert checkout.status_code == 200
    initial = checkout.context["form"].initial
    with committed():
        placed = client.post(
            "/en/billing/checkout/",
            {"order_key": str(initial["order_key"]), "lines": initial["lines"]},
        )
    assert placed.status_code == 302, placed.content


def test_an_order_in_one_seat_leaves_the_other_unchanged(created):
    one, two = created(), created()
    ana_one = signed_in_as(seat_entered(one), "ana")
    ana_two = signed_in_as(seat_entered(two), "ana")
    before_one, before_two = _what_ana_sees(ana_one), _what_ana_sees(ana_two)
    assert before_one == before_two  # two copies of the same sample world
    assert before_two["licenses"] and before_two["mailbox"]

    _order_placed(ana_one, 3)

    after_one = _what_ana_sees(ana_one)
    assert after_one["licenses"] != before_one["licenses"]  # the order took, in seat one
    assert len(after_one["mailbox"]) == len(before_one["mailbox"]) + 1
    assert "order_placed" in after_one["activity"]
    assert _what_ana_sees(ana_two) == before_two


def test_each_script_addresses_only_its_own_seat(api, created):
    one, two = created(), created()

    def status(seat, token_of):
        token = {"HTTP_AUTHORIZATION": f"Seat {token_of['token']}"}
        return api.get(f"/api/v1/seats/{seat['id']}/", **token).status_code

    assert (status(one, two), status(two, one)) == (404, 404)
    assert (status(one, one), status(two, two)) == (200, 200)
