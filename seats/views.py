from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_GET

from .middleware import seat_enter
from .models import Seat


@require_GET
def enter(request, token):
    """A seat's join URL (the API's `join_url`): whoever opens it is in that seat, with no name
    to type. The token is the seat's secret; an unknown one is a 404."""
    seat = get_object_or_404(Seat, token=token, is_default=False)
    seat_enter(request, seat)
    return redirect("sandbox:home")
