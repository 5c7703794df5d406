"""One way to write a view, everywhere (issue 25): every address of the URL conf, the three
centers', the trainers' side's, the LMS's and the language switcher's, is a class-based view,
and a page is a generic one; a bare `View` only where Django's own would be one (a one-button
POST with no page of its own, or an answer no template renders). The Django admin's views are
Django's, and the API's are DRF's views (docs/api.md): both are outside the rule."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.views.generic import View
from rest_framework.views import APIView

# Outside the rule: Django's admin site (function views of its own).
NOT_OURS = {"admin"}

# Bare Views that answer a GET, and why: no template renders their answer.
NOT_PAGES = {
    "sandbox:qa-json": "the QA page's table as JSON",
    "sandbox:health": "the health check, plain text",
    "set_language": "Django's own language switcher, a redirect",
    "classes:board-csv": "the board as a CSV file",
    "course:course-material-file": "a file of the course material",
    "lms-tool:jwks": "the sandbox's public key set, JSON, for the LMS",
    # What an LMS calls (LTI 1.3, docs/lti.md): the answer is a redirect (to the LMS, to the
    # board, to the seat); a refusal is the LMS error page, 400, as Django's error handlers.
    "lms-tool:login": "OIDC login initiation (GET or POST): a redirect to the LMS",
    "lms-tool:launch": "the LMS's launch POST: a redirect to the board or the seat",
}


def url_patterns(patterns, namespace=None):
    """(name, callback) of every address, `namespace:name` as `reverse()` spells it."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or namespace
            if namespace and pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}"
            if inner not in NOT_OURS:
                yield from url_patterns(pattern.url_patterns, inner)
        else:
            assert isinstance(pattern, URLPattern)
            name = pattern.name or str(pattern.pattern)
            yield (f"{namespace}:{name}" if namespace else name), pattern.callback


VIEWS = list(url_patterns(get_resolver().url_patterns))


def is_drf(callback) -> bool:
    """The API's views are DRF's (`APIView`, a View of its own kind), whatever their shape."""
    view_class = getattr(callback, "view_class", None)
    return view_class is not None and issubclass(view_class, APIView)


NOT_DRF = [(name, callback) for name, callback in VIEWS if not is_drf(callback)]


def test_the_walk_finds_every_side():
    names = {name for name, _callback in VIEWS}
    assert {"sandbox:reset", "classes:join", "lessons:course-step", "set_language"} <= names
    assert {"faults:seat", "seats:enter", "api_tokens:list", "lms:platforms"} <= names
    assert {"billing_center:wrong-location", "admin_center:home", "corp_portal:sign-in"} <= names
    assert {"lms-tool:launch", "api:seats", "api:docs"} <= names
    assert not any(name.startswith("admin:") for name in names)
    drf = {name for name, callback in VIEWS if is_drf(callback)}
    assert {"api:seats", "api:schema", "^api/"} <= drf and "api:docs" not in drf


@pytest.mark.parametrize(("name", "callback"), VIEWS)
def test_every_page_is_a_class_based_view(name, callback):
    view_class = getattr(callback, "view_class", None)
    assert view_class is not None and issubclass(view_class, View), f"{name} is a function"


def generic_bases(view_class) -> list[type]:
    return [
        klass
        for klass in view_class.__mro__
        if klass.__module__.startswith("django.views.generic") and klass is not View
    ]


@pytest.mark.parametrize(("name", "callback"), NOT_DRF)
def test_a_bare_view_is_a_one_button_post_or_no_page(name, callback):
    view_class = callback.view_class
    if generic_bases(view_class) or name in NOT_PAGES:
        return
    assert view_class.http_method_names == ["post"], f"{name}: a bare View with a page"


def test_every_view_the_list_excuses_is_still_a_bare_view():
    views = dict(NOT_DRF)
    for name in NOT_PAGES:
        assert name in views, f"{name}: no such address"
        assert generic_bases(views[name].view_class) == [], f"{name}: no longer a bare View"
