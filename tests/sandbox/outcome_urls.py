"""A test URLconf: the project's URLs plus one outcome page, rendered as the centers render
theirs (base.html with `outcome` in the context), so the trainer notes can be tested before
the centers' branches are merged."""

from django.conf.urls.i18n import i18n_patterns
from django.http import Http404, HttpResponse
from django.template import engines
from django.urls import path

from accounts.decisions import Outcome
from config.urls import urlpatterns as project_urlpatterns

PAGE = engines["django"].from_string(
    '{% extends "base.html" %}{% block title %}Outcome{% endblock %}'
    "{% block content %}<h1>Outcome page {{ outcome }}</h1>{% endblock %}"
)


def outcome_page(request, outcome):
    if outcome not in Outcome.values:
        raise Http404
    return _render(request, Outcome(outcome))


def plain_page(request):
    return _render(request, None)


def _render(request, outcome):
    return HttpResponse(PAGE.render({"outcome": outcome}, request))


urlpatterns = [
    *project_urlpatterns,
    *i18n_patterns(
        path("test-outcome/<str:outcome>/", outcome_page, name="test-outcome"),
        path("test-plain/", plain_page, name="test-plain"),
    ),
]
