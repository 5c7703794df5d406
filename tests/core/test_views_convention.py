"""One way to write a view (docs/architecture.md, "Views"): class-based views, access in a
`UserPassesTestMixin`, a service's refusal on the form, the navigation marked by `nav_item`."""

import ast
import importlib
import inspect
from pathlib import Path
from types import SimpleNamespace

import pytest
from django import forms
from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.urls import URLPattern, get_resolver
from django.utils import translation
from django.views.generic import View

from billing_center.views import SubscriptionOrderView
from core.mixins import refusal_add
from core.steps import StepsMixin

ROOT = Path(__file__).resolve().parents[2]

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


# Steps and refusals, one way each (core/steps.py, core/mixins.py) --------------------------

# The modules of the centers' and the board's views, and of the order view both centers share.
VIEW_MODULES = [
    "billing_center.views",
    "admin_center.views",
    "corp_portal.views",
    "classes.board_views",
    SubscriptionOrderView.__module__,
]
# Views that answer a POST by hand, and why: none is a flow in steps.
OWN_POST = {
    "corp_portal.views.ResetPasswordView": "a used or expired link: the page, without a form",
    "corp_portal.views.BillToView": "an account without an address: the page, without a form",
    "corp_portal.views.SignOutView": "signs out of the portal: no step, no service",
    f"{SubscriptionOrderView.__module__}.SignOutView": "Django's LogoutView, keeping sign-ins",
}
# What a service refuses with, and what a service may not find: the view layer answers them
# in one place, ServiceFormMixin.service_answer.
REFUSALS = {"ValidationError", "CardDeclined", "SeatWasReset", "Http404", "ObjectDoesNotExist"}


def module_tree(module: str) -> ast.Module:
    return ast.parse(Path(importlib.import_module(module).__file__).read_text())


def view_classes(module: str):
    for name, value in vars(importlib.import_module(module)).items():
        if inspect.isclass(value) and value.__module__ == module:
            yield f"{module}.{name}", value


@pytest.mark.parametrize("module", VIEW_MODULES)
def test_a_post_is_answered_by_a_form_or_a_step_never_by_a_hand_written_post(module):
    own_post = {name for name, view in view_classes(module) if "post" in vars(view)}
    assert own_post <= set(OWN_POST), "a flow's POST is a step of core.steps.StepsMixin"


@pytest.mark.parametrize("module", VIEW_MODULES)
def test_no_view_turns_a_refusal_into_words_by_hand(module):
    by_hand = []
    for node in ast.walk(module_tree(module)):
        if isinstance(node, ast.ExceptHandler) and node.type is not None:
            caught = {n.id for n in ast.walk(node.type) if isinstance(n, ast.Name)}
            caught |= {n.attr for n in ast.walk(node.type) if isinstance(n, ast.Attribute)}
            by_hand += [f"except {name}, line {node.lineno}" for name in caught & REFUSALS]
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) in {
            "refusal_add",
            "refusal_message",
        }:
            by_hand.append(f"{node.func.id}(), line {node.lineno}")
    assert by_hand == [], "core.mixins.ServiceFormMixin.service_answer does it"


SERVICES = sorted(str(path.relative_to(ROOT)) for path in ROOT.glob("*/services.py"))


@pytest.mark.parametrize("path", SERVICES)
def test_a_service_raises_domain_errors_never_http_ones(path):
    tree = ast.parse((ROOT / path).read_text())
    http = [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("django.http")
    ]
    assert http == [], f"{path} imports django.http: raise the model's DoesNotExist instead"


def step_views():
    resolver = get_resolver()
    for namespace in [*CENTERS, "classes"]:
        _prefix, sub_resolver = resolver.namespace_dict[namespace]
        for pattern in sub_resolver.url_patterns:
            view_class = getattr(pattern.callback, "view_class", None)
            if view_class is not None and issubclass(view_class, StepsMixin):
                yield f"{namespace}:{pattern.name}", view_class


def test_the_flows_with_steps_are_the_ones_the_docs_name():
    names = {name for name, _view in step_views()}
    assert names >= {
        "billing_center:edit",
        "billing_center:cart",
        "billing_center:checkout",
        "billing_center:new-subscription",
        "billing_center:cancel",
        "corp_portal:add-seats",
        "corp_portal:quote",
        "corp_portal:auto-renewal",
        "corp_portal:invoice-contact-remove",
        "classes:seat-reset",
        "classes:class-reset",
        "classes:class-end",
        "classes:seat-free",
    }


@pytest.mark.parametrize(("name", "view"), list(step_views()))
def test_every_step_a_flow_names_has_its_step_method(name, view):
    steps = {*view.get_steps.values(), *view.post_steps.values()}
    assert set(view.form_steps) <= steps, name
    missing = [step for step in steps if not callable(getattr(view, f"step_{step}", None))]
    assert missing == [], name
