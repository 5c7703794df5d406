"""core.lists.link_maker writes the very path Django's reverse gives, for any primary key."""

import pytest
from django.urls import reverse
from django.utils import translation

from core.lists import link_maker


@pytest.mark.parametrize("language", ["en", "es", "pt-br"])
@pytest.mark.parametrize("name", ["billing_center:edit", "billing_center:add-licenses"])
def test_link_maker_writes_what_reverse_writes(name, language):
    with translation.override(language):
        link = link_maker(name)
        for pk in (1, 7, 42, 918273645546372819, 123456789):
            assert link(pk) == reverse(name, args=[pk])
