"""Every error of the API is JSON: `{"code": ..., "message": ..., "fields": {...}}`.

`code` is stable, for scripts to test; `message` is for the person reading the output, in the
request's language (Accept-Language); `fields` names each field at fault with what is wrong
with it (empty when no field is). A script never gets Django's HTML error pages from the API:
a wrong address under /api/v1/ is a JSON 404 (`views.NoSuchEndpoint`), and an error of the
code itself is a JSON 500, logged with its traceback as every server error is.
"""

import logging
import math

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.http import Http404, JsonResponse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views import defaults
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import set_rollback

from .parsers import BodyTooLarge

logger = logging.getLogger("django.request")


# code -> what it says; one place for the words of every error.
MESSAGES = {
    "invalid": _("Some fields are not valid: see “fields”."),
    "parse_error": _("The request body could not be read: send valid JSON."),
    "too_deep": _("The request body nests too deep: at most 10 levels of lists and objects."),
    "too_many_fields": _("The request body holds too many values: at most 1000."),
    "body_too_large": _("The request body is too large: at most 64 KB."),
    "bad_request": _("This request cannot be read."),
    "credentials_required": _(
        "This address needs a credential: the seat's token (“Authorization: Seat <token>”), "
        "a browser in the seat, or the trainer's."
    ),
    "unsupported_media_type": _(
        "Send the request body as JSON (Content-Type: application/json) or as a form."
    ),
    "not_acceptable": _("The API answers in JSON only."),
    "permission_denied": _("You may not do this."),
    "trainer_required": _(
        "This sandbox is closed: only the trainer creates seats. Send a token the trainer "
        "created on the API tokens page (“Authorization: Token <key>”), or sign in as the "
        "trainer and send the request with that session."
    ),
    "trainer_token_invalid": _(
        "This token is not one the trainer created: send “Authorization: Token <key>” with "
        "the key shown when the token was created."
    ),
    "trainer_token_revoked": _(
        "This token was revoked by the trainer: ask the trainer for a new one."
    ),
    "persona_not_found": _(
        "No persona has this key. GET /api/v1/personas/ lists the personas' keys."
    ),
    "csrf_failed": _(
        "This request carries a signed-in session, so it must carry that session's CSRF token "
        "too (X-CSRFToken). A script that creates seats needs no session at all."
    ),
    "seat_token_invalid": _(
        "The Authorization header is not a seat token: send “Authorization: Seat <token>” "
        "with the token the seat was created with."
    ),
    "not_found": _(
        "There is nothing at this address of the API. Its addresses end with a slash, for "
        "instance /api/v1/seats/."
    ),
    "seat_not_found": _(
        "No seat with this id is yours to see. Send the token it was created with "
        "(“Authorization: Seat <token>”), or sign in as the trainer."
    ),
    "server_error": _(
        "Something went wrong on the server. It was logged; please tell the sandbox's team."
    ),
}


def error_message(code: str, *, exc, request) -> str:
    """The message of an error, in the active language (the request's)."""
    if code == "method_not_allowed":
        return gettext("This address does not answer %(method)s.") % {"method": request.method}
    if code == "throttled":
        seconds = math.ceil(exc.wait or 1)
        return ngettext(
            "Too many requests from this address: try again in %(seconds)d second.",
            "Too many requests from this address: try again in %(seconds)d seconds.",
            seconds,
        ) % {"seconds": seconds}
    if code in MESSAGES:
        return str(MESSAGES[code])
    return str(exc.detail)


class ErrorSerializer(serializers.Serializer):
    """What every error answers (for the OpenAPI schema)."""

    code = serializers.CharField(help_text=_("Stable: what went wrong, for scripts to test."))
    message = serializers.CharField(help_text=_("What went wrong, in the request's language."))
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text=_("Each field at fault, with what is wrong with it; empty when none is."),
    )


def error_response(*, code: str, message: str, status_code: int, fields=None, headers=None):
    return Response(
        {"code": code, "message": message, "fields": fields or {}},
        status=status_code,
        headers=headers,
    )


def _code(exc: exceptions.APIException) -> str:
    codes = exc.get_codes()
    return codes if isinstance(codes, str) else exc.default_code


# At most this many messages for one field (a list of a thousand wrong items says ten).
MESSAGES_PER_FIELD = 10


def _messages(detail, prefix: str = "") -> list[str]:
    """A field's errors as a list of strings, as the schema says (`ErrorSerializer`): an
    error of an item of a list, or of a field of an object, is prefixed with its index or
    name (`"3: Not a valid string."`)."""
    if isinstance(detail, dict):
        return [
            message for key, sub in detail.items() for message in _messages(sub, f"{prefix}{key}: ")
        ]
    if isinstance(detail, list):
        return [message for sub in detail for message in _messages(sub, prefix)]
    return [f"{prefix}{detail}"]


def _fields(exc: exceptions.ValidationError) -> dict:
    detail = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
    return {name: _messages(errors)[:MESSAGES_PER_FIELD] for name, errors in detail.items()}


def api_exception_handler(exc, context):
    """REST framework's EXCEPTION_HANDLER: every exception of an API view as a JSON error."""
    request = context.get("request")
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, RequestDataTooBig):
        exc = BodyTooLarge()
    elif isinstance(exc, SuspiciousOperation):
        # What Django answers the pages with a 400 (too many form fields, a bad header).
        exc = exceptions.ParseError(code="bad_request")
    if not isinstance(exc, exceptions.APIException):
        logger.error(
            "Internal Server Error: %s",
            getattr(request, "path", "?"),
            exc_info=exc,
            extra={"status_code": 500, "request": getattr(request, "_request", None)},
        )
        set_rollback()
        return error_response(
            code="server_error",
            message=error_message("server_error", exc=exc, request=request),
            status_code=status.HTTP_500_INTERNAL_SERVER_ERROR,
        )
    headers = {}
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header
    if getattr(exc, "wait", None):
        headers["Retry-After"] = str(math.ceil(exc.wait))
    if isinstance(exc, exceptions.ValidationError):
        code, fields = "invalid", _fields(exc)
    else:
        code, fields = _code(exc), {}
    message = error_message(code, exc=exc, request=request)
    set_rollback()
    return error_response(
        code=code,
        message=message,
        status_code=exc.status_code,
        fields=fields,
        headers=headers,
    )


def _api_error_page(request, *, code: str, status_code: int) -> JsonResponse:
    return JsonResponse(
        {"code": code, "message": str(MESSAGES[code]), "fields": {}}, status=status_code
    )


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


# The site's error handlers (config/urls.py): under /api/, the API's JSON error even when no
# API view answered (a middleware's exception, a Host header Django refuses); elsewhere the
# translated HTML pages. Django has logged what it logs before calling them.


def bad_request(request, exception):
    if _is_api(request):
        return _api_error_page(request, code="bad_request", status_code=400)
    return defaults.bad_request(request, exception)


def permission_denied(request, exception):
    if _is_api(request):
        return _api_error_page(request, code="permission_denied", status_code=403)
    return defaults.permission_denied(request, exception)


def page_not_found(request, exception):
    if _is_api(request):
        return _api_error_page(request, code="not_found", status_code=404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    if _is_api(request):
        return _api_error_page(request, code="server_error", status_code=500)
    return defaults.server_error(request)
