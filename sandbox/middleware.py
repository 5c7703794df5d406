from .worlds import seat_touch, seat_touch_due


class SeatActivityMiddleware:
    """Keeps a joined seat's "last activity" (the class board's, and its "stuck" filter)
    up to date: at most one UPDATE per SEAT_TOUCH_EVERY, and none in the default seat.

    After `seats.middleware.SeatMiddleware`, which found the seat (`request.joined_seat`)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seat = getattr(request, "joined_seat", None)
        if seat is not None and seat_touch_due(seat):
            seat_touch(seat)
        return self.get_response(request)
