"""Trainer notes are on unless switched off. The choice belongs to the browser, in a cookie as
the page's language is, so it outlives signing in and out as one persona after another (a
sign-in starts a new session)."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse

COOKIE_NAME = "sandbox_trainer_notes"
COOKIE_MAX_AGE = 365 * 24 * 60 * 60


def trainer_notes_on(request: HttpRequest | None) -> bool:
    return getattr(request, "COOKIES", {}).get(COOKIE_NAME) != "off"


def trainer_notes_switch(response: HttpResponse, *, on: bool) -> None:
    if on:
        response.delete_cookie(COOKIE_NAME, samesite="Lax")
    else:
        response.set_cookie(
            COOKIE_NAME,
            "off",
            max_age=COOKIE_MAX_AGE,
            httponly=True,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
        )
