"""The API's endpoints: thin views over the classroom's services (`classes.services`).

Each asks a decision of `access.py`, calls a service, and answers a serializer. Errors are
raised and made JSON in one place (`errors.api_exception_handler`). An endpoint that works in
a seat's world is built on `SeatScopedApiView`, which enters the seat's scope itself.
"""

import contextlib

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import APIView

from core.public_url import absolute_url
from sandbox.worlds import seat_create, seat_delete, seat_reset
from seats.models import Seat
from seats.scope import seat_scope

from .access import CreatesSeats, may_manage_seat, presents_credentials
from .authentication import (
    TrainerTokenAuthentication,
    seat_token_scheme,
    trainer_token_scheme,
)
from .errors import ErrorSerializer
from .outcomes import outcome_rows
from .schema import ApiSchemaGenerator
from .serializers import (
    OutcomeSerializer,
    SeatCreateSerializer,
    SeatQuerySerializer,
    SeatSerializer,
)
from .throttling import SeatCreationThrottle

SEAT_ID = OpenApiParameter(
    "seat_id", int, OpenApiParameter.PATH, description=_("The seat's id (from POST /seats/).")
)


ERRORS = {
    400: _("Bad input: “fields” names each field at fault."),
    401: _(
        "No credential this address accepts, or one that is not valid: “code” says why "
        "(credentials_required, trainer_token_invalid, trainer_token_revoked)."
    ),
    403: _("Refused: “code” says why (trainer_required, seat_token_invalid, csrf_failed)."),
    404: _(
        "No such seat, or not one this request may address (code seat_not_found); no such "
        "persona (code persona_not_found)."
    ),
    406: _("The Accept header asks for something else than JSON (code not_acceptable)."),
    413: _("The request body is larger than 64 KB (code body_too_large)."),
    415: _("The request body is neither JSON nor a form (code unsupported_media_type)."),
    429: _("Too many seats from this address: wait the seconds of Retry-After."),
    500: _("A fault of the server, logged with its traceback (code server_error)."),
}
# What any endpoint may answer: a credential that is not valid (401) or malformed (403), an
# Accept header the API cannot answer (406), a fault of the code (500).
ANY_ENDPOINT = (401, 403, 406, 500)
# What an endpoint that reads a body may answer besides: bad input, too large, not JSON.
WITH_BODY = (400, 413, 415)
# Who may call an endpoint, for the schema: nobody signed in, the trainer's session (its
# sessionid cookie, and the CSRF token DRF asks of a session), a seat's token.
ANYONE, TRAINER, SEAT_TOKEN = {}, {"cookieAuth": []}, {"seatToken": []}
TRAINER_TOKEN = {"trainerToken": []}


def _errors(*codes: int) -> dict[int, OpenApiResponse]:
    """The error answers of an endpoint, for the schema: `codes` and those of any endpoint."""
    return {
        code: OpenApiResponse(ErrorSerializer, description=ERRORS[code])
        for code in sorted({*codes, *ANY_ENDPOINT})
    }


class CredentialsRequired(exceptions.APIException):
    """A seat's address asked with no credential at all: a 401 whatever the seat id, so that
    the answer says nothing of which seats exist. `Seat` is no scheme a browser prompts for."""

    status_code = status.HTTP_401_UNAUTHORIZED
    default_code = "credentials_required"  # its message: errors.MESSAGES
    auth_header = 'Seat realm="api"'


class ApiView(APIView):
    """Every endpoint's base: a refusal is a 403 with its own code, never a 401 that would
    make a browser ask for a password. The 401s name schemes no browser prompts for: a
    trainer-issued token that is not valid (`WWW-Authenticate: Token`), and a seat's address
    asked with no credential at all (`CredentialsRequired`, `WWW-Authenticate: Seat`)."""

    def get_authenticate_header(self, request):
        if trainer_token_scheme(request):
            return TrainerTokenAuthentication().authenticate_header(request)
        return None

    def permission_denied(self, request, message=None, code=None):
        raise exceptions.PermissionDenied(detail=message, code=code)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code == status.HTTP_404_NOT_FOUND:
            # A 404 is the same whatever answered it: no Allow header telling that something
            # lives at this address (views.NoSuchEndpoint, the trainer's endpoints).
            del response["Allow"]
        return response


def seat_answer(request, seat: Seat, *, language: str, status_code=status.HTTP_200_OK):
    data = SeatSerializer(seat, context={"request": request, "language": language}).data
    return Response(data, status=status_code)


def query_language(request) -> str:
    """The join URL's language asked in the query (?language=), else en."""
    query = SeatQuerySerializer(data=request.query_params)
    query.is_valid(raise_exception=True)
    return query.validated_data["language"]


class SeatScopedApiView(ApiView):
    """The base of every endpoint that works in one seat's world, so that none can forget it.

    `initial` (after authentication and permissions) resolves the seat the request
    addresses, `addressed_seat`, which asks the access rule and refuses with the answer of
    that rule; the handler then runs inside `seat_scope(seat)`, where the seat-scoped
    managers read and write that seat's rows only, and finds the seat in `self.seat`. No
    handler enters a scope itself. An OPTIONS request, or a method the view has no handler
    for, reads no seat and looks none up (its 405 says nothing of which seats exist).
    tests/api/test_scoping.py fails on an endpoint of a seat not built on this.
    """

    seat: Seat

    def addressed_seat(self, request, **kwargs) -> Seat:
        """The seat this request works in, if it may; raises the refusal otherwise."""
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        with contextlib.ExitStack() as self._scope:
            return super().dispatch(request, *args, **kwargs)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        method = request.method.lower()
        if method != "options" and method in self.http_method_names and hasattr(self, method):
            self.seat = self.addressed_seat(request, **kwargs)
            self._scope.enter_context(seat_scope(self.seat))


