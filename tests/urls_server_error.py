"""The site's URLs, and two that fail, to see the 500 and 400 pages a visitor would get."""

from django.conf.urls.i18n import i18n_patterns
from django.core.exceptions import SuspiciousOperation
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns


def boom(request):
    raise RuntimeError("boom")


def bad_request(request):
    raise SuspiciousOperation("a request no page can answer")


urlpatterns = [
    *i18n_patterns(path("boom/", boom), path("bad-request/", bad_request)),
    *site_urlpatterns,
]
