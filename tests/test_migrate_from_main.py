"""A database made by an earlier main migrates to today's code with every row kept.

`tests/fixtures/main-568c49c.sqlite3.gz` is a SQLite database made by main at 568c49c, before
the board's records moved from the `sandbox` app to `classes`: migrated, `load_sandbox`, then,
through that code's services, a class of two seats whose trainees joined, reached outcomes and
signed in as personas. The test migrates a copy with today's migrations, in a process of its
own (`DATABASE_URL` names the copy: migrate, then read back through today's models, then
makemigrations --check, one after the other in that one process), and compares.

SQLite only: skipped on a PostgreSQL run (the fixture is a SQLite file; what the migrations
do is the same on both, since the move changes Django's state, not a table).
"""

import gzip
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "main-568c49c.sqlite3.gz"
# The tables the moved models keep (their db_table).
MOVED_TABLES = {
    "classes.OutcomeReached": "sandbox_outcomereached",
    "classes.PersonaSignedIn": "sandbox_personasignedin",
}

# In the one process: `migrate` as the command runs (its output first), then the rows read back
# through today's models (the last line, JSON), then `makemigrations --check`, which exits with
# an error if the migrated models still differ from the migrations.
MIGRATE_READ_BACK_CHECK = """
import json
from django.core.management import call_command
call_command("migrate", interactive=False)
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from classes.models import OutcomeReached, PersonaSignedIn
from seats.models import Classroom, Seat

print(json.dumps({
    "classes.OutcomeReached": sorted(
        [r.id, r.seat_id, str(r.outcome), r.reached_at.isoformat(), r.seat.display_name]
        for r in OutcomeReached.objects.select_related("seat")
    ),
    "classes.PersonaSignedIn": sorted(
        [r.id, r.seat_id, r.email, r.signed_in_at.isoformat(), r.seat.display_name]
        for r in PersonaSignedIn.objects.select_related("seat")
    ),
    "classes": sorted([c.id, c.name, c.code] for c in Classroom.objects.all()),
    "seats": sorted(
        [s.id, s.classroom_id, s.number, s.display_name, s.outcomes_reached.count(),
         s.personas_signed_in.count()]
        for s in Seat.objects.all()
    ),
    "content_types": sorted(
        [t.app_label, t.model]
        for t in ContentType.objects.filter(model__in=["outcomereached", "personasignedin"])
    ),
    "permissions": sorted(
        p.codename for p in Permission.objects.filter(content_type__app_label="classes")
    ),
}))
call_command("makemigrations", check=True, dry_run=True, verbosity=0)
"""


def django_run(database: Path, *args: str) -> str:
    """`manage.py <args>` on `database`, in a process of its own; its standard output."""
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": f"sqlite:///{database}",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def rows_before(database: Path) -> dict:
    """What the old database holds, read with SQL (the old code is gone)."""
    with sqlite3.connect(database) as connection:
        outcomes = connection.execute(
            "SELECT o.id, o.seat_id, o.outcome, s.display_name FROM sandbox_outcomereached o "
            "JOIN seats_seat s ON s.id = o.seat_id"
        ).fetchall()
        personas = connection.execute(
            "SELECT p.id, p.seat_id, p.email, s.display_name FROM sandbox_personasignedin p "
            "JOIN seats_seat s ON s.id = p.seat_id"
        ).fetchall()
        classes = connection.execute("SELECT id, name, code FROM seats_classroom").fetchall()
        seats = connection.execute(
            "SELECT id, classroom_id, number, display_name FROM seats_seat"
        ).fetchall()
        applied = connection.execute(
            "SELECT name FROM django_migrations WHERE app = 'classes'"
        ).fetchall()
    return {
        "classes.OutcomeReached": sorted(list(row) for row in outcomes),
        "classes.PersonaSignedIn": sorted(list(row) for row in personas),
        "classes": sorted(list(row) for row in classes),
        "seats": sorted(list(row) for row in seats),
        "classes_applied": applied,
    }


@pytest.fixture
def old_database(tmp_path) -> Path:
    database = tmp_path / "main-568c49c.sqlite3"
    with gzip.open(FIXTURE, "rb") as packed, database.open("wb") as unpacked:
        shutil.copyfileobj(packed, unpacked)
    return database


def test_a_database_of_main_568c49c_migrates_with_every_row(old_database):
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        pytest.skip("the fixture is a SQLite database; a PostgreSQL run skips it")
    before = rows_before(old_database)
    # The fixture is what it says: older than the move, with rows of each moved model.
    assert before["classes_applied"] == []
    assert len(before["classes.OutcomeReached"]) == 5
    assert len(before["classes.PersonaSignedIn"]) == 3
    assert [name for _id, name, _code in before["classes"]] == ["Monday class"]

    output = django_run(old_database, "shell", "-v", "0", "-c", MIGRATE_READ_BACK_CHECK)
    assert "Applying classes.0001_initial... OK" in output
    assert "Applying sandbox.0006_board_records_to_classes... OK" in output

    after = json.loads(output.splitlines()[-1])
    for label in MOVED_TABLES:
        # Every row, read through today's model: id, seat, value, and its seat's trainee.
        assert [[r[0], r[1], r[2], r[4]] for r in after[label]] == before[label], label
    assert after["classes"] == before["classes"]
    assert [seat[:4] for seat in after["seats"]] == before["seats"]
    by_name = {seat[3]: seat[4:] for seat in after["seats"]}
    assert by_name["María"] == [2, 1] and by_name["João"] == [3, 2]
    # The moved models' content types, and their permissions with them, are classes' now.
    assert after["content_types"] == [["classes", "outcomereached"], ["classes", "personasignedin"]]
    assert "view_outcomereached" in after["permissions"]
    # Nothing was left for makemigrations to do on the migrated database (MIGRATE_READ_BACK_CHECK
    # ends with `makemigrations --check`: django_run asserted it exited 0).
    with sqlite3.connect(old_database) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    assert set(MOVED_TABLES.values()) <= tables
