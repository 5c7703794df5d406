"""The one way a center's navigation marks where you are: `{% load navigation %}`.

Every view of a center says which entry of its navigation it belongs to, as a class
attribute `nav_item` holding that entry's URL name ("billing_center:subscriptions"), or None
where no entry is the current page. The center's base template lists its entries with
`nav_link`; the entry whose URL name is the view's `nav_item` is marked `active` and
`aria-current="page"`.
"""

import functools

from django import template
from django.urls import get_resolver, get_script_prefix, get_urlconf, reverse
from django.utils.html import conditional_escape, format_html
from django.utils.translation import get_language

register = template.Library()


@register.simple_tag(takes_context=True)
def nav_link(context, url_name: str, label: str, testid: str) -> str:
    """`{% nav_link "corp_portal:invoices" _("Invoices") "portal-nav-invoices" %}` -> the
    navigation's list item, marked as the current page on the views whose `nav_item` it is."""
    active = getattr(context.get("view"), "nav_item", None) == url_name
    return _nav_item(
        get_resolver(get_urlconf()),
        get_script_prefix(),
        get_language(),
        url_name,
        conditional_escape(label),
        testid,
        active,
    )


@functools.lru_cache(maxsize=1024)
def _nav_item(resolver, script_prefix, language, url_name, label, testid, active) -> str:
    """The list item, written once a process for each of its inputs: every center page draws
    its navigation's five to seven entries, the same ones for everyone. The URL conf's
    resolver, the script prefix and the language are part of the key because the address
    depends on them (a test that swaps the URL conf gets a new resolver)."""
    href = reverse(url_name)
    if active:
        return format_html(
            '<li class="nav-item"><a class="nav-link active" href="{}" aria-current="page"'
            ' data-testid="{}">{}</a></li>',
            href,
            testid,
            label,
        )
    return format_html(
        '<li class="nav-item"><a class="nav-link" href="{}" data-testid="{}">{}</a></li>',
        href,
        testid,
        label,
    )
