"""Where a form may send someone back to: only this site's own addresses (no open redirect).

Every `next` the site honours goes through `same_site_url`, which answers a path of this site
or nothing: never a raw value, so `redirect()` is never asked to read a URL name out of
someone's input (`next=0` was one).
"""

import unicodedata
from urllib.parse import urlsplit, urlunsplit

from django.utils.http import url_has_allowed_host_and_scheme


def same_site_url(request, url: str, *, default: str = "") -> str:
    """The path (with its query) of `url` when it points into this site, else `default`."""
    if not url or not isinstance(url, str) or len(url) > 2000:
        return default
    if any(unicodedata.category(char) == "Cc" for char in url):
        return default
    if not url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return default
    parts = urlsplit(url)
    # A bare word ("0", "home") or a relative path is not an address of this site's pages.
    if not parts.path.startswith("/") or parts.path.startswith(("//", "/\\")):
        return default
    return urlunsplit(("", "", parts.path, parts.query, parts.fragment))
