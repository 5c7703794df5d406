"""capture_screens in a real browser, in three languages: the pictures (outcome id and persona
in each name), the handout of each language in the tables' order, its PDF, the zip; and
nobody's data changed. A representative subset (`--only`) keeps the suite quick: the full
list is proved from the decisions and personas in tests/course/test_course_material.py."""

import re
import threading
import zipfile

from django.core.management import call_command
from playwright.sync_api import expect

from accounts.models import Activity, User
from seats.models import Seat
from tests.browser.trainer import trainer_signs_in
from tests.chromium import chromium_path

# One outcome of each table, with the paths that lead to them through the portal, and a main
# page: Diego and Elena at BC-2b, Elena refused by the portal from the Admin Center (AC-3c),
# Ana's Subscriptions.
ONLY = "BC-2b,AC-3c,billing-center-subscriptions"
EXPECTED = [
    ("BC-2b", "diego"),
    ("BC-2b", "elena"),
    ("AC-3c", "elena"),
    ("billing-center-subscriptions", "ana"),
]
# The Spanish and Portuguese captions of BC-2b (the outcome's label, translated).
BC_2B_LABEL = {
    "en": "Account managed in the Corporate Billing Portal: Go to Billing",
    "es": "Cuenta administrada en el Portal de facturación para empresas",
    "pt-br": "Conta gerenciada no Portal de Cobrança Corporativa",
}


def test_capture_screens_in_three_languages(browser, browser_sample_data, settings, tmp_path):
    settings.SANDBOX_CHROMIUM = chromium_path()
    seats_before = list(Seat.objects.values_list("pk", flat=True))
    users_before = User.objects.count()
    activity_before = Activity.objects.count()
    lines = []

    class Out:
        def write(self, text, *args, **kwargs):
            lines.append(text)

        def flush(self):
            pass

    call_command(
        "capture_screens",
        out=tmp_path,
        language=["en", "es", "pt-br"],
        only=ONLY,
        stdout=Out(),
    )
    output = "".join(lines)
    for language in ("en", "es", "pt-br"):
        pictures = sorted(p.name for p in (tmp_path / language).glob("*.png"))
        names = [re.fullmatch(r"\d\d-(.+)-([a-z]+)\.png", name).groups() for name in pictures]
        assert names == EXPECTED, language
        for picture in pictures:
            assert (tmp_path / language / picture).read_bytes().startswith(b"\x89PNG")
        handout = (tmp_path / f"handout-{language}.html").read_text()
        shots = re.findall(r'data-shot="([^"]+)"', handout)
        assert shots == [name.removesuffix(".png") for name in pictures]  # table order
        for name in pictures:
            assert f'src="{language}/{name}"' in handout
        assert f'lang="{language}"' in handout and BC_2B_LABEL[language] in handout
        pdf = tmp_path / f"handout-{language}.pdf"
        assert pdf.read_bytes().startswith(b"%PDF")
        assert f"BC-2b diego {language}" in output  # the terminal's progress
    with zipfile.ZipFile(tmp_path / "course-material.zip") as archive:
        zipped = set(archive.namelist())
    assert {
        f"handout-{lang}.{ext}" for lang in ("en", "es", "pt-br") for ext in ("html", "pdf")
    } <= zipped
    assert {
        f"{lang}/{p.name}"
        for lang in ("en", "es", "pt-br")
        for p in (tmp_path / lang).glob("*.png")
    } <= zipped
    assert "19/19 zip" in output  # 4 pictures x 3 languages, 3 handouts, 3 PDFs, the zip
    # The capture's seat is gone, and the default seat's world is as it was.
    assert list(Seat.objects.values_list("pk", flat=True)) == seats_before
    assert (User.objects.count(), Activity.objects.count()) == (users_before, activity_before)


def test_the_trainer_s_button_runs_it_in_the_background_and_links_the_files(
    page, browser_sample_data, settings, tmp_path, trainer_credentials, monkeypatch
):
    """The Course material page, from the trainer's navigation: the button starts the run
    (here a quick one: one picture, in Spanish), the page shows it running with a Refresh
    link, and once it is done links the zip, the handout and the PDF, served to the trainer."""
    from course import runs

    settings.SANDBOX_CHROMIUM = chromium_path()
    settings.SANDBOX_COURSE_MATERIAL_ROOT = tmp_path
    build = runs.course_material_build
    # The run waits until the test has seen the page say "running": the tests' in-memory
    # database locks whole tables, so the page and the run take turns.
    go = threading.Event()

    def quick_build(*, out):
        go.wait()
        return build(out=out, language_codes=["es"], only={"AC-2"})

    monkeypatch.setattr(runs, "course_material_build", quick_build)
    trainer_signs_in(page, trainer_credentials)
    page.get_by_test_id("nav-course-material").click()
    page.get_by_test_id("course-material-start").click()
    expect(page.get_by_test_id("course-material-progress")).to_have_attribute(
        "data-state", "running"
    )
    expect(page.get_by_test_id("course-material-refresh")).to_be_visible()
    go.set()
    runs._background.join()  # the run's end, not a time
    page.get_by_test_id("course-material-refresh").click()
    expect(page.get_by_test_id("course-material-progress")).to_have_attribute("data-state", "done")
    pdf = page.get_by_test_id("course-material-pdf")
    expect(pdf).to_have_text("PDF: handout-es.pdf")
    response = page.request.get(pdf.get_attribute("href"))
    assert response.ok and response.body().startswith(b"%PDF")
    zipped = page.request.get(page.get_by_test_id("course-material-zip").get_attribute("href"))
    assert zipped.ok and zipped.body().startswith(b"PK")
    pictures = [p.name for p in (tmp_path / "es").glob("*.png")]
    assert len(pictures) == 1 and pictures[0].endswith("-AC-2-bruno.png")
