"""The API's side of the one rate limit on making seats (`classes.seat_rate`): SANDBOX_SEAT_RATE
(default 30/minute) per address, the same count as the self-paced course's start.

Counted in the default cache, which every worker and server shares (the database cache unless
DJANGO_CACHE_URL names another). The trainer (signed in, or with a trainer-issued token) is
not counted.
"""

from classes.seat_rate import SeatRate


class SeatCreationThrottle(SeatRate):
    """Only a POST makes a seat; DRF answers a refusal with its JSON 429 and Retry-After."""

    def get_cache_key(self, request, view) -> str | None:
        if request.method != "POST":
            return None
        return super().get_cache_key(request, view)
