"""Two QA scripts at once, against the live server, each in a seat it made through the API:
each places its own order, and each sees only its own (on the pages and through the API)."""

import threading

import pytest

from tests.threads import joined

from .two_scripts import QaScript

ANA = "ana.billing@acme.example"


@pytest.fixture
def sandbox(transactional_db):
    from sandbox.services import sandbox_load

    sandbox_load()


def test_two_scripts_at_once_each_see_only_their_own_changes(live_server, sandbox):
    one_at_a_time = threading.Lock()
    scripts = {quantity: QaScript(live_server.url, one_at_a_time) for quantity in (2, 5)}
    # Both scripts stop here after signing in, and go on together: each script's order is
    # placed while the other script is signed in and reading its own seat.
    signed_in = threading.Barrier(len(scripts), timeout=60)
    ordered = threading.Barrier(len(scripts), timeout=60)
    seen: dict[int, dict] = {}
    errors: list[BaseException] = []

    def run(quantity: int, script: QaScript):
        try:
            script.seat_create()
            script.seat_enter()
            script.sign_in(ANA)
            before = {
                "licenses": script.licenses(),
                "mailbox": script.mailbox(),
                "activity": script.activity(),
            }
            signed_in.wait()
            script.licenses_added(quantity)
            ordered.wait()
            seen[quantity] = {
                "before": before,
                "licenses": script.licenses(),
                "mailbox": script.mailbox(),
                "activity": script.activity(),
            }
            assert script.seat_delete() == 204
        except BaseException as error:  # reported in the test's own thread
            errors.append(error)
            signed_in.abort()
            ordered.abort()

    threads = [
        threading.Thread(target=run, args=(quantity, script), name=f"qa-script-{quantity}")
        for quantity, script in scripts.items()
    ]
    for thread in threads:
        thread.start()
    joined(threads, timeout=120)
    assert not errors, errors
    assert scripts[2].seat["id"] != scripts[5].seat["id"]
    assert sorted(seen) == sorted(scripts), "a script ended without its result"

    for quantity, mine in seen.items():
        before = mine["before"]
        # Their own order, and no other: one product's licenses grew by their quantity.
        grown = {
            product: mine["licenses"][product] - count
            for product, count in before["licenses"].items()
            if mine["licenses"][product] != count
        }
        assert list(grown.values()) == [quantity], (quantity, grown)
        # Their own mail and activity: one message more, one activity entry more.
        assert len(mine["mailbox"]) == len(before["mailbox"]) + 1
        assert mine["mailbox"][0]["to"] == ANA
        new_entries = mine["activity"][: len(mine["activity"]) - len(before["activity"])]
        assert [entry["action"] for entry in new_entries] == ["order_placed"]
        assert str(quantity) in str(new_entries[0]["after"]), new_entries[0]
    # The two seats began as the same world.
    assert seen[2]["before"]["licenses"] == seen[5]["before"]["licenses"]
