"""core.lists.link_maker and slug_link_maker write the very path Django's reverse gives."""

import pytest
from django.urls import reverse
from django.utils import translation

from core.lists import link_maker, slug_link_maker


@pytest.mark.parametrize("language", ["en", "es", "pt-br"])
@pytest.mark.parametrize("name", ["billing_center:edit", "billing_center:add-licenses"])
def test_link_maker_writes_what_reverse_writes(name, language):
    with translation.override(language):
        link = link_maker(name)
        for pk in (1, 7, 42, 918273645546372819, 123456789):
            assert link(pk) == reverse(name, args=[pk])


@pytest.mark.parametrize("language", ["en", "es", "pt-br"])
def test_slug_link_maker_writes_what_reverse_writes(language):
    with translation.override(language):
        link = slug_link_maker("sandbox:persona-sign-in")
        for key in ("ana", "bruno", "elena-2", "a_b", "918273645546372819"):
            assert link(key) == reverse("sandbox:persona-sign-in", args=[key])


@pytest.mark.parametrize("key", ["", "a/b", "../admin", "ana?x=1", "é"])
def test_slug_link_maker_refuses_anything_but_a_slug(key):
    with pytest.raises(ValueError):
        slug_link_maker("sandbox:persona-sign-in")(key)
