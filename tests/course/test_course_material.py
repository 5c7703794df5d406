"""Course material (capture_screens) without a browser: the list of pictures asked of the
decisions and personas, the plain message where Chromium or Playwright is missing, and the
trainer's Course material page (access, progress, downloads). The capture itself, in a real
browser: tests/browser/test_capture_screens.py."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts.decisions import Outcome
from course import views as course_material_views
from course.course_material import (
    CaptureUnavailable,
    Progress,
    chromium_check,
    shots_plan,
)
from course.screen_capture import SiteRequests
from sandbox.personas import persona_rows
from tests.outcome_table import ADMIN_CENTER, BILLING_CENTER, CUSTOMERS, PATHS

ROOT = Path(__file__).resolve().parents[2]
# The article's tables, in their order (docs/decision-tables.md), written out by hand.
BILLING_CENTER_ORDER = ["BC-1", "BC-2", "BC-2a", "BC-2b", "BC-2c", "portal-signed-in"]
ADMIN_CENTER_ORDER = ["refused", "AC-1", "AC-2", "AC-3", "AC-3c", "portal-signed-in"]


def _expected_outcome_shots() -> list[tuple[str, str, str]]:
    """(table, step, persona) in the handout's order, from the tests' own outcome table."""
    expected = []
    for table, center, order in (
        ("billing-center", BILLING_CENTER, BILLING_CENTER_ORDER),
        ("admin-center", ADMIN_CENTER, ADMIN_CENTER_ORDER),
    ):
        for step in order:
            for key in CUSTOMERS:
                if step in PATHS[key][center]:
                    expected.append((table, step, key))
    return expected


def test_the_plan_is_every_outcome_with_every_persona_who_reaches_it_in_table_order(
    sample_data,
):
    shots = shots_plan(persona_rows())
    outcome_shots = [s for s in shots if s.step is not None]
    assert [(s.section, s.id, s.persona_key) for s in outcome_shots] == _expected_outcome_shots()
    assert {s.step for s in outcome_shots} >= set(Outcome)  # every outcome of both tables
    assert [s.number for s in shots] == list(range(1, len(shots) + 1))
    # The main pages come after the tables, each center's as a persona it lets in.
    pages = shots[len(outcome_shots) :]
    assert {s.section for s in pages} == {"main-pages"}
    assert [s.persona_key for s in pages if s.id == "billing-center-subscriptions"] == ["ana"]
    assert [s.persona_key for s in pages if s.id == "corp-portal-invoices"] == ["diego"]
    assert [s.persona_key for s in pages if s.id.endswith("-sign-in")] == ["visitor"] * 3


def test_each_file_name_holds_the_order_the_outcome_id_and_the_persona(sample_data):
    shots = {(s.id, s.persona_key): s for s in shots_plan(persona_rows())}
    elena = shots[("BC-2c", "elena")]
    assert elena.path("es") == f"es/{elena.number:02d}-BC-2c-elena.png"
    assert shots[("AC-2", "bruno")].path("pt-br").endswith("-AC-2-bruno.png")


def test_only_keeps_the_shots_named_with_the_numbers_of_the_full_plan(sample_data):
    rows = persona_rows()
    full = {s.name for s in shots_plan(rows)}
    some = shots_plan(rows, only={"BC-2b", "billing-center-subscriptions"})
    assert [(s.id, s.persona_key) for s in some] == [
        ("BC-2b", "diego"),
        ("BC-2b", "elena"),
        ("billing-center-subscriptions", "ana"),
    ]
    assert {s.name for s in some} <= full


def test_a_missing_chromium_is_said_plainly(settings, tmp_path, db):
    settings.SANDBOX_CHROMIUM = "/nowhere/chromium"
    with pytest.raises(CommandError, match="Chromium is not installed at /nowhere/chromium"):
        call_command("capture_screens", out=tmp_path)
    progress = Progress.read(tmp_path)
    assert progress.state == "failed" and "/nowhere/chromium" in progress.message
    assert list(tmp_path.glob("*.png")) == [] and not (tmp_path / "course-material.zip").exists()


def test_a_missing_chromium_on_the_terminal_is_one_line_without_a_traceback(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "capture_screens", "--out", str(tmp_path)],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "SANDBOX_CHROMIUM": "/nowhere/chromium",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "CommandError: Chromium is not installed at /nowhere/chromium" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_missing_playwright_is_said_plainly(monkeypatch):
    monkeypatch.setitem(sys.modules, "playwright.sync_api", None)
    with pytest.raises(CaptureUnavailable, match="Playwright is not installed"):
        chromium_check()


def test_the_capture_s_requests_are_presented_as_the_site_s_own():
    seen = {}
    app = SiteRequests(lambda environ, start: seen.update(environ), "sandbox.example", True)
    app(
        {
            "HTTP_HOST": "127.0.0.1:8123",
            "wsgi.url_scheme": "http",
            "HTTP_ORIGIN": "http://127.0.0.1:8123",
            "HTTP_REFERER": "http://127.0.0.1:8123/en/billing/sign-in/?email=a",
        },
        None,
    )
    assert seen["HTTP_HOST"] == "sandbox.example" and seen["wsgi.url_scheme"] == "https"
    assert seen["HTTP_ORIGIN"] == "https://sandbox.example"
    assert seen["HTTP_REFERER"] == "https://sandbox.example/en/billing/sign-in/?email=a"


# The trainer's page ---------------------------------------------------------------------


@pytest.fixture
def material_root(settings, tmp_path):
    settings.SANDBOX_COURSE_MATERIAL_ROOT = tmp_path
    settings.SANDBOX_CHROMIUM = sys.executable  # an executable file: "Chromium is there"
    return tmp_path


def page_url(language="en"):
    from django.utils import translation

    with translation.override(language):
        return reverse("course:course-material")


def file_url(name):
    return reverse("course:course-material-file", args=[name])


def test_the_page_and_its_files_are_the_trainer_s_only(client, persona, material_root):
    (material_root / "handout-en.html").write_text("<p>handout</p>")
    signed_out = client.get(page_url())
    assert signed_out.status_code == 302 and "next=" in signed_out["Location"]
    assert client.get(file_url("handout-en.html")).status_code == 302
    client.force_login(persona("ana"))
    assert client.get(page_url()).status_code == 404
    assert client.post(page_url()).status_code == 404
    assert client.get(file_url("handout-en.html")).status_code == 404
    assert 'data-testid="nav-course-material"' not in client.get("/en/").content.decode()


def test_the_trainer_s_navigation_leads_to_it(trainer_client, material_root):
    content = trainer_client.get("/es/").content.decode()
    assert f'href="{page_url("es")}" data-testid="nav-course-material"' in content
    response = trainer_client.get(page_url())
    assert 'data-testid="course-material-start"' in response.content.decode()


def test_the_button_starts_the_capture_in_the_background(
    trainer_client, material_root, monkeypatch
):
    started = []
    monkeypatch.setattr(
        course_material_views, "course_material_start", lambda *, out: started.append(out) or True
    )
    response = trainer_client.post(page_url(), follow=True)
    assert started == [material_root]
    assert "The capture started" in response.content.decode()


def test_without_chromium_the_page_says_so_and_starts_nothing(
    trainer_client, material_root, settings, monkeypatch
):
    settings.SANDBOX_CHROMIUM = "/nowhere/chromium"
    started = []
    monkeypatch.setattr(
        course_material_views, "course_material_start", lambda *, out: started.append(out)
    )
    content = trainer_client.get(page_url()).content.decode()
    assert 'data-testid="course-material-unavailable"' in content
    assert "Chromium is not installed at /nowhere/chromium" in content
    assert 'data-testid="course-material-start"' not in content
    trainer_client.post(page_url())
    assert started == []


def test_a_running_capture_shows_its_progress_with_a_plain_refresh(trainer_client, material_root):
    Progress(done=12, total=112, current="BC-2b diego es").write(material_root)
    content = trainer_client.get(page_url()).content.decode()
    assert 'data-state="running"' in content
    assert 'value="12"' in content and 'max="112"' in content
    assert "12 of 112 steps done: BC-2b diego es" in content
    assert f'href="{page_url()}" data-testid="course-material-refresh"' in content
    assert 'data-testid="course-material-start"' not in content  # one run at a time
    assert "<script" not in content


def test_a_run_silent_for_long_counts_as_stopped(material_root):
    Progress(done=3, total=10).write(material_root)
    assert Progress.read(material_root).running
    path = material_root / "progress.json"
    data = json.loads(path.read_text())
    path.write_text(json.dumps({**data, "updated_at": "2000-01-01T00:00:00+00:00"}))
    assert not Progress.read(material_root).running


def test_a_finished_capture_links_its_zip_handouts_and_pdfs(trainer_client, material_root):
    for name in ("course-material.zip", "handout-en.html", "handout-en.pdf", "handout-es.pdf"):
        (material_root / name).write_bytes(b"%PDF-1.4" if name.endswith(".pdf") else b"x")
    (material_root / "en").mkdir()
    (material_root / "en" / "01-BC-1-ana.png").write_bytes(b"png")
    Progress(state="done", done=5, total=5).write(material_root)
    content = trainer_client.get(page_url()).content.decode()
    for name in ("course-material.zip", "handout-en.html", "handout-en.pdf", "handout-es.pdf"):
        assert f'href="{file_url(name)}"' in content
    assert 'data-testid="course-material-start"' in content  # again, for a new run
    pdf = trainer_client.get(file_url("handout-en.pdf"))
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")
    zipped = trainer_client.get(file_url("course-material.zip"))
    assert "attachment" in zipped["Content-Disposition"]
    assert trainer_client.get(file_url("en/01-BC-1-ana.png")).status_code == 200
    # Nothing outside the folder, nor its own bookkeeping.
    assert trainer_client.get(file_url("../secret.txt")).status_code == 404
    assert trainer_client.get(file_url(".progress.json.1")).status_code == 404
    assert trainer_client.get(file_url("missing.pdf")).status_code == 404


def test_the_default_folder_is_ignored_by_git():
    assert settings.SANDBOX_COURSE_MATERIAL_ROOT == ROOT / "course-material"
    assert "/course-material/" in (ROOT / ".gitignore").read_text().splitlines()


def test_only_with_an_unknown_id_says_so_and_leaves_no_seat(settings, tmp_path, sample_data):
    from seats.models import Seat

    settings.SANDBOX_CHROMIUM = sys.executable  # never launched: the plan fails first
    seats = list(Seat.objects.values_list("pk", flat=True))
    with pytest.raises(CommandError, match="No shot is called BC-9. Known: BC-1, BC-2"):
        call_command("capture_screens", out=tmp_path, only="BC-2b,BC-9")
    assert list(Seat.objects.values_list("pk", flat=True)) == seats


def test_a_dead_run_s_seat_is_deleted_by_the_next_run_and_nobody_else_s(db):
    import datetime

    from django.utils import timezone

    from course.screen_capture import CAPTURE_SEAT_NAME, leftover_seats_delete
    from sandbox.worlds import seat_create
    from seats.models import Seat

    dead = seat_create(display_name=CAPTURE_SEAT_NAME)
    running = seat_create(display_name=CAPTURE_SEAT_NAME)
    script = seat_create()
    an_hour_ago = timezone.now() - datetime.timedelta(hours=1)
    Seat.objects.filter(pk__in=[dead.pk, script.pk]).update(created_at=an_hour_ago)
    leftover_seats_delete()
    assert set(Seat.objects.filter(is_default=False).values_list("pk", flat=True)) == {
        running.pk,
        script.pk,
    }
