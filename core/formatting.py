"""Money, dates and durations as people write them in the page's language, through Babel (CLDR).

The one formatter of the site: every template (pages, invoices, emails) goes through the
`money`, `day`, `moment` and `duration` filters of `core/templatetags/formatting.py`, which
call these.
"""

import datetime
from decimal import Decimal
from functools import lru_cache

from babel import Locale
from babel.dates import format_date, format_skeleton, format_time, format_timedelta
from babel.lists import format_list
from babel.numbers import format_currency
from django.utils import timezone, translation


@lru_cache(maxsize=16)
def babel_locale(language: str | None = None) -> Locale:
    """Django's language code ("pt-br") as a Babel locale (pt_BR); English when unknown."""
    try:
        return Locale.parse(translation.to_locale(language or "en"))
    except (ValueError, LookupError):
        return Locale.parse("en")


def _current_locale(language: str | None) -> Locale:
    return babel_locale(language or translation.get_language() or "en")


def format_money(
    amount: Decimal | int | float | str | None, currency: str, language: str | None = None
) -> str:
    """An amount in a currency, written as in the page's language: "$1,234.50" in English,
    "1.234,50 €" in Spanish, "R$ 1.234,50" in Brazilian Portuguese.

    The space between symbol and number is non-breaking, so an amount never splits over two
    lines. None (no price) is a dash.
    """
    if amount is None or amount == "":
        return "—"
    return _money(str(amount), currency, language or translation.get_language() or "en")


# Babel applies a locale's pattern anew on every call, far slower than the page around it: the
# same amount, currency and language always make the same text, so each is written once a
# process (a list of 50 cards or 20 invoices repeats few of them).
@lru_cache(maxsize=4096)
def _money(amount: str, currency: str, language: str) -> str:
    return format_currency(
        Decimal(amount), currency, locale=babel_locale(language), currency_digits=True
    )


@lru_cache(maxsize=4096)
def _day(value: datetime.date, language: str) -> str:
    return format_date(value, "long", locale=babel_locale(language))


def format_day(value: datetime.date | datetime.datetime | None, language: str | None = None) -> str:
    """A date in the one style of the site, the locale's long form: "March 5, 2026",
    "5 de marzo de 2026", "5 de março de 2026" (month names as each language writes them)."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return _day(value, language or translation.get_language() or "en")


def format_short_day(
    value: datetime.date | datetime.datetime | None, language: str | None = None
) -> str:
    """A day and month where room is short (a table cell on a projector; the year is said
    elsewhere): "Nov 21", "21 nov", "21 de nov."."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return format_skeleton("MMMd", value, locale=_current_locale(language))


def format_moment(value: datetime.datetime | None, language: str | None = None) -> str:
    """A date and time: the date as `format_day`, the time short ("March 5, 2026, 2:30 PM")."""
    if value is None or value == "":
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return _moment(
        value.date(), value.hour, value.minute, language or translation.get_language() or "en"
    )


# A moment shows its minute at most (the short time): the same day, hour, minute and language
# always make the same text, written once a process like `_day` (a Mailbox page shows 25).
@lru_cache(maxsize=4096)
def _moment(day: datetime.date, hour: int, minute: int, language: str) -> str:
    locale = babel_locale(language)
    pattern = str(locale.datetime_formats["medium"])
    return pattern.replace("{1}", _day(day, language)).replace(
        "{0}", format_time(datetime.time(hour, minute), "short", locale=locale)
    )


def format_clock(value: datetime.datetime | None, language: str | None = None) -> str:
    """A time of day with its time zone, for "until when": "2:30 PM (UTC)", "14:30 (UTC)"."""
    if value is None or value == "":
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    time = format_time_of_day(value, language)
    return f"{time} ({value.tzname() or timezone.get_current_timezone_name()})"


def format_time_of_day(value: datetime.datetime | None, language: str | None = None) -> str:
    """A time of day alone, for a table whose heading gives the time zone once: "2:30 PM",
    "14:30"."""
    if value is None or value == "":
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return format_time(value, "short", locale=_current_locale(language))


def format_duration(value: datetime.timedelta | None, language: str | None = None) -> str:
    """A time taken, in minutes and seconds as the page's language writes them (CLDR):
    "3 min 45 sec" in English, "3 min 45 s" in Spanish and Portuguese; "0 sec" for none."""
    if value is None:
        return ""
    locale = _current_locale(language)
    minutes, seconds = divmod(max(int(value.total_seconds()), 0), 60)
    parts = []
    if minutes:
        parts.append(_timedelta_in(datetime.timedelta(minutes=minutes), "minute", locale))
    if seconds or not minutes:
        parts.append(_timedelta_in(datetime.timedelta(seconds=seconds), "second", locale))
    return " ".join(parts)


def _timedelta_in(value: datetime.timedelta, unit: str, locale: Locale) -> str:
    """`value` counted in `unit` alone, short ("3 min"), however large it is."""
    return format_timedelta(value, threshold=10**6, granularity=unit, format="short", locale=locale)


def format_list_of(items, language: str | None = None) -> str:
    """Several names in a sentence, as the locale joins them: "A, B, and C", "A, B y C"."""
    return format_list(list(items), locale=_current_locale(language))


def sentence_end(name: str) -> str:
    """A name that ends a sentence: its own final period is the sentence's ("Suporte
    Paulista Ltda." then "." is written once, as every style guide has it)."""
    return name[:-1] if name and name.endswith(".") else name
