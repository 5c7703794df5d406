from django.utils.functional import SimpleLazyObject

from .models import Seat
from .prepared import PreparedRead
from .scope import seat_scope

SESSION_KEY = "seat_id"
# The seat's rejoin code when this browser entered it: a seat the trainer freed (or gave to
# someone else) has another one, and the browser is no longer in it.
TRAINEE_KEY = "seat_rejoin_code"


class SeatMiddleware:
    """Runs each request in the seat its session joined, or in the default seat.

    Sets `request.seat`, and `request.joined_seat` (None in the default seat). A session in a
    seat costs one query to find it (with its class, for the header's badge); the default seat
    costs none unless a page asks for it. A session whose seat was deleted (its class ended)
    is back in the default seat, as is one whose seat the trainer freed since.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seat = request.joined_seat = joined_seat(request.session)
        if seat is None:
            request.seat = SimpleLazyObject(Seat.objects.default)
            return self.get_response(request)
        request.seat = seat
        with seat_scope(seat):
            return self.get_response(request)


def joined_seat(session) -> Seat | None:
    """The seat this session joined, None for the default seat."""
    seat_id = session.get(SESSION_KEY)
    if seat_id is None:
        return None
    seat = seat_with_class(seat_id)
    entered_as = session.get(TRAINEE_KEY)  # None: a session from before rejoin codes
    if seat is None or (entered_as and entered_as != seat.rejoin_code):
        session.pop(SESSION_KEY, None)
        session.pop(TRAINEE_KEY, None)
        return None
    return seat


def seat_with_class(seat_id) -> Seat | None:
    """`Seat.objects.select_related("classroom").filter(pk=seat_id).first()`, for every
    request in a seat, its SQL compiled once a process (seats.prepared)."""
    return _seat_with_class.first(seat_id)


_seat_with_class = PreparedRead(
    lambda seat_id: Seat.objects.select_related("classroom").filter(pk=seat_id), Seat._meta.pk
)


def seat_enter(request, seat: Seat) -> None:
    """Put this browser in `seat` from its next request on, signed out of every persona: the
    people of one seat do not exist in another."""
    from django.contrib.auth import logout

    logout(request)
    if not seat.is_default:
        request.session[SESSION_KEY] = seat.pk
        request.session[TRAINEE_KEY] = seat.rejoin_code
    request.seat = seat
    request.joined_seat = None if seat.is_default else seat


def seat_leave(request) -> None:
    """Back to the default seat, signed out."""
    seat_enter(request, Seat.objects.default())
