from functools import cached_property

from django.shortcuts import get_object_or_404, redirect
from django.views.generic import TemplateView

from .middleware import seat_enter
from .models import Seat


def switching_needs_asking(request, seat: Seat) -> bool:
    """Whether entering `seat` would end something of this browser's: another seat, or a
    sign-in. Then a GET only asks; the POST of its page switches."""
    joined = request.joined_seat
    if joined is not None:
        return joined.pk != seat.pk
    return request.user.is_authenticated


class EnterView(TemplateView):
    """A seat's join URL (the API's `join_url`): a browser in no seat and signed in as nobody
    is in that seat at once, with no name to type (a script's client, a fresh browser). A
    browser in another seat, or signed in, is asked first (GET: this page; POST: in): a link
    from anywhere never signs anyone out. The token is the seat's secret; an unknown one is a
    404."""

    template_name = "seats/enter_confirm.html"
    http_method_names = ["get", "post"]

    @cached_property
    def seat(self) -> Seat:
        seats = Seat.objects.select_related("classroom")
        return get_object_or_404(seats, token=self.kwargs["token"], is_default=False)

    def get(self, request, token):
        if self.already_in() or not switching_needs_asking(request, self.seat):
            return self.post(request, token)
        context = self.get_context_data(seat=self.seat, joined=request.joined_seat)
        return self.render_to_response(context)

    def post(self, request, token):
        if not self.already_in():
            seat_enter(request, self.seat)
        return redirect("sandbox:home")

    def already_in(self) -> bool:
        joined = self.request.joined_seat
        return joined is not None and joined.pk == self.seat.pk
