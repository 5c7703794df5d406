"""What a browser holds of the seats it took: a signed cookie, apart from the session.

The cookie names this browser (`device`, to tell "active elsewhere" from "active here") and
keeps, for every seat it took by name, that seat's rejoin code. Leaving the seat, signing in
and out, or a reset of the sessions keep it, so the first device gets its seat back by typing
its name; another browser must show it holds the seat some other way (`Seat`'s docstring).
"""

import json
import secrets
from dataclasses import dataclass, field

from django.conf import settings
from django.core import signing

from .models import Seat

COOKIE = "sandbox_seats"
SALT = "seats.claims"
MAX_AGE = 60 * 60 * 24 * 30  # a month: longer than any class
MAX_SEATS = 20  # the seats a browser remembers, the last taken first


@dataclass
class Claims:
    device: str = ""
    codes: dict[str, str] = field(default_factory=dict)  # seat pk -> its rejoin code

    def hold(self, seat: Seat) -> bool:
        """Whether this browser took `seat` under its current trainee."""
        code = self.codes.get(str(seat.pk), "")
        return bool(seat.rejoin_code) and secrets.compare_digest(code, seat.rejoin_code)

    def add(self, seat: Seat) -> None:
        self.codes.pop(str(seat.pk), None)
        self.codes = dict(list({str(seat.pk): seat.rejoin_code, **self.codes}.items())[:MAX_SEATS])


def claims_read(request) -> Claims:
    """This browser's claims; a browser with none (or a cookie not ours) gets a new device."""
    try:
        data = json.loads(request.get_signed_cookie(COOKIE, salt=SALT, max_age=MAX_AGE))
        claims = Claims(device=str(data["device"]), codes=dict(data["codes"]))
    except (KeyError, TypeError, ValueError, signing.BadSignature):
        claims = Claims()
    claims.device = claims.device or secrets.token_urlsafe(12)
    return claims


def claims_write(response, claims: Claims) -> None:
    response.set_signed_cookie(
        COOKIE,
        json.dumps({"device": claims.device, "codes": claims.codes}),
        salt=SALT,
        max_age=MAX_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
