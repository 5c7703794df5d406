"""The rate limit on creating seats: SANDBOX_API_SEAT_RATE (default 30/minute) per address.

Counted in the default cache, which every worker and server shares (the database cache unless
DJANGO_CACHE_URL names another). The trainer is not counted.
"""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from .access import acts_as_trainer


class SeatCreationThrottle(SimpleRateThrottle):
    scope = "seat-creation"

    def get_rate(self) -> str:
        # Read on every request (not once at import, as DRF's THROTTLE_RATES is), so the
        # setting is the one place that says it.
        return settings.SANDBOX_API_SEAT_RATE

    def get_cache_key(self, request, view) -> str | None:
        if request.method != "POST" or acts_as_trainer(request.user):
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
