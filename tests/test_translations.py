"""Every string has a translation in Spanish and Brazilian Portuguese, none fuzzy."""

import functools
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

LOCALE = Path(__file__).resolve().parent.parent / "locale"


@pytest.mark.parametrize("language", ["es", "pt_BR"])
def test_po_file_complete(language):
    with open(LOCALE / language / "LC_MESSAGES" / "django.po", "rb") as po:
        catalog = read_po(po)
    untranslated = [
        m.id for m in catalog if m.id and not (all(m.string) if m.pluralizable else m.string)
    ]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert not untranslated, f"untranslated in {language}: {untranslated}"
    assert not fuzzy, f"fuzzy in {language}: {fuzzy}"


# --- Every translatable string of the code and templates is in each catalog ---
#
# Extracted as `makemessages` would (xgettext with Django's keywords over every .py file, and
# over every template after Django's own `templatize`), but with Babel, so no system gettext
# is needed: a sentence reworded in the code without its catalog entry fails here, where the
# check above, which reads only what is already in the .po files, cannot see it.

ROOT = LOCALE.parent
# The folders makemessages is told to skip (-i ".venv/*"), and those it skips by itself.
SKIPPED = {".venv", "node_modules", "locale", "course-material", "__pycache__"}
# Django's keywords for xgettext (django/core/management/commands/makemessages.py), and the
# ones xgettext knows for Python by itself.
KEYWORDS = {
    "_": None,
    "gettext": None,
    "gettext_lazy": None,
    "gettext_noop": None,
    "ngettext": (1, 2),
    "ngettext_lazy": (1, 2),
    "pgettext": ((1, "c"), 2),
    "pgettext_lazy": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
    "npgettext_lazy": ((1, "c"), 2, 3),
}


def _sources(suffixes: tuple[str, ...]) -> list[Path]:
    return sorted(
        path
        for path in ROOT.rglob("*")
        if path.suffix in suffixes
        and not any(p in SKIPPED or p.startswith(".") for p in path.relative_to(ROOT).parts)
    )


def _extracted(text: str) -> set[tuple[str | None, str]]:
    """(context, msgid) of every string marked for translation in Python source `text`."""
    from io import BytesIO

    from babel.messages.extract import extract

    found = set()
    for _line, message, _comments, context in extract(
        "python", BytesIO(text.encode()), keywords=KEYWORDS, comment_tags=()
    ):
        msgid = message[0] if isinstance(message, tuple) else message
        if msgid:
            found.add((context, msgid))
    return found


@functools.cache
def code_messages() -> dict[tuple[str | None, str], str]:
    """(context, msgid) -> the first file that marks it, over the code and the templates."""
    from django.utils.translation.template import templatize

    where: dict[tuple[str | None, str], str] = {}
    for path in _sources((".py",)):
        for key in _extracted(path.read_text()):
            where.setdefault(key, str(path.relative_to(ROOT)))
    for path in _sources((".html", ".txt")):
        # xgettext reads templatize's output line by line; Python's tokenizer wants no indent.
        python = "\n".join(
            line.lstrip() for line in templatize(path.read_text(), origin=str(path)).splitlines()
        )
        for key in _extracted(python):
            where.setdefault(key, str(path.relative_to(ROOT)))
    return where


def test_the_extraction_finds_every_kind_of_mark():
    """The check below compares something: each way of marking a string is found."""
    where = code_messages()
    expected = {
        (None, "Too many new seats"): "{% translate %}",
        (
            None,
            "Every seat of this class is taken. Ask your trainer for a seat, or type "
            "the name you joined with if you already have one.",
        ): "gettext in a view",
        (None, "Too many requests from this address: try again in %(seconds)d second."): "ngettext",
        (
            None,
            "Too many seats were made from this address just now. Try again in %(seconds)s second.",
        ): "{% blocktranslate count %}",
        (None, "seat"): "gettext_lazy in a model",
    }
    missing = [how for key, how in expected.items() if key not in where]
    assert missing == []
    assert any(context is not None for context, _msgid in where), "no pgettext found"
    assert len(where) > 500


@pytest.mark.parametrize("language", ["es", "pt_BR"])
def test_every_string_of_the_code_is_in_the_catalog(language):
    with open(LOCALE / language / "LC_MESSAGES" / "django.po", "rb") as po:
        catalog = read_po(po)
    missing = sorted(
        f"{where}: {msgid!r}" + (f" (context {context!r})" if context else "")
        for (context, msgid), where in code_messages().items()
        if catalog.get(msgid, context=context) is None
    )
    assert missing == [], f"not in locale/{language}: run makemessages and translate"
