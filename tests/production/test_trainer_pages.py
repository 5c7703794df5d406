"""The trainer's pages exist only for the trainer (issue 24, finding 7): to anyone else signed
in (a persona, a trainee in a class's seat) each answers exactly as an unknown address does,
the translated 404, so nobody learns which trainer tools there are; a signed-out visitor is
still asked to sign in and comes back (DESIGN: "A trainer page visited while signed out
leads to a sign-in form and back").

The pages are every URL of the URL conf whose view is behind
`sandbox.access.TrainerRequiredMixin` (the one place that decides), found by walking the URL
conf: a trainer page added later is covered."""

from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse

from classes.services import class_create

pytestmark = pytest.mark.django_db

UNKNOWN = "/en/no-such-page/"
# A value for each kind of URL argument (a real class code is put in for `code`).
SAMPLE_ARGUMENTS = {"int": "1", "path": "handout-en.html", "str": "ABC234"}


def _walk(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern), pattern


def trainer_only_routes() -> list[str]:
    """Every route of the URL conf whose view is a trainer page, as written in the conf."""
    return sorted(
        route
        for route, pattern in _walk(get_resolver().url_patterns)
        if getattr(pattern.callback, "trainer_only", False)
    )


def concrete(route: str, code: str) -> str:
    """The route with each `<converter:name>` filled in (the class's code for `code`)."""
    path = route
    while "<" in path:
        start, end = path.index("<"), path.index(">")
        converter, _, name = path[start + 1 : end].partition(":")
        value = code if name == "code" else SAMPLE_ARGUMENTS[converter]
        path = path[:start] + value + path[end + 1 :]
    return "/" + path


ROUTES = trainer_only_routes()


def test_the_trainer_pages_are_found_in_the_url_conf():
    """The walk finds them (a decorator that lost its mark would empty the table below)."""
    found = set(ROUTES)
    for route in ["en/reset/", "en/lockouts/", "en/faults/", "en/classes/", "en/api-tokens/"]:
        assert route in found, route
    assert "en/course-material/" in found and "en/classes/<str:code>/" in found


def answer(client, method: str, path: str):
    response = getattr(client, method)(path)
    return response.status_code, sorted({t.name for t in response.templates if t.name})


@pytest.fixture
def classroom(sample_data):
    return class_create(name="Trainer pages", seat_count=1, language="en")


@pytest.fixture
def persona_browser(persona):
    client = Client(enforce_csrf_checks=True)
    client.force_login(persona("bruno"))
    return client


@pytest.fixture
def trainee_browser(classroom):
    client = Client()
    joined = client.post(
        reverse("classes:join", kwargs={"code": classroom.code}), {"display_name": "Ana"}
    )
    assert joined.status_code == 302
    client.post(
        reverse("billing_center:sign-in"),
        {"username": "ana.billing@acme.example", "password": "sandbox-2026"},
    )
    assert "_auth_user_id" in client.session, "the trainee could not sign in as Ana"
    strict = Client(enforce_csrf_checks=True)  # the same browser, its POSTs checked for CSRF
    strict.cookies = client.cookies
    return strict


@pytest.mark.parametrize("who", ["persona_browser", "trainee_browser"])
def test_a_trainer_page_is_an_unknown_page_to_anyone_else(request, classroom, who):
    """Every trainer page, GET and POST (without a CSRF token, as a probe would send it),
    against an unknown address (one setup for the whole table: a class is slow to make)."""
    client = request.getfixturevalue(who)
    differing = {}
    for method in ("get", "post"):
        unknown = answer(client, method, UNKNOWN)
        assert unknown[0] == 404 and "404.html" in unknown[1]
        for route in ROUTES:
            got = answer(client, method, concrete(route, classroom.code))
            if got != unknown:
                differing[f"{method.upper()} {route}"] = got
    assert not differing, f"answered unlike {UNKNOWN}: {differing}"


def test_a_trainer_page_asks_a_signed_out_visitor_to_sign_in_and_come_back(classroom):
    differing = {}
    for route in ROUTES:
        path = concrete(route, classroom.code)
        response = Client().get(path)
        expected = f"{reverse('admin:login')}?next={quote(path)}"
        if (response.status_code, response.get("Location")) != (302, expected):
            differing[route] = (response.status_code, response.get("Location"))
    assert not differing
