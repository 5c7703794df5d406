"""The faults' endpoints, for the trainer's scripts (faults/catalog.py says what each fault does).

- `GET /api/v1/faults/`: the answer key, every fault with what is wrong and what is right.
- `GET /api/v1/seats/<id>/faults/`: the ids of the faults on in that seat.
- `PUT /api/v1/seats/<id>/faults/` with `{"faults": ["F1-wrong-billing-admin", ...]}`: exactly
  those on, every other off (`[]`: all off).

The trainer only (`access.may_read_answer_key`, `access.may_switch_faults`): anyone else gets
the answer of an unknown address of the API (a 404 `not_found`, `views.NoSuchEndpoint`),
whatever the method and the seat, so nothing tells that these addresses exist. They are in
the trainer's OpenAPI schema only (the schema a trainer's session or token is answered,
`schema.ApiSchemaGenerator`), not in the public one nor its documentation page, which
trainees can read: a trainee never learns that faults exist. See docs/faults.md.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import exceptions, serializers
from rest_framework.response import Response

from faults.catalog import FAULTS, FAULTS_BY_ID
from faults.services import seat_faults, seat_faults_set
from seats.models import Seat

from .access import ReadsAnswerKey, may_switch_faults
from .parsers import LimitedJSONParser
from .serializers import StrictSerializer
from .views import (
    SEAT_ID,
    TRAINER,
    TRAINER_TOKEN,
    WITH_BODY,
    ApiView,
    SeatScopedApiView,
    _errors,
)

FAULT_IDS = {"type": "string", "enum": [fault.id for fault in FAULTS]}


@extend_schema_field({"type": "array", "items": FAULT_IDS, "maxItems": 50})
class FaultIdsField(serializers.ListField):
    """Fault ids; an unknown one is named in the error (so not a ChoiceField per item)."""

    def __init__(self, **kwargs):
        super().__init__(child=serializers.CharField(max_length=100), max_length=50, **kwargs)


class SeatFaultsSerializer(StrictSerializer):
    """A seat's faults switched on, by id."""

    faults = FaultIdsField(help_text=_("The ids of the faults on; every other is off."))

    def validate_faults(self, value):
        unknown = [fault_id for fault_id in value if fault_id not in FAULTS_BY_ID]
        if unknown:
            raise serializers.ValidationError(
                _("No such fault: %(ids)s. GET /api/v1/faults/ lists them.")
                % {"ids": ", ".join(unknown)}
            )
        return list(dict.fromkeys(value))


class SeatFaultsAnswerSerializer(serializers.Serializer):
    seat = serializers.IntegerField(help_text=_("The seat's id."))
    faults = FaultIdsField(help_text=_("The ids of the faults on in the seat."))


class FaultSerializer(serializers.Serializer):
    """A fault and its answer key (`fault_answer`)."""

    id = serializers.CharField(help_text=_("Stable: the id PUT /seats/<id>/faults/ takes."))
    title = serializers.CharField()
    page = serializers.CharField(help_text=_("The URL name of the page it spoils."))
    where = serializers.CharField()
    outcome = serializers.CharField(allow_null=True)
    language = serializers.CharField(allow_null=True)
    wrong = serializers.CharField()
    right = serializers.CharField()


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
    """Refused to anyone but the trainer as an address no endpoint has (`NoSuchEndpoint`), and
    in the trainer's schema only (`schema.ApiSchemaGenerator`)."""

    permission_classes = [ReadsAnswerKey]
    trainer_only = True

    def permission_denied(self, request, message=None, code=None):
        raise exceptions.NotFound()


class FaultsView(TrainerOnlyView):
    @extend_schema(
        summary=_("The faults' answer key"),
        description=_(
            "Every deliberate fault, with what is wrong and what is right, in the request's "
            "language. The trainer only; anyone else gets the 404 of an unknown address."
        ),
        responses={200: FaultSerializer(many=True), **_errors()},
        auth=[TRAINER_TOKEN, TRAINER],
        tags=["faults"],
    )
    def get(self, request):
        return Response([fault_answer(fault) for fault in FAULTS])


class SeatFaultsView(TrainerOnlyView, SeatScopedApiView):
    # JSON only: an empty list (all faults off) cannot be told from no field in a form.
    parser_classes = [LimitedJSONParser]

    def addressed_seat(self, request, *, seat_id: int, **kwargs) -> Seat:
        """The seat (a 404 for an id no seat has, and for the default seat)."""
        seat = Seat.objects.filter(pk=seat_id).first()
        if seat is None or not may_switch_faults(user=request.user, seat=seat):
            raise exceptions.NotFound(code="seat_not_found")
        return seat

    def answer(self, seat: Seat, faults) -> Response:
        return Response({"seat": seat.pk, "faults": [fault.id for fault in faults]})

    @extend_schema(
        summary=_("A seat's faults"),
        parameters=[SEAT_ID],
        responses={200: SeatFaultsAnswerSerializer, **_errors(404)},
        auth=[TRAINER_TOKEN, TRAINER],
        tags=["faults"],
    )
    def get(self, request, seat_id):
        return self.answer(self.seat, seat_faults(seat=self.seat))

    @extend_schema(
        summary=_("Switch a seat's faults"),
        description=_("Exactly these faults on in the seat, every other off ([]: all off)."),
        parameters=[SEAT_ID],
        request=SeatFaultsSerializer,
        responses={200: SeatFaultsAnswerSerializer, **_errors(*WITH_BODY, 404)},
        auth=[TRAINER_TOKEN, TRAINER],
        tags=["faults"],
    )
    def put(self, request, seat_id):
        given = SeatFaultsSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        faults = seat_faults_set(
            seat=self.seat, fault_ids=given.validated_data["faults"], actor=request.user
        )
        return self.answer(self.seat, faults)
