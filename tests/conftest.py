import pytest
from django.conf import settings
from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client
from django.utils import translation

from classes.services import class_create
from sandbox.services import sandbox_load


@pytest.fixture
def sample_data(db):
    """The sandbox's sample accounts, products and personas (docs/personas.md)."""
    sandbox_load()


@pytest.fixture
def persona(sample_data, django_user_model):
    """persona("ana") -> the sample user of that persona."""
    from sandbox.sample_data import PERSONAS_BY_KEY

    def get(key):
        return django_user_model.objects.select_related("account").get(
            email=PERSONAS_BY_KEY[key].email
        )

    return get


@pytest.fixture
def trainer_client(persona):
    """A browser of its own, signed in as the trainer."""
    client = Client()
    client.force_login(persona("trainer"))
    return client


@pytest.fixture
def make_classroom(sample_data):
    """make_classroom(seats=2, language="es") -> a new class, every seat with its sample world."""

    def make(seats=2, language="en", name="Monday class"):
        return class_create(name=name, seat_count=seats, language=language)

    return make


@pytest.fixture(autouse=True)
def mailbox_backend(settings):
    """The mailbox is a feature of the sandbox: tests send into it, as the product does."""
    settings.EMAIL_BACKEND = "sandbox.mail.MailboxBackend"


@pytest.fixture
def trainer_credentials(settings):
    """(email, password) the trainer signs in with: the one place tests learn them, as the
    trainer's credentials are the sandbox's own business (separate from the personas')."""
    return "trainer@sandbox.example", settings.SANDBOX_TRAINER_PASSWORD


@pytest.fixture(autouse=True)
def each_test_starts_in_english():
    """The test client's requests run in the test's thread, and the last one leaves its
    language active (a Spanish page, an API call in Portuguese): each test starts from the
    site's default language, whatever the test before it asked for."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


def _only_the_tests_blocks(connection) -> bool:
    """Whether the atomic blocks open are the test's own (pytest-django's, which never
    commit) and none of the code's: in production the code would be in autocommit there."""
    blocks = connection.atomic_blocks
    return bool(blocks) and all(block._from_testcase for block in blocks)


@pytest.fixture(autouse=True)
def on_commit_runs_when_the_code_commits(request, monkeypatch):
    """A test's writes run inside the test's own transaction, which never commits, so a
    `transaction.on_commit` callback (an order's confirmation email) would never run. In
    production it runs when the code's outermost atomic block commits (at once outside any
    block); here it runs at the same moment: when the code's outermost block exits without
    an error, inside the test's transaction. A callback of a block rolled back is dropped,
    as Django drops it. A test that asks for `django_capture_on_commit_callbacks` captures
    the callbacks itself instead (and sees that nothing runs before the commit)."""
    if "django_capture_on_commit_callbacks" in request.fixturenames:
        return
    on_commit, atomic_exit = BaseDatabaseWrapper.on_commit, transaction.Atomic.__exit__

    def on_commit_now_outside_the_codes_blocks(connection, func, robust=False):
        if _only_the_tests_blocks(connection):
            func()
            return
        on_commit(connection, func, robust)

    def exit_running_the_callbacks(atomic, exc_type, exc_value, traceback):
        result = atomic_exit(atomic, exc_type, exc_value, traceback)
        connection = transaction.get_connection(atomic.using)
        if exc_type is None and not connection.needs_rollback:
            while connection.run_on_commit and _only_the_tests_blocks(connection):
                _savepoints, func, _robust = connection.run_on_commit.pop(0)
                func()
        return result

    monkeypatch.setattr(BaseDatabaseWrapper, "on_commit", on_commit_now_outside_the_codes_blocks)
    monkeypatch.setattr(transaction.Atomic, "__exit__", exit_running_the_callbacks)
