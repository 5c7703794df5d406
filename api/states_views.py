"""The starting states' endpoints (sandbox/states.py): list them, set a seat to one.

Thin views, as in `views.py`: the seat is addressed as every seat endpoint addresses it
(`SeatAddressed`, `access.may_manage_seat`: the same rule as the seat's reset, and its
scope entered by the base class), the service
does the work, a serializer answers.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from sandbox.states import STATES, seat_state_apply

from .serializers import SeatQuerySerializer, SeatSerializer, StateApplySerializer, StateSerializer
from .views import (
    ANYONE,
    SEAT_ID,
    SEAT_TOKEN,
    TRAINER,
    TRAINER_TOKEN,
    WITH_BODY,
    ApiView,
    SeatAddressed,
    _errors,
    query_language,
    seat_answer,
)


class StatesView(ApiView):
    @extend_schema(
        summary=_("List the starting states"),
        description=_(
            "The named starting states a seat can be set to, each with the outcome ids it "
            "demonstrates; titles and descriptions in the request's language."
        ),
        responses={200: StateSerializer(many=True), **_errors()},
        auth=[ANYONE],
        tags=["states"],
    )
    def get(self, request):
        return Response(StateSerializer(STATES, many=True).data)


class SeatStateView(SeatAddressed):
    @extend_schema(
        summary=_("Set a seat to a starting state"),
        description=_(
            "Restores the seat's sample world, then makes the state's changes: the same data "
            "every time. The seat's sign-ins end, as with a reset. No other seat changes."
        ),
        parameters=[SEAT_ID, SeatQuerySerializer],
        request=StateApplySerializer,
        responses={200: SeatSerializer, **_errors(*WITH_BODY, 404)},
        auth=[SEAT_TOKEN, TRAINER_TOKEN, TRAINER],
        tags=["states"],
    )
    def post(self, request, seat_id):
        language = query_language(request)
        given = StateApplySerializer(data=request.data)
        given.is_valid(raise_exception=True)
        actor = request.user if request.user.is_authenticated else None
        seat = seat_state_apply(seat=self.seat, name=given.validated_data["state"], actor=actor)
        return seat_answer(request, seat, language=language)
