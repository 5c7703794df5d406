"""POST /api/v1/seats/<id>/clock/: a script moves a seat's clock (`sandbox/clock.py`), with
the same access as the seat's reset (`access.may_manage_seat`)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers

from sandbox.clock import seat_clock_move

from .serializers import SeatClockSerializer, SeatSerializer
from .views import (
    SEAT_ID,
    SEAT_TOKEN,
    TRAINER,
    WITH_BODY,
    SeatAddressed,
    _errors,
    query_language,
    seat_answer,
)


class SeatClockView(SeatAddressed):
    @extend_schema(
        summary=_("Move a seat's clock"),
        description=_(
            "Sets the seat's today, forward or back, with what time brings on the way, day by "
            "day: renewals charge the card on file and issue an emailed invoice, an expired "
            "card is declined with a notice email, a subscription pending cancellation ends at "
            "the end of its term, corporate accounts get their portal invoice on the 1st of "
            "every month. Moving back restores the seat's start and replays the days up to the "
            "date (the seat's sign-ins end). Moving to the seat's today changes nothing. "
            "Answers the seat, its new today included."
        ),
        parameters=[SEAT_ID],
        request=SeatClockSerializer,
        responses={200: SeatSerializer, **_errors(*WITH_BODY, 401, 404)},
        auth=[SEAT_TOKEN, TRAINER],
        tags=["seats"],
    )
    def post(self, request, seat_id):
        language = query_language(request)
        given = SeatClockSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        try:
            seat = seat_clock_move(seat=self.seat, today=given.validated_data["today"])
        except ValidationError as refused:
            raise serializers.ValidationError({"today": refused.messages}) from None
        return seat_answer(request, seat, language=language)
