"""The sample world loaded once for the tests in a row that ask for it (`sample_data`).

Loading the sample world (`sandbox_load`) into an empty database takes a few hundred
statements; most tests ask for it, so loading it once per test was most of the suite's time.
Instead, the first test of a run of tests that ask for `sample_data` opens a transaction of the
world's own on the test database and loads the world there; each test of the run then works in
its own transaction inside it (pytest-django's, a savepoint here) and is rolled back to the
world as loaded, as Django's `TestCase.setUpTestData` does for a class. The first test that
does not ask for the world (an empty database, or a transactional test, which commits) rolls
the world back first, so it finds the database as it always did.

A test sees the world a fresh load would give it, or fails saying why: `SampleWorld.check`
compares what the load depended on (every setting, the active language) with what they were
when the world was loaded, and fails a test whose own fixtures wrote to the database before
asking for the sample data (a load after those writes could have gone differently).
"""

from __future__ import annotations

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import translation

# Where the tests' email goes (tests/conftest.py's `mailbox_backend`): the sample world's
# emailed invoices too.
MAILBOX_BACKEND = "sandbox.mail.MailboxBackend"

# Statements a fixture may run before `sample_data` without changing what a load would do:
# `tests/api/conftest.py` empties the database cache (the rate limits' counts), which the
# sample world has no row of.
HARMLESS_WRITES = ("sandbox_cache",)
WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


def transactional(item) -> bool:
    """Whether pytest-django runs `item` in a transaction that commits (TransactionTestCase):
    the same reading as pytest-django's `_django_db_helper`."""
    names = getattr(item, "fixturenames", ())
    marker = item.get_closest_marker("django_db")
    marked = bool(
        marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences"))
    )
    return marked or any(
        name in names for name in ("transactional_db", "live_server", "django_db_reset_sequences")
    )


def wants_world(item) -> bool:
    """Whether `item` is served from the shared world: it asks for `sample_data` (directly or
    through a fixture) and runs in a transaction that is rolled back."""
    return (
        item is not None
        and "sample_data" in getattr(item, "fixturenames", ())
        and not transactional(item)
    )


def _settings_now() -> dict:
    return {name: getattr(settings, name) for name in dir(settings) if name.isupper()}


class SampleWorld:
    """The world's transaction on the default database: `enter` loads it, `leave` rolls it
    back. One per run (`world` below)."""

    def __init__(self):
        self.atomic = None
        self.blocker = None
        self.loads = 0  # worlds loaded this run (tests/test_suite_rules.py reads it)
        self._settings: dict = {}
        self._language = None
        self._queries: CaptureQueriesContext | None = None

    @property
    def open(self) -> bool:
        return self.atomic is not None

    def enter(self, blocker) -> None:
        from sandbox.services import sandbox_load

        self.blocker = blocker
        # As every test starts (tests/conftest.py's autouse fixtures): the mailbox as the
        # email backend, the site's default language.
        with (
            blocker.unblock(),
            override_settings(EMAIL_BACKEND=MAILBOX_BACKEND),
            translation.override(settings.LANGUAGE_CODE),
        ):
            self.atomic = transaction.atomic(using=DEFAULT_DB_ALIAS)
            self.atomic.__enter__()
            try:
                sandbox_load()
            except BaseException:
                self.leave()
                raise
            self._settings = _settings_now()
            self._language = translation.get_language()
        self.loads += 1

    def leave(self) -> None:
        self.queries_stop()
        if self.atomic is None:
            return
        atomic, self.atomic = self.atomic, None
        with self.blocker.unblock():
            transaction.set_rollback(True, using=DEFAULT_DB_ALIAS)
            atomic.__exit__(None, None, None)

    def prepare(self, item, blocker) -> None:
        """Before `item`'s own transaction begins: the world open under it when it wants the
        world, rolled back when it does not; the statements until `sample_data` are watched."""
        if not wants_world(item):
            self.leave()
            return
        if not self.open:
            self.enter(blocker)
        self.watch(blocker)

    def watch(self, blocker) -> None:
        """Record the statements run from now until `check`."""
        self.queries_stop()
        self._queries = CaptureQueriesContext(connections[DEFAULT_DB_ALIAS])
        with blocker.unblock():
            self._queries.__enter__()

    def queries_stop(self) -> list[str]:
        """The statements run since `prepare` (and stop watching)."""
        if self._queries is None:
            return []
        queries, self._queries = self._queries, None
        queries.__exit__(None, None, None)
        return [query["sql"] for query in queries.captured_queries]

    def check(self) -> None:
        """Fail unless a fresh load, here and now, would have loaded the world as it is."""
        written = [
            sql
            for sql in self.queries_stop()
            if sql.lstrip().upper().startswith(WRITES)
            and not any(table in sql for table in HARMLESS_WRITES)
        ]
        assert not written, (
            "a fixture wrote to the database before `sample_data` loaded the sample world, "
            "which is loaded once for many tests: ask for `sample_data` first (before the "
            f"fixture that writes), or load it yourself. Written: {written[:3]}"
        )
        now = _settings_now()
        changed = sorted(
            name
            for name in now.keys() | self._settings.keys()
            if now.get(name, KeyError) != self._settings.get(name, KeyError)
        )
        assert not changed, (
            f"settings changed before `sample_data` loaded the sample world: {changed}. The "
            "world is loaded once for many tests, with the test settings: change settings "
            "after asking for `sample_data`, or load the sample data yourself."
        )
        assert translation.get_language() == self._language, (
            f"language {translation.get_language()!r} active before `sample_data`; the world "
            f"was loaded in {self._language!r}"
        )


world = SampleWorld()
