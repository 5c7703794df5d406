"""An existing database gets class owners (issue 26): migrated, every class and every API
token is today's trainer's, and today's trainer is the lead trainer (who sees every class, as
before). The database is main's at 568c49c (tests/fixtures), with a token added to it."""

import json
import sqlite3

import pytest
from django.conf import settings

from tests.test_migrate_from_main import django_run, old_database  # noqa: F401 (a fixture)

READ_BACK = """
import json
from api.models import TrainerToken
from seats.models import Classroom
from sandbox.trainers import is_lead
print(json.dumps({
    "owners": sorted([c.name, c.owner.email] for c in Classroom.objects.all()),
    "tokens": sorted([t.name, t.trainer.email] for t in TrainerToken.objects.all()),
    "lead": [is_lead(c.owner) for c in Classroom.objects.all()],
}))
"""


def test_every_class_and_token_becomes_today_s_trainer_s_and_they_lead(old_database):  # noqa: F811
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        pytest.skip("the fixture is a SQLite database; a PostgreSQL run skips it")
    with sqlite3.connect(old_database) as connection:
        connection.execute(
            "INSERT INTO api_trainertoken (name, key_hash, key_prefix, created_at) "
            "VALUES ('nightly', 'f00d', 'bst_abcd', '2026-11-30 10:00:00')"
        )
    django_run(old_database, "migrate", "--no-input")
    after = json.loads(
        django_run(old_database, "shell", "-v", "0", "-c", READ_BACK).splitlines()[-1]
    )
    assert after["owners"] == [["Monday class", "trainer@sandbox.example"]]
    assert after["tokens"] == [["nightly", "trainer@sandbox.example"]]
    assert after["lead"] == [True]
