from django.utils.deprecation import MiddlewareMixin

from seats.prepared import PreparedRead

from .models import TrainerNote
from .trainer_notes import trainer_notes_on
from .worlds import seat_touch, seat_touch_due

# The note of an outcome page (one per outcome), its SQL compiled once a process
# (seats.prepared).
_trainer_note = PreparedRead(
    lambda outcome: TrainerNote.objects.filter(outcome=outcome),
    TrainerNote._meta.get_field("outcome"),
)


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


class TrainerNoteMiddleware(MiddlewareMixin):
    """Hands the base template the trainer note of the outcome a page shows (`trainer_note`),
    when this browser shows notes: one query on an outcome page, none on any other. The
    view's response carries `outcome` (docs/architecture.md); the base template only draws
    what it is given, so the site's layout loads no tag of the sandbox."""

    def process_template_response(self, request, response):
        context = response.context_data
        if context is not None and context.get("outcome") and trainer_notes_on(request):
            outcome = str(context["outcome"])
            context["trainer_note"] = _trainer_note.first(outcome)
        return response
