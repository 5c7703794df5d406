"""A URL that fails, to see the 500 page a visitor would get."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import path


def boom(request):
    raise RuntimeError("boom")


urlpatterns = i18n_patterns(path("boom/", boom))
