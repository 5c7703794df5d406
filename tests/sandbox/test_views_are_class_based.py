"""One way to write a view on the trainers' side too (issue 25): every page of the sandbox,
the classes, the course material, the LMS, the exercises, the faults, the seats, the API's
tokens page and the language switcher is a class-based view; a bare `View` only where
Django's own would be one (a one-button POST with no page of its own, or an answer no
template renders)."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.views.generic import View

NAMESPACES = ["sandbox", "classes", "course", "lessons", "faults", "seats", "api_tokens", "lms"]

# Answers no template renders: JSON, plain text, Django's own language switcher's redirect.
NOT_PAGES = {
    "sandbox:qa-json",
    "sandbox:health",
    "set_language",
    "classes:board-csv",
    "course:course-material-file",
}


def trainers_side():
    resolver = get_resolver()
    for namespace in NAMESPACES:
        _prefix, sub_resolver = resolver.namespace_dict[namespace]
        for pattern in sub_resolver.url_patterns:
            assert isinstance(pattern, URLPattern)
            yield f"{namespace}:{pattern.name}", pattern.callback
    for pattern in resolver.url_patterns:
        if not isinstance(pattern, URLResolver) and pattern.name == "set_language":
            yield "set_language", pattern.callback


VIEWS = list(trainers_side())


def test_the_walk_finds_the_trainers_side():
    names = {name for name, _callback in VIEWS}
    assert {"sandbox:reset", "classes:join", "lessons:course-step", "set_language"} <= names
    assert {"faults:seat", "seats:enter", "api_tokens:list"} <= names


@pytest.mark.parametrize(("name", "callback"), VIEWS)
def test_every_page_is_a_class_based_view(name, callback):
    view_class = getattr(callback, "view_class", None)
    assert view_class is not None and issubclass(view_class, View), f"{name} is a function"


@pytest.mark.parametrize(("name", "callback"), VIEWS)
def test_a_bare_view_is_a_one_button_post_or_no_page(name, callback):
    view_class = callback.view_class
    generic = [
        klass
        for klass in view_class.__mro__
        if klass.__module__.startswith("django.views.generic") and klass is not View
    ]
    if generic or name in NOT_PAGES:
        return
    assert view_class.http_method_names == ["post"], f"{name}: a bare View with a page"
