"""A seat is its trainee's: getting it back on another device, and the trainer's hand on the
seats' names (free a seat, rename it, let a browser in).

Joining with a new name is `services.seat_join`. A name already taken gives its seat back
only to a browser that shows something only its trainee has (`seats.models.Seat`): the
classes' views ask which, and these services do it.
"""

import datetime
import secrets

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User
from sandbox.worlds import seat_reset
from seats.models import Seat, rejoin_code_new, seat_token_new
from seats.names import name_clean, name_key
from seats.scope import seat_lock

from .models import OutcomeReached, PersonaSignedIn
from .services import NameTaken

# A seat whose trainee did something this recently, on another browser, is "active elsewhere".
ACTIVE_ELSEWHERE = datetime.timedelta(minutes=10)


def seat_active_elsewhere(seat: Seat, *, device: str, now: datetime.datetime) -> bool:
    """Whether another browser than `device` worked in `seat` within ACTIVE_ELSEWHERE."""
    return (
        bool(seat.device)
        and seat.device != device
        and seat.last_activity_at is not None
        and now - seat.last_activity_at < ACTIVE_ELSEWHERE
    )


@transaction.atomic
def seat_rejoin(*, seat: Seat, device: str) -> bool:
    """`device` is back in its trainee's seat (the caller checked it may be). Returns whether
    the seat was active on another browser: then the board marks it, and both browsers work
    in the one seat."""
    seat_lock(seat)
    seat = Seat.objects.get(pk=seat.pk)
    now = timezone.now()
    elsewhere = seat_active_elsewhere(seat, device=device, now=now)
    seat.device = device
    seat.last_activity_at = now
    seat.rejoin_request = seat.rejoin_approved = ""
    seat.rejoin_requested_at = None
    fields = ["device", "last_activity_at", "rejoin_request", "rejoin_approved"]
    if elsewhere:
        seat.shared_at = now
        fields.append("shared_at")
    seat.save(update_fields=[*fields, "rejoin_requested_at"])
    return elsewhere


def rejoin_code_matches(seat: Seat, code: str) -> bool:
    typed = code.strip().upper()
    return bool(seat.rejoin_code) and secrets.compare_digest(typed, seat.rejoin_code)


@transaction.atomic
def seat_rejoin_ask(*, seat: Seat) -> str:
    """A browser asks the trainer to let it into `seat`: returns the code the trainer sees
    beside the request on the board, which the browser shows too. One request a seat: a new
    one replaces the last."""
    code = rejoin_code_new()
    Seat.objects.filter(pk=seat.pk).update(
        rejoin_request=code, rejoin_requested_at=timezone.now(), rejoin_approved=""
    )
    return code


@transaction.atomic
def seat_rejoin_answer(*, seat: Seat, approve: bool) -> bool:
    """The trainer lets the browser asking for `seat` in, or refuses it. False when nobody
    asks any more."""
    seat_lock(seat)
    seat = Seat.objects.get(pk=seat.pk)
    if not seat.rejoin_request:
        return False
    seat.rejoin_approved = seat.rejoin_request if approve else ""
    seat.rejoin_request = ""
    seat.rejoin_requested_at = None
    seat.save(update_fields=["rejoin_approved", "rejoin_request", "rejoin_requested_at"])
    return True


def rejoin_approved(seat: Seat, request_code: str) -> bool:
    """Whether the trainer let in the browser that asked with `request_code`."""
    return bool(request_code) and secrets.compare_digest(seat.rejoin_approved, request_code)


@transaction.atomic
def seat_free(*, seat: Seat, actor: User | None = None) -> Seat:
    """The trainer frees a seat (a junk name, a trainee gone): its world back to the sample
    data, its name, rejoin code and board history gone, its browsers back in the default seat
    (their rejoin code is no longer the seat's), its token new (an old join URL of the seat
    opens nothing). The next trainee to join may get it."""
    seat = seat_reset(seat=seat, actor=actor)
    OutcomeReached.objects.filter(seat=seat).delete()
    PersonaSignedIn.objects.filter(seat=seat).delete()
    for name in ("display_name", "name_key", "rejoin_code", "rejoin_request", "rejoin_approved"):
        setattr(seat, name, "")
    seat.device = ""
    seat.token = seat_token_new()
    seat.rejoin_requested_at = seat.shared_at = seat.last_activity_at = None
    seat.save()
    return seat


@transaction.atomic
def seat_rename(*, seat: Seat, display_name: str) -> Seat:
    """The trainer renames a seat; its trainee keeps it (and its rejoin code). A name another
    seat of the class has raises NameTaken."""
    display_name = name_clean(display_name)
    key = name_key(display_name)
    other = Seat.objects.filter(classroom=seat.classroom_id, name_key=key).exclude(pk=seat.pk)
    if other.exists():
        raise NameTaken(other.first())
    seat.display_name, seat.name_key = display_name, key
    seat.rejoin_code = seat.rejoin_code or rejoin_code_new()
    try:
        with transaction.atomic():
            seat.save(update_fields=["display_name", "name_key", "rejoin_code"])
    except IntegrityError:  # the same name joined at this moment
        raise NameTaken(other.first()) from None
    return seat
