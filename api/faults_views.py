"""The faults' endpoints, for the trainer's scripts (faults/catalog.py says what each fault does).

- `GET /api/v1/faults/`: the answer key, every fault with what is wrong and what is right.
- `GET /api/v1/seats/<id>/faults/`: the ids of the faults on in that seat.
- `PUT /api/v1/seats/<id>/faults/` with `{"faults": ["F1-wrong-billing-admin", ...]}`: exactly
  those on, every other off (`[]`: all off).

The trainer only (`access.may_read_answer_key`, `access.may_switch_faults`): anyone else gets
the answer of an unknown address of the API (a 404 `not_found`, `views.NoSuchEndpoint`),
whatever the method and the seat, so nothing tells that these addresses exist. They are left
out of the public OpenAPI schema and its documentation page, which trainees can read: a
trainee never learns that faults exist. They are documented in docs/faults.md.
"""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers
from rest_framework.response import Response

from faults.catalog import FAULTS, FAULTS_BY_ID
from faults.services import seat_faults, seat_faults_set
from seats.models import Seat

from .access import ReadsAnswerKey, may_switch_faults
from .serializers import StrictSerializer
from .views import ApiView


class SeatFaultsSerializer(StrictSerializer):
    """A seat's faults switched on, by id."""

    faults = serializers.ListField(child=serializers.CharField(max_length=100), max_length=50)

    def validate_faults(self, value):
        unknown = [fault_id for fault_id in value if fault_id not in FAULTS_BY_ID]
        if unknown:
            raise serializers.ValidationError(
                _("No such fault: %(ids)s. GET /api/v1/faults/ lists them.")
                % {"ids": ", ".join(unknown)}
            )
        return list(dict.fromkeys(value))


def fault_answer(fault) -> dict:
    """A fault and its answer key, as JSON."""
    return {
        "id": fault.id,
        "title": str(fault.title),
        "page": fault.page,
        "where": str(fault.where),
        "outcome": fault.outcome.value if fault.outcome else None,
        "language": fault.language,
        "wrong": str(fault.wrong),
        "right": str(fault.right),
    }


class TrainerOnlyView(ApiView):
    """Refused to anyone but the trainer as an address no endpoint has (`NoSuchEndpoint`)."""

    permission_classes = [ReadsAnswerKey]

    def permission_denied(self, request, message=None, code=None):
        raise exceptions.NotFound()


@extend_schema(exclude=True)
class FaultsView(TrainerOnlyView):
    def get(self, request):
        return Response([fault_answer(fault) for fault in FAULTS])


@extend_schema(exclude=True)
class SeatFaultsView(TrainerOnlyView):
    def seat(self, seat_id: int) -> Seat:
        """The seat (a 404 for an id no seat has, and for the default seat)."""
        seat = Seat.objects.filter(pk=seat_id).first()
        if seat is None or not may_switch_faults(user=self.request.user, seat=seat):
            raise exceptions.NotFound(code="seat_not_found")
        return seat

    def answer(self, seat: Seat, faults) -> Response:
        return Response({"seat": seat.pk, "faults": [fault.id for fault in faults]})

    def get(self, request, seat_id):
        seat = self.seat(seat_id)
        return self.answer(seat, seat_faults(seat=seat))

    def put(self, request, seat_id):
        seat = self.seat(seat_id)
        given = SeatFaultsSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        faults = seat_faults_set(
            seat=seat, fault_ids=given.validated_data["faults"], actor=request.user
        )
        return self.answer(seat, faults)
