"""Sign-in lockouts: whose failures count together, the page a locked sign-in gets, and the
trainer's list of locks with the writes that clear them.

Two kinds of lock exist. A LogMeIn ID (Billing Center, Admin Center, Django admin) is locked by
django-axes after AXES_FAILURE_LIMIT wrong passwords within AXES_COOLOFF_TIME; a portal User ID
is locked by the portal itself (corp_portal.services.portal_sign_in). Neither lock grows while
it holds: axes records no failure during a lock (AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT
is off) and the portal refuses a locked User ID before it checks the password.
"""

import datetime
import math
import re
from collections import defaultdict
from dataclasses import dataclass

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from axes.utils import reset as axes_reset
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.shortcuts import render
from django.utils import timezone

from accounts.models import User
from accounts.services import activity_record
from corp_portal.models import PortalLogin
from corp_portal.services import portal_lockout_clear
from seats.scope import entered_seat_id

LOGMEIN = "logmein"
PORTAL = "portal"
# django-axes counts a seat's sign-ins under "seat<id>:<LogMeIn ID>": one trainee's typos lock
# only their own seat's persona. The default seat's identities are the plain LogMeIn IDs.
SEAT_IDENTITY = re.compile(r"^seat(\d+):")


def seat_identity_prefix(seat=None) -> str:
    """ "seat<id>:" for a seat of a class or a script, "" for the default seat. Without
    `seat`, the current one's."""
    seat_id = entered_seat_id() if seat is None else (None if seat.is_default else seat.pk)
    return f"seat{seat_id}:" if seat_id is not None else ""


def sign_in_identity(request, credentials):
    """The identity django-axes counts failures against: the LogMeIn ID ("Ana@X" and "ana@x"
    are one), or the User ID of a sign-in form of other credentials, in the request's seat."""
    credentials = credentials or {}
    for name in ("username", "email", "user_id"):
        value = credentials.get(name) or request.POST.get(name)
        if value:
            return seat_identity_prefix() + str(value).strip().lower()[:254]
    return ""


def seat_attempts():
    """django-axes' failed sign-ins counted in the current seat."""
    prefix = seat_identity_prefix()
    if prefix:
        return AccessAttempt.objects.filter(username__startswith=prefix)
    return AccessAttempt.objects.exclude(username__regex=SEAT_IDENTITY.pattern)


def shown_identity(identity: str) -> str:
    """The LogMeIn ID as people know it, without the seat."""
    return SEAT_IDENTITY.sub("", identity)


def _is_trainer(identity: str) -> bool:
    identity = shown_identity(identity)
    return bool(identity) and User.objects.filter(email__iexact=identity, is_staff=True).exists()


def lockout_parameters(request_or_attempt, credentials=None) -> list:
    """Whose failed sign-ins count together (AXES_LOCKOUT_PARAMETERS).

    A persona's LogMeIn ID counts from every address, because a classroom shares one address
    and one trainee's typos must not lock out the class's other personas. The trainer's
    LogMeIn ID counts per address: its password is the trainer's alone, so guesses from
    elsewhere lock out only the address they come from, and an anonymous visitor cannot lock
    the trainer out of the class (a whitelist would have left the trainer's password open to
    unlimited guessing).
    """
    if isinstance(request_or_attempt, AccessAttempt):
        identity = request_or_attempt.username or ""
    else:
        identity = sign_in_identity(request_or_attempt, credentials)
    if _is_trainer(identity):
        return [["username", "ip_address"]]
    return ["username"]


@dataclass(frozen=True)
class Lockout:
    """A lock the trainer can see and clear."""

    kind: str  # LOGMEIN or PORTAL
    identity: str  # the LogMeIn ID, or the portal User ID
    until: datetime.datetime
    ip_address: str = ""  # set when the lock holds for one address only (the trainer's)

    @property
    def key(self) -> str:
        """What the trainer's Clear button posts."""
        return f"{self.kind}:{self.identity}"


def lockouts_active(*, now: datetime.datetime | None = None) -> list[Lockout]:
    """Every LogMeIn ID and portal User ID locked now, the lock ending soonest first."""
    now = now or timezone.now()
    attempts = seat_attempts().filter(attempt_time__gte=now - get_cool_off())
    return _lockouts(attempts, PortalLogin.objects.filter(locked_until__gt=now))


