"""`{% nav_link %}` (core/templatetags/navigation.py): the entry of the current page marked,
its address in the page's language and the URL conf of the moment, its label escaped."""

from types import SimpleNamespace

from django.template import Context, Template
from django.test import override_settings
from django.urls import clear_url_caches
from django.utils import translation

ENTRY = Template(
    "{% load navigation %}"
    '{% nav_link "billing_center:subscriptions" label "bc-nav-subscriptions" %}'
)


def entry(language="en", nav_item=None, label="Subscriptions"):
    with translation.override(language):
        return ENTRY.render(Context({"view": SimpleNamespace(nav_item=nav_item), "label": label}))


def test_the_entry_of_the_current_page_is_marked_and_the_others_are_not():
    assert 'aria-current="page"' in entry(nav_item="billing_center:subscriptions")
    assert 'aria-current="page"' not in entry(nav_item="billing_center:cart")
    assert 'aria-current="page"' in entry(nav_item="billing_center:subscriptions")


def test_each_language_gets_its_own_address_and_label():
    assert 'href="/en/billing/subscriptions/"' in entry("en")
    spanish = entry("es", label="Suscripciones")
    assert 'href="/es/billing/subscriptions/"' in spanish and ">Suscripciones<" in spanish
    assert 'href="/en/billing/subscriptions/"' in entry("en")


def test_a_label_is_escaped_once_whether_or_not_it_was_written_before():
    assert "Cart &amp; more" in entry(label="Cart & more")
    assert "Cart &amp; more" in entry(label="Cart & more")


def test_a_swapped_url_conf_is_asked_again():
    entry()  # with the product's URL conf first
    with override_settings(ROOT_URLCONF="tests.core.test_navigation_urls"):
        clear_url_caches()
        html = entry()
    clear_url_caches()
    assert 'href="/en/elsewhere/subscriptions/"' in html
