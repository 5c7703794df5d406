"""Threads a test starts end before it judges them: a worker that hangs fails the test."""

import threading


def joined(threads: list[threading.Thread], *, timeout: float = 120) -> None:
    """Wait for every thread, `timeout` seconds in all at most, and fail naming any still
    running (a `join(timeout=...)` alone returns as quietly on a hung thread as on an ended one)."""
    import time

    deadline = time.monotonic() + timeout
    for thread in threads:
        thread.join(timeout=max(0.0, deadline - time.monotonic()))
    hung = [thread.name for thread in threads if thread.is_alive()]
    assert hung == [], f"still running after {timeout} s: {hung}"
