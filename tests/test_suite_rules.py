"""Rules the suite keeps for itself, so a test cannot pass by not looking.

- A thread a test starts is joined and checked: `tests.threads.joined` fails on one still
  running, where a join with a timeout alone returns as quietly as when it ended.
"""

import re
import threading
from pathlib import Path

import pytest

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
