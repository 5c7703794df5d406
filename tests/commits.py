"""A test's own transaction never commits, so the `transaction.on_commit` callbacks of the
code it runs (an order's confirmation email) run only where the test says the code commits."""

from django.test import TestCase


def committed():
    """`with committed(): client.post(...)`: the on_commit callbacks of the code inside run
    when the block ends, as they run in production when the code's transaction commits.
    Django's `captureOnCommitCallbacks(execute=True)`, which pytest-django's
    `django_capture_on_commit_callbacks` fixture is, for the helpers that take no fixture."""
    return TestCase.captureOnCommitCallbacks(execute=True)
