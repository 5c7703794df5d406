"""Where a form may send someone back to: only this site's own addresses (no open redirect)."""

from django.utils.http import url_has_allowed_host_and_scheme


def same_site_url(request, url: str, *, default: str = "") -> str:
    """`url` when it is a path into this site, else `default`. A path only: a bare word
    such as "0" would be taken for a URL name by redirect()."""
    if url.startswith("/") and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return default
