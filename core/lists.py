"""A list's per-row work done once per page: links reversed once per URL pattern, choice
labels translated once per page.

A page of 50 cards with three links each would run Django's `reverse` 150 times, each walking
the URL conf: `link_maker("billing_center:edit")` reverses the pattern once, with a stand-in
primary key, and returns a function that writes the link of any primary key into it. The
result is the very string `reverse("billing_center:edit", args=[pk])` gives.
"""

import re
from collections.abc import Callable, Iterable

from django.urls import reverse

# A primary key no row has: it stands in for the real one while the pattern is reversed.
_STAND_IN = 918273645546372819
_SLUG = re.compile(r"[-a-zA-Z0-9_]+")  # Django's slug path converter


def _around_stand_in(name: str) -> tuple[str, str]:
    """The path of the URL `name` before and after its one argument, reversed once."""
    before, after = reverse(name, args=[_STAND_IN]).split(str(_STAND_IN), 1)
    return before, after


def link_maker(name: str) -> Callable[[int], str]:
    """A function pk -> the path of the URL `name` with that one integer argument."""
    before, after = _around_stand_in(name)

    def link(pk: int) -> str:
        return f"{before}{int(pk)}{after}"

    return link


def slug_link_maker(name: str) -> Callable[[str], str]:
    """A function slug -> the path of the URL `name` with that one slug argument (a persona's
    key), the very string `reverse` gives; anything but a slug is refused."""
    before, after = _around_stand_in(name)

    def link(slug: str) -> str:
        if not _SLUG.fullmatch(slug):
            raise ValueError(f"Not a slug: {slug!r}")
        return f"{before}{slug}{after}"

    return link


def choice_labels(choices: Iterable[tuple[str, object]]) -> dict[str, str]:
    """{value: label} of a model field's choices, each label translated once, now (in the
    page's language): a row then looks its label up instead of calling `get_FOO_display`,
    which translates again for every row."""
    return {value: str(label) for value, label in choices}
