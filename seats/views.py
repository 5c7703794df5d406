from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from .middleware import seat_enter
from .models import Seat


def switching_needs_asking(request, seat: Seat) -> bool:
    """Whether entering `seat` would end something of this browser's: another seat, or a
    sign-in. Then a GET only asks; the POST of its page switches."""
    joined = request.joined_seat
    if joined is not None:
        return joined.pk != seat.pk
    return request.user.is_authenticated


@require_http_methods(["GET", "POST"])
def enter(request, token):
    """A seat's join URL (the API's `join_url`): a browser in no seat and signed in as nobody
    is in that seat at once, with no name to type (a script's client, a fresh browser). A
    browser in another seat, or signed in, is asked first: a link from anywhere never signs
    anyone out. The token is the seat's secret; an unknown one is a 404."""
    seats = Seat.objects.select_related("classroom")
    seat = get_object_or_404(seats, token=token, is_default=False)
    if request.joined_seat is not None and request.joined_seat.pk == seat.pk:
        return redirect("sandbox:home")
    if request.method == "GET" and switching_needs_asking(request, seat):
        return render(
            request, "seats/enter_confirm.html", {"seat": seat, "joined": request.joined_seat}
        )
    seat_enter(request, seat)
    return redirect("sandbox:home")
