"""The one way the sandbox writes an absolute URL (a join link, its QR code, the API's
join_url and Location, an emailed link): under SANDBOX_PUBLIC_URL, the address trainees reach,
when it is set; else under the address the request came to.

Behind `make run` on a trainer's laptop the trainer's own browser asks for 127.0.0.1, and a
link built from that request would send every trainee's phone to itself; the run command sets
SANDBOX_PUBLIC_URL to the machine's network address (core/serving.py) so it never does."""

from django.conf import settings
from django.http import HttpRequest


def absolute_url(request: HttpRequest, path: str) -> str:
    """`path` (absolute, as `reverse` gives it) as a URL another machine can open."""
    if settings.SANDBOX_PUBLIC_URL:
        return settings.SANDBOX_PUBLIC_URL + path
    return request.build_absolute_uri(path)