def callers_seat(request) -> Seat:
    """The seat whose token the request sends, else the seat its session joined, else the
    default seat (the sandbox as it always was)."""
    if isinstance(request.auth, Seat):
        return request.auth
    return getattr(request, "joined_seat", None) or Seat.objects.default()


class CallersSeatView(SeatScopedApiView):
    """An endpoint of no seat's address that answers in the caller's seat (`callers_seat`)."""

    def addressed_seat(self, request, **kwargs) -> Seat:
        return callers_seat(request)


class SeatAddressed(SeatScopedApiView):
    """An endpoint of one seat: /seats/<seat_id>/..."""

    def addressed_seat(self, request, *, seat_id: int, **kwargs) -> Seat:
        """The seat, if this request may address it (`may_manage_seat`); a 404 otherwise, the
        same as for an id no seat has. A request with no credential at all is asked for one
        (401) before any seat is looked up."""
        token_seat = request.auth if isinstance(request.auth, Seat) else None
        joined_seat = getattr(request, "joined_seat", None)
        if not presents_credentials(
            user=request.user, sends_seat_token=seat_token_scheme(request), joined_seat=joined_seat
        ):
            raise CredentialsRequired()
        seat = Seat.objects.select_related("classroom").filter(pk=seat_id).first()
        if seat is None or not may_manage_seat(
            user=request.user, token_seat=token_seat, seat=seat, joined_seat=joined_seat
        ):
            raise exceptions.NotFound(code="seat_not_found")
        return seat


class SeatsView(ApiView):
    permission_classes = [CreatesSeats]
    throttle_classes = [SeatCreationThrottle]

    @extend_schema(
        summary=_("Create a seat"),
        description=_(
            "A new seat: a private copy of the sample world, the same personas, passwords and "
            "outcomes. Open its join_url to be in it. No credentials on an open sandbox, at "
            "most SANDBOX_SEAT_RATE seats per address; on a closed sandbox, a trainer-issued "
            "token or the trainer's session."
        ),
        request=SeatCreateSerializer,
        responses={201: SeatSerializer, **_errors(*WITH_BODY, 429)},
        auth=[ANYONE, TRAINER_TOKEN, TRAINER],
        tags=["seats"],
    )
    def post(self, request):
        given = SeatCreateSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        seat = seat_create()
        response = seat_answer(
            request,
            seat,
            language=given.validated_data["language"],
            status_code=status.HTTP_201_CREATED,
        )
        response["Location"] = absolute_url(
            request, reverse("api:seat", kwargs={"seat_id": seat.pk})
        )
        return response


class SeatView(SeatAddressed):
    @extend_schema(
        summary=_("Read a seat"),
        parameters=[SEAT_ID, SeatQuerySerializer],
        responses={200: SeatSerializer, **_errors(400, 404)},
        auth=[SEAT_TOKEN, TRAINER_TOKEN, TRAINER],
        tags=["seats"],
    )
    def get(self, request, seat_id):
        return seat_answer(request, self.seat, language=query_language(request))

    @extend_schema(
        summary=_("Delete a seat"),
        description=_("The seat and its whole world go; browsers in it are back in the default."),
        parameters=[SEAT_ID],
        responses={204: None, **_errors(404)},
        auth=[SEAT_TOKEN, TRAINER_TOKEN, TRAINER],
        tags=["seats"],
    )
    def delete(self, request, seat_id):
        seat_delete(seat=self.seat)
        return Response(status=status.HTTP_204_NO_CONTENT)


class SeatResetView(SeatAddressed):
    @extend_schema(
        summary=_("Reset a seat"),
        description=_(
            "Restores the seat's world to the sample data; its sign-ins end. No other seat changes."
        ),
        parameters=[SEAT_ID, SeatQuerySerializer],
        request=None,
        responses={200: SeatSerializer, **_errors(400, 404)},
        auth=[SEAT_TOKEN, TRAINER_TOKEN, TRAINER],
        tags=["seats"],
    )
    def post(self, request, seat_id):
        language = query_language(request)
        actor = request.user if request.user.is_authenticated else None
        seat = seat_reset(seat=self.seat, actor=actor)
        return seat_answer(request, seat, language=language)


class OutcomesView(ApiView):
    @extend_schema(
        summary=_("List the outcome ids"),
        description=_(
            "Every outcome of the article's two tables, first row first, as pages carry them in "
            "data-outcome."
        ),
        responses={200: OutcomeSerializer(many=True), **_errors()},
        auth=[ANYONE],
        tags=["outcomes"],
    )
    def get(self, request):
        return Response(OutcomeSerializer(outcome_rows(), many=True).data)


class NoSuchEndpoint(ApiView):
    """Any other address under /api/: a JSON 404 whatever the method, never the HTML page."""

    schema = None  # not in the OpenAPI schema

    def initial(self, request, *args, **kwargs):
        raise exceptions.NotFound()


class DocsView(TemplateView):
    """The API's documentation page: the endpoints in a table (works without JavaScript), and
    Swagger UI from drf-spectacular-sidecar's static files to try them, in the page's language."""

    template_name = "api/docs.html"

    def get_context_data(self, **kwargs):
        schema = ApiSchemaGenerator().get_schema(request=None, public=True)  # the public one
        endpoints = [
            {"method": method.upper(), "path": path, "summary": operation.get("summary", "")}
            for path, operations in schema["paths"].items()
            for method, operation in operations.items()
        ]
        language = translation.get_language()
        return super().get_context_data(
            endpoints=endpoints,
            schema_url=f"{reverse('api:schema')}?lang={language}",
            **kwargs,
        )
