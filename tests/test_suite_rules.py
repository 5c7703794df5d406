"""Rules the suite keeps for itself, so a test cannot pass by not looking.

- A thread a test starts is joined and checked: `tests.threads.joined` fails on one still
  running, where a join with a timeout alone returns as quietly as when it ended.
"""

import re
import threading
from pathlib import Path

import pytest

from tests.sample_world import world
from tests.threads import joined

TESTS = Path(__file__).resolve().parent


def test_joined_fails_on_a_hung_thread():
    release = threading.Event()
    hung = threading.Thread(target=release.wait, name="hung-worker")
    hung.start()
    try:
        with pytest.raises(AssertionError, match="hung-worker"):
            joined([hung], timeout=0.1)
    finally:
        release.set()
    joined([hung], timeout=10)  # and passes once it ended


def test_every_thread_a_test_joins_is_checked():
    unchecked = [
        f"{path.relative_to(TESTS)}:{number}"
        for path in sorted(TESTS.rglob("*.py"))
        if path.name != "threads.py"
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if re.search(r"\.join\(\s*(timeout\s*=|\d)", line)
    ]
    assert unchecked == [], "join threads with tests.threads.joined"


# The sample world is loaded once for the tests in a row that ask for it (tests/sample_world.py):
# the three tests below run in this order (pytest keeps a file's order among its database tests).
WORLD_SEEN: dict = {}


def test_a_test_asking_for_sample_data_works_in_the_shared_world(sample_data, persona):
    from seats.models import Seat

    assert world.open
    WORLD_SEEN.update(loads=world.loads, token=Seat.objects.default().token)
    ana = persona("ana")
    ana.delete()  # rolled back with this test: the next one finds Ana again


def test_the_next_test_finds_the_world_as_loaded_not_loaded_again(sample_data, persona):
    from seats.models import Seat

    if not WORLD_SEEN:
        pytest.skip("runs after test_a_test_asking_for_sample_data_works_in_the_shared_world")
    assert world.loads == WORLD_SEEN["loads"]  # no second load
    assert Seat.objects.default().token == WORLD_SEEN["token"]  # the same world (a random token)
    assert persona("ana").email  # the test before deleted her; rolled back


@pytest.mark.django_db
def test_a_test_without_sample_data_finds_an_empty_database(django_user_model):
    from accounts.models import Account

    assert not world.open
    assert not Account.objects.exists()
    assert not django_user_model.objects.exists()


def test_a_setting_changed_before_the_world_fails_the_test(sample_data, settings):
    settings.SANDBOX_TODAY = settings.SANDBOX_TODAY.replace(year=2030)
    with pytest.raises(AssertionError, match="SANDBOX_TODAY"):
        world.check()


def test_a_write_before_the_world_fails_the_test(sample_data, django_user_model, django_db_blocker):
    world.watch(django_db_blocker)
    django_user_model.objects.create(email="early@example.com")
    with pytest.raises(AssertionError, match="wrote to the database"):
        world.check()


def test_a_language_active_before_the_world_fails_the_test(sample_data):
    from django.utils import translation

    with translation.override("es"), pytest.raises(AssertionError, match="'es' active"):
        world.check()
