"""The API's read-only endpoints: the personas and their outcomes, the outcome table, a
persona's outcome in a seat, a seat's mailbox and activity.

A seat's facts are read in the seat's scope, which the base class enters before the handler
runs (`views.SeatScopedApiView`): the seat-scoped managers then read that seat's rows only,
as the pages of a browser in that seat do. The outcomes are asked of
`accounts.decisions` through `sandbox.personas.persona_rows`, the functions the pages call.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions
from rest_framework.response import Response

from accounts.models import Activity
from sandbox.models import MailboxMessage
from sandbox.personas import PersonaRow, persona_rows
from sandbox.sample_data import PERSONAS

from .outcomes import outcome_table_rows
from .read_serializers import (
    ActivitySerializer,
    MailboxMessageSerializer,
    MailboxQuerySerializer,
    OutcomeTableRowSerializer,
    PersonaOutcomeSerializer,
    PersonaSerializer,
)
from .views import (
    ANYONE,
    SEAT_ID,
    SEAT_TOKEN,
    TRAINER,
    TRAINER_TOKEN,
    CallersSeatView,
    SeatAddressed,
    _errors,
)

PERSONA_KEY = OpenApiParameter(
    "key",
    str,
    OpenApiParameter.PATH,
    enum=[persona.key for persona in PERSONAS if persona.account is not None],
    description=_("The persona's key (ana, bruno, carla, diego, elena, fernanda)."),
)
SEAT_AUTH = [SEAT_TOKEN, TRAINER_TOKEN, TRAINER]


def persona_row(key: str) -> PersonaRow:
    """The current seat's persona of this key; a JSON 404 when no persona has it."""
    for row in persona_rows():
        if row.persona.key == key:
            return row
    raise exceptions.NotFound(code="persona_not_found")


class PersonasView(CallersSeatView):
    @extend_schema(
        summary=_("List the personas and their outcomes"),
        description=_(
            "Each persona with their account, roles and outcome ids per center, asked of the "
            "decision tables. In the seat whose token the request sends (or its session "
            "joined), else in the default seat."
        ),
        responses={200: PersonaSerializer(many=True), **_errors()},
        auth=[ANYONE, *SEAT_AUTH],
        tags=["personas"],
    )
    def get(self, request):
        return Response(PersonaSerializer(persona_rows(), many=True).data)


class OutcomeTableView(CallersSeatView):
    @extend_schema(
        summary=_("The outcome table"),
        description=_(
            "Every outcome with its table, what happens, who you are then, and the personas "
            "who reach it, in the request's language (Accept-Language). Personas as in "
            "GET /personas/."
        ),
        responses={200: OutcomeTableRowSerializer(many=True), **_errors()},
        auth=[ANYONE, *SEAT_AUTH],
        tags=["outcomes"],
    )
    def get(self, request):
        rows = outcome_table_rows(persona_rows())
        return Response(OutcomeTableRowSerializer(rows, many=True).data)


class PersonaOutcomeView(SeatAddressed):
    @extend_schema(
        summary=_("A persona's outcome in a seat"),
        description=_(
            "The persona's outcome ids per center in this seat, asked of the decision tables "
            "(the functions the pages call): a change made in the seat (a portal login given) "
            "shows here."
        ),
        parameters=[SEAT_ID, PERSONA_KEY],
        responses={200: PersonaOutcomeSerializer, **_errors(404)},
        auth=SEAT_AUTH,
        tags=["personas"],
    )
    def get(self, request, seat_id, key):
        row = persona_row(key)
        return Response(PersonaOutcomeSerializer(row, context={"seat": self.seat}).data)


class MailboxView(SeatAddressed):
    @extend_schema(
        summary=_("A seat's mailbox"),
        description=_(
            "The messages the sandbox sent in this seat, newest first, with their text (an "
            "emailed invoice holds Diego's portal User ID)."
        ),
        parameters=[SEAT_ID, MailboxQuerySerializer],
        responses={200: MailboxMessageSerializer(many=True), **_errors(400, 404)},
        auth=SEAT_AUTH,
        tags=["seats"],
    )
    def get(self, request, seat_id):
        query = MailboxQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        messages = MailboxMessage.objects.all()
        if "to" in query.validated_data:
            messages = messages.filter(recipient__iexact=query.validated_data["to"])
        return Response(MailboxMessageSerializer(messages, many=True).data)


class ActivityView(SeatAddressed):
    @extend_schema(
        summary=_("A seat's activity"),
        description=_(
            "The writes that matter in this seat (orders, plan changes, resets), newest first: "
            "who, when, what, before and after."
        ),
        parameters=[SEAT_ID],
        responses={200: ActivitySerializer(many=True), **_errors(404)},
        auth=SEAT_AUTH,
        tags=["seats"],
    )
    def get(self, request, seat_id):
        entries = Activity.objects.select_related("account")
        return Response(ActivitySerializer(entries, many=True).data)
