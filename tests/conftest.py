import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from classes.services import class_create
from sandbox.services import sandbox_load
from tests.sample_world import MAILBOX_BACKEND, wants_world, world


@pytest.fixture
def sample_data(db):
    """The sandbox's sample accounts, products and personas (docs/personas.md): loaded once
    for the tests in a row that ask for it, each test rolled back to it (tests/sample_world.py);
    loaded for the test alone in a transactional test."""
    if world.open:
        world.check()
        return
    sandbox_load()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    """pytest-django's test database; the sample world's transaction, if open, rolled back
    before the database goes."""
    yield
    world.leave()


@pytest.hookimpl(wrapper=True)
def pytest_fixture_setup(fixturedef, request):
    # Just before a test's own transaction begins (pytest-django's `_django_db_helper`, whether
    # asked for by `db`, `transactional_db` or the django_db marker): the sample world open
    # under it for a test that wants it, rolled back for one that does not.
    if fixturedef.argname == "_django_db_helper":
        world.prepare(request.node, request.getfixturevalue("django_db_blocker"))
    return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    # The world stays open only while the next test wants it too: a test without a database
    # that unblocks it (tests/api/conftest.py) never runs inside the world's transaction.
    try:
        return (yield)
    finally:
        world.queries_stop()
        if not wants_world(nextitem):
            world.leave()


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
    settings.EMAIL_BACKEND = MAILBOX_BACKEND


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
