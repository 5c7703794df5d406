"""capture_screens in a real browser, in three languages: the pictures (outcome id and persona
in each name), the handout of each language in the tables' order, its PDF, the zip; and
nobody's data changed. A representative subset (`--only`) keeps the suite quick: the full
list is proved from the decisions and personas in tests/sandbox/test_course_material.py."""

import re
import zipfile

from django.core.management import call_command

from accounts.models import Activity, User
from seats.models import Seat

from .conftest import _chromium_path

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
    settings.SANDBOX_CHROMIUM = _chromium_path()
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
