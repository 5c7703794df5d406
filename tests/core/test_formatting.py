"""The site's one money and date formatter: as people write them in each language."""

import datetime
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import translation

from core.formatting import format_day, format_duration, format_moment, format_money, sentence_end

NBSP = "\xa0"


@pytest.mark.parametrize(
    ("language", "amount", "currency", "expected"),
    [
        ("pt-br", "1234.5", "BRL", f"R${NBSP}1.234,50"),
        ("pt-br", "229", "BRL", f"R${NBSP}229,00"),
        ("pt-br", "1234.5", "USD", f"US${NBSP}1.234,50"),
        ("pt-br", "1234.5", "EUR", f"€{NBSP}1.234,50"),
        ("es", "1234.5", "EUR", f"1.234,50{NBSP}€"),
        ("es", "4400", "USD", f"4.400,00{NBSP}US$"),
        ("en", "1234.5", "USD", "$1,234.50"),
        ("en", "1234.5", "EUR", "€1,234.50"),
        ("en", "1234567.891", "BRL", "R$1,234,567.89"),
    ],
)
def test_money_as_each_language_writes_it(language, amount, currency, expected):
    with translation.override(language):
        assert format_money(Decimal(amount), currency) == expected
        rendered = Template("{% load formatting %}{{ amount|money:currency }}").render(
            Context({"amount": Decimal(amount), "currency": currency})
        )
        assert rendered == expected


def test_money_never_breaks_between_symbol_and_number():
    for language, _name in settings.LANGUAGES:
        for currency in ("USD", "EUR", "BRL"):
            assert " " not in format_money(Decimal("4400"), currency, language)


def test_no_price_is_a_dash():
    assert format_money(None, "USD", "en") == "—"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "March 5, 2026"),
        ("es", "5 de marzo de 2026"),
        ("pt-br", "5 de março de 2026"),  # month names in lower case, as Portuguese writes them
    ],
)
def test_one_date_style_per_language(language, expected):
    with translation.override(language):
        assert format_day(datetime.date(2026, 3, 5)) == expected
        rendered = Template("{% load formatting %}{{ value|day }}").render(
            Context({"value": datetime.date(2026, 3, 5)})
        )
        assert rendered == expected


def test_a_moment_is_the_same_date_style_and_a_short_time():
    moment = datetime.datetime(2026, 3, 5, 14, 30, tzinfo=datetime.UTC)
    assert format_moment(moment, "en") == "March 5, 2026, 2:30\u202fPM"
    assert format_moment(moment, "pt-br") == "5 de março de 2026 14:30"


def test_a_name_ending_a_sentence_keeps_one_period():
    assert sentence_end("Suporte Paulista Ltda.") == "Suporte Paulista Ltda"
    assert sentence_end("Acme Support") == "Acme Support"


def test_every_template_formats_money_and_dates_through_the_one_formatter():
    """No template formats a date with Django's `date` filter or money by hand."""
    offenders = []
    for path in Path(settings.BASE_DIR, "templates").rglob("*.*"):
        text = path.read_text()
        if re.search(r"\|date:|\|floatformat|number_format", text):
            offenders.append(str(path))
    assert offenders == []


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ["0 sec", "45 sec", "1 min", "1 min 15 sec", "62 min 5 sec"]),
        ("es", ["0 s", "45 s", "1 min", "1 min 15 s", "62 min 5 s"]),
        ("pt-br", ["0 s", "45 s", "1 min", "1 min 15 s", "62 min 5 s"]),
    ],
)
def test_a_time_taken_in_minutes_and_seconds_per_language(language, expected):
    """An exercise's time taken (the board, a seat's page, the exercise): minutes counted
    past the hour, seconds left out on a whole minute, "0" for none."""
    taken = [datetime.timedelta(seconds=s) for s in (0, 45, 60, 75, 3725)]
    assert [format_duration(value, language) for value in taken] == expected
    with translation.override(language):
        template = Template("{% load formatting %}{{ taken|duration }}")
        assert [template.render(Context({"taken": value})) for value in taken] == expected
    assert format_duration(None, language) == ""


def test_babel_writes_each_amount_and_day_once_a_process(monkeypatch):
    """A list repeats amounts and dates: Babel, slow per call, writes each of them once."""
    import core.formatting

    calls = []
    for name in ("format_currency", "format_date"):
        original = getattr(core.formatting, name)

        def counted(*args, _original=original, **kwargs):
            calls.append(args)
            return _original(*args, **kwargs)

        monkeypatch.setattr(core.formatting, name, counted)
    day = datetime.date(2031, 7, 19)
    first = (format_money("98765.43", "EUR", "es"), format_day(day, "pt-br"))
    written = len(calls)
    again = (format_money(Decimal("98765.43"), "EUR", "es"), format_day(day, "pt-br"))
    assert again == first
    assert len(calls) == written
