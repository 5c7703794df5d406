"""Who a request of the API comes from: a seat's token, a trainer-issued token, or a signed-in
session.

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

from sandbox.worlds import seat_touch, seat_touch_due
from seats.models import Seat

from .tokens import trainer_token_find, trainer_token_used

KEYWORD = "Seat"
SEAT_SCHEME = KEYWORD.lower().encode()
# What seats.models.seat_token_new makes (URL-safe base64); anything else is looked up nowhere.
TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{1,40}")


def authorization_sent(request) -> tuple[bytes, str]:
    """The request's `Authorization` header as (its scheme in lower case, its credential): the
    credential is "" unless the header is exactly two words; (b"", "") with no header."""
    words = get_authorization_header(request).split()
    if not words:
        return b"", ""
    credential = words[1].decode("latin-1") if len(words) == 2 else ""
    return words[0].lower(), credential


def seat_token_scheme(request) -> bool:
    """Does the request send a seat's token (`Authorization: Seat ...`), whichever seat's?"""
    return authorization_sent(request)[0] == SEAT_SCHEME


class SeatTokenAuthentication(BaseAuthentication):
    """`Authorization: Seat <token>`: a request on behalf of that seat (not the default one)."""

    def authenticate(self, request):
        scheme, token = authorization_sent(request)
        if scheme != SEAT_SCHEME:
            return None  # another scheme, or none: the next authentication class decides
        if not TOKEN_SHAPE.fullmatch(token):
            raise exceptions.AuthenticationFailed(code="seat_token_invalid")
        seat = Seat.objects.filter(token=token, is_default=False).first()
        if seat is None:
            return None  # a seat deleted since, or none ever: that seat is not found (404)
        if seat_touch_due(seat):
            seat_touch(seat)  # a script using its seat keeps it from `prune_classes`
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


# The schemes a trainer-issued token is sent with: `Token <key>` (DRF's) or `Bearer <key>`.
TRAINER_TOKEN_KEYWORDS = (b"token", b"bearer")
TRAINER_TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{1,100}")


def trainer_token_scheme(request) -> bool:
    """Does the request send a trainer-issued token (well formed or not)?"""
    return authorization_sent(request)[0] in TRAINER_TOKEN_KEYWORDS


class TrainerTokenAuthentication(BaseAuthentication):
    """`Authorization: Token <key>` (or `Bearer <key>`): a request made in the trainer's name.

    The request's user is the trainer who made the token (`TrainerToken.trainer`), so every
    decision of `access.py` that asks whether the trainer is calling (`acts_as_trainer`) grants
    a token what it grants the trainer's session, within that trainer's classes; `request.auth`
    is the token. A key no token has, or a revoked token's, is refused (401, codes
    `trainer_token_invalid` and `trainer_token_revoked`): a script that sends a token means to
    act as the trainer, and must learn at once that it cannot.
    """

    def authenticate(self, request):
        scheme, key = authorization_sent(request)
        if scheme not in TRAINER_TOKEN_KEYWORDS:
            return None
        if not TRAINER_TOKEN_SHAPE.fullmatch(key):
            raise exceptions.AuthenticationFailed(code="trainer_token_invalid")
        token = trainer_token_find(key)
        if token is None:
            raise exceptions.AuthenticationFailed(code="trainer_token_invalid")
        if token.is_revoked:
            raise exceptions.AuthenticationFailed(code="trainer_token_revoked")
        trainer = token.trainer
        if trainer is None or not trainer.is_active:  # a trainer deactivated since
            raise exceptions.AuthenticationFailed(code="trainer_token_invalid")
        trainer_token_used(token=token)
        return trainer, token

    def authenticate_header(self, request):
        return 'Token realm="api"'


class TrainerTokenScheme(OpenApiAuthenticationExtension):
    """The trainer-issued token in the OpenAPI schema."""

    target_class = TrainerTokenAuthentication
    name = "trainerToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": _(
                "A token the trainer created on the sandbox's API tokens page, sent as "
                "“Authorization: Token <key>” (or “Bearer <key>”): the script acts as the "
                "trainer (creates seats on a closed sandbox, reads and deletes any seat)."
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
