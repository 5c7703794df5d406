"""Scoping by construction: every endpoint of the API that works in a seat's world enters that
seat's scope by itself (`api.views.SeatScopedApiView`), so a new endpoint written like the
others cannot forget it.

The walk reads the API's URLconf: an address with a seat's id, number or token must be served
by a `SeatScopedApiView`; so must every other endpoint (each accepts a seat's token, DRF's
default authentication), unless `SEATLESS` names it with the reason it reads no seat's world.
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, path
from rest_framework.response import Response
from rest_framework.test import APIRequestFactory

from api.views import ApiView, SeatAddressed, SeatScopedApiView
from seats.scope import entered_seat_id

# The API's conftest clears the rate limit's cache, a database table, around every test.
pytestmark = pytest.mark.django_db

# A route parameter that names a seat: its id, its number, its token.
SEAT_PARAMETER = re.compile(r"seat|number|token")

# API endpoints that read no seat's world, by URL name (or the pattern of an unnamed one),
# each with why.
SEATLESS = {
    "api:seats": "creates a seat: `seat_create` enters the new seat's scope itself",
    "api:states": "the starting states' catalogue, the same in every seat",
    "api:outcomes": "the article's outcome ids, the same in every seat",
    "api:faults": "the faults' answer key, the same in every seat (the trainer only)",
    "api:schema": "the OpenAPI schema, the same in every seat",
    "api:docs": "the documentation page, the same in every seat",
    "^api/": "the JSON 404 of any other address under /api/",
}


def api_patterns(patterns=None, prefix=""):
    """(route, URL name, view class or function) of every address under /api/."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            namespace = f"{entry.namespace}:" if entry.namespace else ""
            for found_route, name, view in api_patterns(entry.url_patterns, route):
                yield found_route, name and namespace + name, view
        elif isinstance(entry, URLPattern) and route.lstrip("^").startswith("api/"):
            callback = entry.callback
            view = getattr(callback, "cls", None) or getattr(callback, "view_class", callback)
            yield route, entry.name, view


def route_parameters(route: str) -> set[str]:
    """The names of a route's parameters (`<seat_id:seat_id>`, `(?P<seat>...)`)."""
    return {
        name
        for pair in re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", route)
        for name in pair
        if name
    }


def unscoped_seat_endpoints(patterns) -> list[str]:
    """The API's endpoints that may work in a seat's world without entering its scope."""
    faults = []
    for route, name, view in patterns:
        scoped = isinstance(view, type) and issubclass(view, SeatScopedApiView)
        names_a_seat = any(SEAT_PARAMETER.search(p) for p in route_parameters(route))
        if scoped:
            continue
        if names_a_seat:
            faults.append(f"{route} ({name}): addresses a seat, not a SeatScopedApiView")
        elif (name or route) not in SEATLESS:
            faults.append(f"{route} ({name}): not a SeatScopedApiView, nor listed in SEATLESS")
    return faults


def test_every_endpoint_of_a_seat_enters_its_scope_by_construction():
    patterns = list(api_patterns())
    assert len(patterns) > 10  # the walk found the API
    assert unscoped_seat_endpoints(patterns) == []


def test_every_seatless_entry_is_an_endpoint_still():
    known = {name or route for route, name, _view in api_patterns()}
    assert set(SEATLESS) <= known


class Forgotten(ApiView):
    """An endpoint of a seat written without the base class."""

    def get(self, request, seat_id):
        return Response({})


class NewListing(ApiView):
    """A new endpoint of no seat's address, answering whoever sends a seat's token."""

    def get(self, request):
        return Response({})


def test_the_walk_finds_an_endpoint_that_forgets_its_seat():
    forgotten = [
        path("api/v1/seats/<seat_id:seat_id>/forgotten/", Forgotten.as_view(), name="x"),
        path("api/v1/listing/", NewListing.as_view(), name="y"),
    ]
    faults = unscoped_seat_endpoints(api_patterns(forgotten))
    assert len(faults) == 2
    assert "addresses a seat" in faults[0]
    assert "nor listed in SEATLESS" in faults[1]


class WhereAmI(SeatAddressed):
    def get(self, request, seat_id):
        if request.query_params.get("fail"):
            raise RuntimeError("the handler fails")
        return Response({"entered": entered_seat_id(), "seat": self.seat.pk})


def test_the_handler_runs_in_the_addressed_seat_and_leaves_it(api, created):
    seat = created()
    view = WhereAmI.as_view()
    request = APIRequestFactory().get("/", HTTP_AUTHORIZATION=f"Seat {seat['token']}")

    response = view(request, seat_id=seat["id"])

    assert response.data == {"entered": seat["id"], "seat": seat["id"]}
    assert entered_seat_id() is None  # back where the request started


def test_the_scope_is_left_when_the_handler_fails(api, created):
    seat = created()
    view = WhereAmI.as_view()
    request = APIRequestFactory().get("/?fail=1", HTTP_AUTHORIZATION=f"Seat {seat['token']}")

    response = view(request, seat_id=seat["id"])

    assert response.status_code == 500  # the fault, answered as JSON (api.errors)
    assert entered_seat_id() is None


def test_another_seats_address_is_refused_before_the_handler(api, created):
    mine, other = created(), created()
    request = APIRequestFactory().get("/", HTTP_AUTHORIZATION=f"Seat {mine['token']}")

    response = WhereAmI.as_view()(request, seat_id=other["id"])

    assert response.status_code == 404
    assert entered_seat_id() is None
