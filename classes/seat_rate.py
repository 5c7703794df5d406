"""One rate limit for every way of making a seat of no class: SANDBOX_SEAT_RATE per address.

A script's `POST /api/v1/seats/` (`api.throttling.SeatCreationThrottle`, a subclass) and a
person's start of the self-paced course (`lessons.views.course_start`) take from the same count,
under one cache key per address, in the default cache, which every worker and every server
shares (the database cache unless DJANGO_CACHE_URL names another). The trainer is not counted.
Joining a class makes no seat (its seats were made with the class) and is not counted: a class
behind one office address arrives from one address.

The client's address is DRF's: the TCP peer's, or, behind the TLS proxy, the one that proxy
puts last in X-Forwarded-For (REST_FRAMEWORK's NUM_PROXIES), so a client cannot choose it.
"""

import math

from django.conf import settings
from django.shortcuts import render
from rest_framework.throttling import SimpleRateThrottle

from sandbox.trainers import is_trainer


class SeatRate(SimpleRateThrottle):
    """The count of seats made from one address, in a sliding window (DRF's own throttle,
    which also works on a plain Django request: it reads only `user` and `META`)."""

    scope = "seat-creation"

    def get_rate(self) -> str:
        # Read on every request (not once at import, as DRF's THROTTLE_RATES is), so the
        # setting is the one place that says it.
        return settings.SANDBOX_SEAT_RATE

    def get_cache_key(self, request, view) -> str | None:
        user = getattr(request, "user", None)
        if user is not None and is_trainer(user):
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


def seat_rate_take(request) -> float | None:
    """Count one seat made by `request`'s address: None when it may, else the seconds to wait
    (nothing is counted then)."""
    rate = SeatRate()
    if rate.allow_request(request, None):
        return None
    return rate.wait() or 1


def seat_rate_refused(request, wait: float):
    """The page's answer to a seat refused by the limit: a translated page, 429, Retry-After."""
    seconds = max(1, math.ceil(wait))
    response = render(request, "classes/seat_rate_refused.html", {"seconds": seconds}, status=429)
    response["Retry-After"] = str(seconds)
    return response
