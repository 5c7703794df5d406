"""Trainer notes are on unless switched off; the choice is kept in the session."""

from django.http import HttpRequest

SESSION_KEY = "sandbox_trainer_notes_off"


def trainer_notes_on(request: HttpRequest | None) -> bool:
    # A visitor without a session cookie costs no query: the session is empty.
    session = getattr(request, "session", None)
    return session is None or not session.get(SESSION_KEY, False)


def trainer_notes_switch(request: HttpRequest, *, on: bool) -> None:
    if on:
        request.session.pop(SESSION_KEY, None)
    else:
        request.session[SESSION_KEY] = True