def lockouts_active_by_seat(*, seats, now: datetime.datetime | None = None) -> dict:
    """Seat id -> the locks `lockouts_active` finds in that seat, for many seats at once
    (the class's board): two queries for the whole class, not two per seat."""
    now = now or timezone.now()
    seats = [seat for seat in seats if not seat.is_default]
    if not seats:
        return {}
    by_prefix = {seat_identity_prefix(seat): seat.pk for seat in seats}
    in_seats = Q()
    for prefix in by_prefix:
        in_seats |= Q(username__startswith=prefix)
    attempts, logins = defaultdict(list), defaultdict(list)
    for attempt in AccessAttempt.objects.filter(in_seats, attempt_time__gte=now - get_cool_off()):
        prefix = SEAT_IDENTITY.match(attempt.username).group(0)
        attempts[by_prefix[prefix]].append(attempt)
    for login in PortalLogin._base_manager.filter(
        seat__in=by_prefix.values(), locked_until__gt=now
    ):
        logins[login.seat_id].append(login)
    # Whose failures count per address (`lockout_parameters`), asked once for every seat.
    staff = {
        f"seat{seat_id}:{email.lower()}"
        for seat_id, email in User._base_manager.filter(
            seat__in=by_prefix.values(), is_staff=True
        ).values_list("seat_id", "email")
    }
    return {
        seat_id: _lockouts(
            attempts[seat_id], logins[seat_id], is_trainer=lambda identity: identity in staff
        )
        for seat_id in by_prefix.values()
        if attempts[seat_id] or logins[seat_id]
    }


def _lockouts(attempts, portal_logins, *, is_trainer=None) -> list[Lockout]:
    """The locks among one seat's recent failed sign-ins and its locked portal logins.
    `is_trainer(identity)`: whose failures count per address (default: asked one by one)."""
    cool_off = get_cool_off()
    failures, last = defaultdict(int), {}
    for attempt in attempts:
        if is_trainer is None:
            per_address = lockout_parameters(attempt) != ["username"]
        else:
            per_address = is_trainer((attempt.username or "").lower())
        address = (attempt.ip_address or "") if per_address else ""
        key = (attempt.username or "", address)
        failures[key] += attempt.failures_since_start
        last[key] = max(last.get(key, attempt.attempt_time), attempt.attempt_time)
    found = [
        Lockout(LOGMEIN, shown_identity(identity), last[identity, address] + cool_off, address)
        for (identity, address), count in failures.items()
        if identity and count >= settings.AXES_FAILURE_LIMIT
    ]
    found += [Lockout(PORTAL, login.user_id, login.locked_until) for login in portal_logins]
    return sorted(found, key=lambda lockout: (lockout.until, lockout.kind, lockout.identity))


@transaction.atomic
def lockout_clear(*, lockout: Lockout, actor: User) -> None:
    """Let a locked LogMeIn ID or User ID sign in again at once, recorded in the activity."""
    if lockout.kind == PORTAL:
        for login in PortalLogin.objects.select_related("account").filter(user_id=lockout.identity):
            portal_lockout_clear(portal_login=login, actor=actor)
        return
    axes_reset(username=seat_identity_prefix() + lockout.identity)
    person = User.objects.filter(email__iexact=lockout.identity).first()
    activity_record(
        actor=actor,
        account=person.account if person else None,
        action="sign_in_lockout_cleared",
        summary=f"Sign-in lockout of {lockout.identity} cleared",
        before={"locked_until": lockout.until.isoformat()},
        after={"locked_until": None},
    )


def lockouts_clear_all(*, actor: User) -> int:
    """Clear every lock; returns how many there were."""
    lockouts = lockouts_active()
    for lockout in lockouts:
        lockout_clear(lockout=lockout, actor=actor)
    # Failures below the limit go too: nobody is one typo away from a lock after this.
    seat_attempts().delete()
    PortalLogin.objects.filter(failed_attempts__gt=0).update(failed_attempts=0)
    return len(lockouts)


def sign_in_locked_out(request, original_response=None, credentials=None):
    """A LogMeIn ID locked by django-axes (AXES_LOCKOUT_CALLABLE): a translated page that
    says which LogMeIn ID is locked, until when, and how to sign in sooner."""
    identity = shown_identity(sign_in_identity(request, credentials))
    now = timezone.now()
    lockout = next(
        (
            found
            for found in lockouts_active(now=now)
            if found.kind == LOGMEIN
            and found.identity == identity
            and found.ip_address in ("", getattr(request, "axes_ip_address", "") or "")
        ),
        None,
    )
    until = lockout.until if lockout else now + get_cool_off()
    return render(
        request,
        "lockout.html",
        {
            "identity": identity,
            "until": until,
            "minutes_left": max(1, math.ceil((until - now).total_seconds() / 60)),
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "per_address": bool(lockout and lockout.ip_address),
        },
        status=429,
    )
