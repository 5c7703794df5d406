"""Size limits on what a page's form posts, before any view reads it.

Django bounds a request's body (DATA_UPLOAD_MAX_MEMORY_SIZE) and its number of fields
(DATA_UPLOAD_MAX_NUMBER_FIELDS), not one field's length: a 100,000-character value would reach
the form, which shows it back whole (a refused form's input, a choice's error message), and a
field the view reads only as a flag (a hidden "confirm") would take it. No field of the
sandbox's forms holds that much, so a longer one is refused as a bad request (400).

The API's views (Django REST framework's) read their bodies with parsers of their own, within
limits of their own (api/parsers.py): their bodies are left to them.
"""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from rest_framework.views import APIView

FORM_CONTENT_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class FormFieldSizeMiddleware:
    """A form POST with a value longer than FORM_FIELD_MAX_LENGTH characters: 400."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method != "POST" or _is_an_api_view(view_func):
            return None
        if not request.META.get("CONTENT_TYPE", "").startswith(FORM_CONTENT_TYPES):
            return None
        limit = settings.FORM_FIELD_MAX_LENGTH
        if any(len(value) > limit for _, values in request.POST.lists() for value in values):
            raise RequestDataTooBig(f"A form field is longer than {limit} characters.")
        return None


def _is_an_api_view(view_func) -> bool:
    view_class = getattr(view_func, "cls", None)
    return isinstance(view_class, type) and issubclass(view_class, APIView)
