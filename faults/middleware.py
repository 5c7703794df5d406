"""The one place faults enter the product: for a seat with faults on, on the page a fault
names, each fault's hook runs before the view, on the template's context, or on the page.

Requests to any other page, and every request of the default seat, cost nothing: the seat's
faults are read (one query) only for a request some fault would spoil (its page, its language,
its method).
"""

from django.utils import translation
from django.utils.deprecation import MiddlewareMixin

from .catalog import Fault, faults_that_may_apply
from .services import seat_faults


def request_faults(request) -> list[Fault]:
    """The faults on in the request's seat that spoil this very request (read once)."""
    if not hasattr(request, "_faults"):
        request._faults = []
        match = getattr(request, "resolver_match", None)
        seat = getattr(request, "joined_seat", None)
        if match is not None and seat is not None:
            may_apply = faults_that_may_apply(
                view_name=match.view_name,
                language=translation.get_language(),
                method=request.method,
            )
            if may_apply:
                on = {fault.id for fault in seat_faults(seat=seat)}
                request._faults = [fault for fault in may_apply if fault.id in on]
    return request._faults


class FaultsMiddleware(MiddlewareMixin):
    def process_view(self, request, view_func, view_args, view_kwargs):
        for fault in request_faults(request):
            if fault.before_view is not None:
                fault.before_view(request)
        return None

    def process_template_response(self, request, response):
        if response.context_data is not None:
            for fault in request_faults(request):
                if fault.on_context is not None:
                    fault.on_context(request, response.context_data)
        return response

    def process_response(self, request, response):
        html = response.get("Content-Type", "").startswith("text/html")
        if not html or response.streaming:
            return response
        spoilers = [fault for fault in request_faults(request) if fault.on_html is not None]
        if spoilers:
            content = response.content.decode(response.charset)
            for fault in spoilers:
                content = fault.on_html(request, content)
            response.content = content.encode(response.charset)
        return response
