"""One way to write a view (docs/architecture.md, "Views"): class-based views, access in a
`UserPassesTestMixin`, a service's refusal on the form, the navigation marked by `nav_item`."""

from types import SimpleNamespace

import pytest
from django import forms
from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.urls import URLPattern, get_resolver
from django.utils import translation
from django.views.generic import View

from core.mixins import refusal_add

CENTERS = ["billing_center", "admin_center", "corp_portal"]


def center_views():
    resolver = get_resolver()
    for namespace in CENTERS:
        _prefix, sub_resolver = resolver.namespace_dict[namespace]
        for pattern in sub_resolver.url_patterns:
            assert isinstance(pattern, URLPattern)
            yield f"{namespace}:{pattern.name}", pattern.callback


@pytest.mark.parametrize(("name", "callback"), list(center_views()))
def test_every_center_page_is_a_class_based_view_without_its_own_dispatch(name, callback):
    view_class = getattr(callback, "view_class", None)
    assert view_class is not None and issubclass(view_class, View), f"{name} is a function"
    own_dispatch = [
        klass.__qualname__
        for klass in view_class.__mro__
        if "dispatch" in vars(klass) and klass.__module__.split(".")[0] in CENTERS
    ]
    assert own_dispatch == [], f"{name}: access goes in test_func / handle_no_permission"


@pytest.mark.parametrize(("name", "callback"), list(center_views()))
def test_every_page_after_a_sign_in_asks_through_an_access_mixin(name, callback):
    public = {"sign-in", "sign-out", "forgot-password", "reset-password"}
    if name.split(":")[1] in public:
        return
    assert issubclass(callback.view_class, AccessMixin), name


class CardForm(forms.Form):
    card_number = forms.CharField()


class Declined(Exception):
    """A service's own refusal, not a ValidationError."""


def test_a_refusal_goes_on_the_form_as_a_non_field_error_or_on_its_field():
    form = CardForm({"card_number": "4000"})
    assert form.is_valid()
    refusal_add(form, ValidationError("This subscription is pending cancellation."))
    refusal_add(form, Declined("Your card was declined."), field="card_number")
    assert form.non_field_errors() == ["This subscription is pending cancellation."]
    assert form.errors["card_number"] == ["Your card was declined."]


NAV = (
    '{% load navigation %}{% nav_link "corp_portal:invoices" _("Invoices") "nav-invoices" %}'
    '{% nav_link "corp_portal:bill-to" _("Bill To") "nav-bill-to" %}'
)


@pytest.mark.parametrize("nav_item", ["corp_portal:invoices", "corp_portal:bill-to", None])
def test_the_navigation_marks_the_views_nav_item_and_only_it(nav_item):
    with translation.override("es"):
        html = Template(NAV).render(Context({"view": SimpleNamespace(nav_item=nav_item)}))
    links = html.split("</li>")[:2]
    for link, url_name in zip(links, ["corp_portal:invoices", "corp_portal:bill-to"], strict=True):
        current = url_name == nav_item
        assert ('aria-current="page"' in link) is current
        assert ("nav-link active" in link) is current
    assert 'href="/es/corp-billing/invoices/"' in links[0] and ">Facturas<" in links[0]
