"""The one way a center's navigation marks where you are: `{% load navigation %}`.

Every view of a center says which entry of its navigation it belongs to, as a class
attribute `nav_item` holding that entry's URL name ("billing_center:subscriptions"), or None
where no entry is the current page. The center's base template lists its entries with
`nav_link`; the entry whose URL name is the view's `nav_item` is marked `active` and
`aria-current="page"`.
"""

from django import template
from django.urls import reverse
from django.utils.html import format_html

register = template.Library()


@register.simple_tag(takes_context=True)
def nav_link(context, url_name: str, label: str, testid: str) -> str:
    """`{% nav_link "corp_portal:invoices" _("Invoices") "portal-nav-invoices" %}` -> the
    navigation's list item, marked as the current page on the views whose `nav_item` it is."""
    href = reverse(url_name)
    if getattr(context.get("view"), "nav_item", None) == url_name:
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
