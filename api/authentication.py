"""Who a request of the API comes from: a seat's token, or a signed-in session.

The seat token is how a script proves a seat is the one it made.

A seat's token is the secret of its join URL: whoever holds it can already enter the seat and
reset it from the pages, so the API asks for nothing more to read, reset or delete that seat.
A script sends it as `Authorization: Seat <token>`. It names no person (the request stays
anonymous); `request.auth` is the seat. Sent in a header, never by a browser on its own, so it
needs no CSRF token.
"""

import re

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import (
    BaseAuthentication,
    SessionAuthentication,
    get_authorization_header,
)

from seats.models import Seat

KEYWORD = "Seat"
# What seats.models.seat_token_new makes (URL-safe base64); anything else is looked up nowhere.
TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{1,40}")


class SeatTokenAuthentication(BaseAuthentication):
    """`Authorization: Seat <token>`: a request on behalf of that seat (not the default one)."""

    def authenticate(self, request):
        words = get_authorization_header(request).split()
        if not words or words[0].lower() != KEYWORD.lower().encode():
            return None  # another scheme, or none: the next authentication class decides
        token = words[1].decode("latin-1") if len(words) == 2 else ""
        if not TOKEN_SHAPE.fullmatch(token):
            raise exceptions.AuthenticationFailed(code="seat_token_invalid")
        seat = Seat.objects.filter(token=token, is_default=False).first()
        if seat is None:
            return None  # a seat deleted since, or none ever: that seat is not found (404)
        return AnonymousUser(), seat


class SeatTokenScheme(OpenApiAuthenticationExtension):
    """The seat token in the OpenAPI schema (and the documentation page's Authorize form)."""

    target_class = SeatTokenAuthentication
    name = "seatToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": _(
                "The seat's token (from POST /api/v1/seats/), sent as “Seat <token>”: lets a "
                "script read, reset and delete the seat it made."
            ),
        }


class SignedInSession(SessionAuthentication):
    """The session of whoever signed in to the sandbox (the trainer, for the API's purposes).

    A request with a signed-in session must carry its CSRF token (X-CSRFToken): the browser
    sends the session cookie on its own, so a page of another site could otherwise act in the
    trainer's name. A request with no signed-in session (a script's) is asked for none.
    """

    def enforce_csrf(self, request):
        try:
            super().enforce_csrf(request)
        except exceptions.PermissionDenied as refused:
            raise exceptions.PermissionDenied(code="csrf_failed") from refused


class SignedInSessionScheme(OpenApiAuthenticationExtension):
    target_class = SignedInSession
    name = "cookieAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "cookie",
            "name": settings.SESSION_COOKIE_NAME,
            "description": _(
                "The trainer's session, signed in on the sandbox's pages; a request that sends "
                "it sends its CSRF token too, in X-CSRFToken."
            ),
        }
