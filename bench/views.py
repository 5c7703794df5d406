"""The bench's own view, reachable only through bench/urls.py (never the product's URLs)."""

from django.views.generic import TemplateView


class SignedInEmptyPage(TemplateView):
    """The floor every page pays: the whole middleware stack (the session, the seat, the user
    once a template asks for it) and `base.html` with its content block left empty."""

    template_name = "base.html"
