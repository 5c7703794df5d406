"""Wrong guesses counted per visitor, in the cache every worker and every server shares.

`django.core.cache.cache` is Django's database cache unless DJANGO_CACHE_URL names another
(config/settings/base.py), so two gunicorn workers, or two servers on one database, count
together: no count lives in a process. A window is fixed (it starts on a multiple of its
length); once a visitor has missed `limit` times in it, they wait for the next one.
"""

import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache


def client_address(request) -> str:
    """The visitor's address: the TCP peer's or, behind the TLS proxy, the address that proxy
    puts last in X-Forwarded-For (a client cannot choose it), as the API's rate limit reads it."""
    proxies = settings.REST_FRAMEWORK.get("NUM_PROXIES") or 0
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        addresses = [address.strip() for address in forwarded.split(",")]
        return addresses[-min(proxies, len(addresses))]
    return request.META.get("REMOTE_ADDR", "")


@dataclass(frozen=True)
class MissLimit:
    """At most `limit` wrong guesses of one kind (`scope`) per visitor every `window` seconds."""

    scope: str
    limit: int
    window: int

    def _key(self, who: str, now: float) -> str:
        return f"misses:{self.scope}:{who}:{int(now) // self.window}"

    def retry_after(self, who: str) -> int:
        """Seconds until `who` may guess again; 0 when they may now."""
        now = time.time()
        if cache.get(self._key(who, now), 0) < self.limit:
            return 0
        return max(1, self.window - int(now) % self.window)

    def miss(self, who: str) -> None:
        """Count one wrong guess of `who`."""
        key = self._key(who, time.time())
        if not cache.add(key, 1, timeout=self.window):
            try:
                cache.incr(key)
            except ValueError:  # the window ended between add and incr
                cache.set(key, 1, timeout=self.window)
