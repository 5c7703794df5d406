"""Sign-in lockouts: whose failures count together, the page a locked sign-in gets, and the
trainer's list of locks with the writes that clear them.

Two kinds of lock exist. A LogMeIn ID (Billing Center, Admin Center, the trainer's sign-in) is
locked by django-axes after AXES_FAILURE_LIMIT wrong passwords within AXES_COOLOFF_TIME; a
portal User ID is locked by the portal itself, on the seat's own `PortalLogin`
(corp_portal.services.portal_sign_in). Neither lock grows while it holds: axes records no
failure during a lock (AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT is off) and the portal
refuses a locked User ID before it checks the password.

A lock belongs to a seat and a sign-in page. django-axes counts an identity the server writes,
"<where>:<LogMeIn ID>", where <where> comes from the request, never from the posted username:

- the Billing Center / Admin Center sign-in counts a persona in the request's seat
  ("seat<id>:" in a seat, "default:" in the default seat);
- a staff account (the trainer) counts as "staff:", on the trainer's sign-in (the Django
  admin's) or the Billing Center's, and only in the default seat, where the trainer lives;
- any other sign-in counts toward nothing and is blocked by nothing: the Django admin's
  sign-in with a persona's email, a sign-in of a browser in a seat on the trainer's sign-in
  (sandbox.admin_site refuses it before checking anything).

Every identity starts with exactly one of these scopes, each ending at its first colon, so no
posted string can name another seat's identity, or the trainer's.
"""

import datetime
import math
import re
from collections import defaultdict
from dataclasses import dataclass

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_cool_off, get_credentials
from axes.models import AccessAttempt
from axes.utils import reset as axes_reset
from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q, Sum
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils import timezone, translation

from accounts.models import User
from accounts.services import activity_record
from corp_portal.models import PortalLogin
from corp_portal.services import portal_lockout_clear
from logmein_id.views import SignInView
from seats.models import Seat
from seats.scope import seat_scope

LOGMEIN = "logmein"
PORTAL = "portal"

# The sign-in pages whose failures count (`sign_in_page`).
PERSONA_SIGN_IN = "persona"  # the LogMeIn ID sign-in of both centers, and Sign in now
TRAINER_SIGN_IN = "trainer"  # the Django admin's sign-in, the trainer's
TRAINER_SIGN_IN_VIEW = "admin:login"
PERSONA_SIGN_IN_VIEWS = {"sandbox:persona-sign-in"}  # besides logmein_id.views.SignInView's

DEFAULT_SCOPE = "default"
STAFF_SCOPE = "staff"
# "<scope>:<LogMeIn ID>": the scope ("default", "staff" or "seat<id>"), then the ID as typed.
IDENTITY = re.compile(r"^(?:(default|staff)|seat(\d+)):(.*)$", re.DOTALL)


def seat_identity_prefix(seat: Seat) -> str:
    """ "seat<id>:" for a seat of a class or a script, "default:" for the default seat."""
    return f"{DEFAULT_SCOPE}:" if seat.is_default else f"seat{seat.pk}:"


def _seat_identities(seats) -> Q:
    """AccessAttempt rows of these seats' identities (the default seat's: its staff too)."""
    found = Q(pk__in=[])
    for seat in seats:
        found |= Q(username__startswith=seat_identity_prefix(seat))
        if seat.is_default:
            found |= Q(username__startswith=f"{STAFF_SCOPE}:")
    return found


def seat_attempts(seats):
    """django-axes' failed sign-ins counted in these seats."""
    return AccessAttempt.objects.filter(_seat_identities(seats))


def sign_in_page(request) -> str | None:
    """PERSONA_SIGN_IN, TRAINER_SIGN_IN, or None for a page that is no sign-in of the sandbox."""
    match = getattr(request, "resolver_match", None)
    if match is None:  # before the view (a request built by hand): its path says
        try:
            with translation.override(translation.get_language_from_path(request.path_info)):
                match = resolve(request.path_info)
        except Resolver404:
            return None
    if match.view_name == TRAINER_SIGN_IN_VIEW:
        return TRAINER_SIGN_IN
    view_class = getattr(match.func, "view_class", None)
    if match.view_name in PERSONA_SIGN_IN_VIEWS or (
        view_class is not None and issubclass(view_class, SignInView)
    ):
        return PERSONA_SIGN_IN
    return None


def _login_id(request, credentials) -> str:
    """The LogMeIn ID as typed, once ("Ana@X" and "ana@x" are one)."""
    value = (credentials or {}).get("username") or request.POST.get("username") or ""
    return str(value).strip().lower()[:200]


def _is_staff(request, login_id: str) -> bool:
    """Whether `login_id` is a staff account of the request's seat (the trainer lives in the
    default seat only). Asked once per request: django-axes asks for the identity often."""
    known = request.__dict__.setdefault("_sandbox_staff_ids", {})
    if login_id not in known:
        known[login_id] = User.objects.filter(email__iexact=login_id, is_staff=True).exists()
    return known[login_id]


def sign_in_identity(request, credentials) -> str | None:
    """The identity django-axes counts failures against (AXES_USERNAME_CALLABLE), written by
    the server from the request's seat and sign-in page; None where nothing counts."""
    login_id = _login_id(request, credentials)
    page = sign_in_page(request)
    if not login_id or page is None:
        return None
    seat = getattr(request, "joined_seat", None)  # from the session: None, the default seat
    if seat is None and _is_staff(request, login_id):
        return f"{STAFF_SCOPE}:{login_id}"
    if page == TRAINER_SIGN_IN:
        return None  # the trainer's sign-in locks staff accounts only
    scope = f"seat{seat.pk}" if seat is not None else DEFAULT_SCOPE
    return f"{scope}:{login_id}"


def sign_in_not_counted(request, credentials=None) -> bool:
    """AXES_WHITELIST_CALLABLE: a sign-in that counts toward no lock is blocked by none."""
    return sign_in_identity(request, credentials) is None


def shown_identity(identity: str) -> str:
    """The LogMeIn ID as people know it, without its scope."""
    match = IDENTITY.match(identity or "")
    return match.group(3) if match else identity or ""


def _counts_per_address(identity: str) -> bool:
    return (identity or "").startswith(f"{STAFF_SCOPE}:")


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
        identity = sign_in_identity(request_or_attempt, credentials) or ""
    if _counts_per_address(identity):
        return [["username", "ip_address"]]
    return ["username"]


@dataclass(frozen=True)
class Lockout:
    """A lock the trainer can see and clear: of one seat, one LogMeIn ID or User ID."""

    kind: str  # LOGMEIN or PORTAL
    identity: str  # the LogMeIn ID, or the portal User ID
    until: datetime.datetime
    seat: Seat
    ip_address: str = ""  # set when the lock holds for one address only (the trainer's)
    counted_as: str = ""  # django-axes' identity of a LogMeIn lock

    @property
    def key(self) -> str:
        """What the trainer's Clear button posts: the seat's lock and nobody else's."""
        key = f"{self.kind}:{self.seat.pk}:{self.identity}"
        return f"{key}:{self.ip_address}" if self.ip_address else key


def _seat_order(seat: Seat) -> tuple:
    """The default seat, then each class's seats by number, then the seats of no class
    (no query: the class is compared by id)."""
    if seat.is_default:
        return (0,)
    if seat.classroom_id:
        return (1, seat.classroom_id, seat.number)
    return (2, seat.pk)


def lockouts_active(*, seats=None, now: datetime.datetime | None = None) -> list[Lockout]:
    """Every LogMeIn ID and portal User ID locked now, in `seats` (every seat when None), by
    seat, the lock ending soonest first. A query per kind (failed sign-ins, portal logins,
    and the seats they belong to when `seats` is not given), never one per seat."""
    now = now or timezone.now()
    attempts = AccessAttempt.objects.filter(attempt_time__gte=now - get_cool_off())
    logins = PortalLogin._base_manager.filter(locked_until__gt=now).order_by()
    if seats is None:
        logins = logins.select_related("seat__classroom")
        known = None
    else:
        known = {seat.pk: seat for seat in seats}
        attempts = attempts.filter(_seat_identities(known.values()))
        logins = logins.filter(seat__in=list(known))
    by_seat = defaultdict(list)  # seat id -> its locked identities
    for locked in _locked(attempts):
        match = IDENTITY.match(locked.identity)
        if match is not None:
            by_seat[int(match.group(2)) if match.group(2) else DEFAULT_SCOPE].append(locked)
    if known is None:
        wanted = Q(pk__in=[key for key in by_seat if key != DEFAULT_SCOPE])
        if DEFAULT_SCOPE in by_seat:
            wanted |= Q(is_default=True)
        seats_found = Seat.objects.select_related("classroom").filter(wanted) if by_seat else []
        known = {seat.pk: seat for seat in seats_found}
    default = next((seat for seat in known.values() if seat.is_default), None)
    found = []
    for key, its_attempts in by_seat.items():
        seat = default if key == DEFAULT_SCOPE else known.get(key)
        if seat is not None:  # a seat deleted since: its rows went with it
            found += _logmein_lockouts(seat, its_attempts)
    for login in logins:
        seat = known.get(login.seat_id) or login.seat  # read with the login when not known
        found.append(Lockout(PORTAL, login.user_id, login.locked_until, seat))
    return sorted(
        found,
        key=lambda lock: (_seat_order(lock.seat), lock.until, lock.kind, lock.identity),
    )


def lockouts_active_by_seat(*, seats, now: datetime.datetime | None = None) -> dict:
    """Seat id -> the locks `lockouts_active` finds in that seat, for many seats at once
    (the class's board): two queries for the whole class, not two per seat."""
    found = defaultdict(list)
    for lockout in lockouts_active(seats=seats, now=now):
        found[lockout.seat.pk].append(lockout)
    return dict(found)


@dataclass(frozen=True)
class _Locked:
    identity: str  # as django-axes counts it: "seat12:ana.billing@acme.example"
    address: str  # the address it counts from, "" where every address counts together
    last_failure: datetime.datetime


def _locked(attempts) -> list[_Locked]:
    """The identities among `attempts` with AXES_FAILURE_LIMIT failures or more, summed by the
    database as django-axes counts them (a persona's from every address, the staff's per
    address): only locked identities are read, however many names visitors typed."""
    limit = settings.AXES_FAILURE_LIMIT
    staff = Q(username__startswith=f"{STAFF_SCOPE}:")
    summed = {"failures": Sum("failures_since_start"), "last": Max("attempt_time")}
    personas = (attempts.exclude(staff).order_by().values("username").annotate(**summed)).filter(
        failures__gte=limit
    )
    staff_members = (
        attempts.filter(staff).order_by().values("username", "ip_address").annotate(**summed)
    ).filter(failures__gte=limit)
    return [
        _Locked(row["username"], row.get("ip_address") or "", row["last"])
        for rows in (personas, staff_members)
        for row in rows
    ]


def _logmein_lockouts(seat: Seat, locked: list[_Locked]) -> list[Lockout]:
    """One seat's locked LogMeIn IDs, each until its last failure's cool-off ends."""
    cool_off = get_cool_off()
    return [
        Lockout(
            LOGMEIN,
            shown_identity(lock.identity),
            lock.last_failure + cool_off,
            seat,
            lock.address,
            counted_as=lock.identity,
        )
        for lock in locked
        if shown_identity(lock.identity)
    ]


@transaction.atomic
def lockout_clear(*, lockout: Lockout, actor: User) -> None:
    """Let a locked LogMeIn ID or User ID sign in again at once, in the lock's seat only,
    recorded in that seat's activity."""
    with seat_scope(lockout.seat):
        if lockout.kind == PORTAL:
            for login in PortalLogin.objects.select_related("account").filter(
                user_id=lockout.identity
            ):
                portal_lockout_clear(portal_login=login, actor=actor)
            return
        axes_reset(username=lockout.counted_as, ip=lockout.ip_address or None)
        person = User.objects.filter(email__iexact=lockout.identity).first()
        activity_record(
            actor=actor,
            account=person.account if person else None,
            action="sign_in_lockout_cleared",
            summary=f"Sign-in lockout of {lockout.identity} cleared",
            before={"locked_until": lockout.until.isoformat()},
            after={"locked_until": None},
        )


@transaction.atomic
def lockouts_clear_all(*, actor: User, seats=None) -> int:
    """Clear every lock of `seats` (of every seat when None); returns how many there were.
    Failures below the limit go too: nobody is one typo away from a lock after this."""
    lockouts = lockouts_active(seats=seats)
    for lockout in lockouts:
        lockout_clear(lockout=lockout, actor=actor)
    attempts = AccessAttempt.objects.all()
    logins = PortalLogin._base_manager.filter(failed_attempts__gt=0)
    if seats is not None:
        attempts = seat_attempts(seats)
        logins = logins.filter(seat__in=[seat.pk for seat in seats])
    attempts.delete()
    logins.update(failed_attempts=0)
    return len(lockouts)


def sign_in_locked_out(request, original_response=None, credentials=None):
    """A LogMeIn ID locked by django-axes (AXES_LOCKOUT_CALLABLE): a translated page that
    says which LogMeIn ID is locked, until when, and how to sign in sooner."""
    identity = sign_in_identity(request, credentials) or ""
    now = timezone.now()
    per_address = _counts_per_address(identity)
    attempts = AccessAttempt.objects.filter(
        username=identity, attempt_time__gte=now - get_cool_off()
    )
    if per_address:
        attempts = attempts.filter(ip_address=getattr(request, "axes_ip_address", None))
    last = max((attempt.attempt_time for attempt in attempts), default=None)
    until = last + get_cool_off() if last else now + get_cool_off()
    return render(
        request,
        "lockout.html",
        {
            "identity": shown_identity(identity),
            "until": until,
            "minutes_left": max(1, math.ceil((until - now).total_seconds() / 60)),
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "per_address": per_address,
        },
        status=429,
    )


class LockoutHandler(AxesDatabaseHandler):
    """django-axes's database handler (AXES_HANDLER), without its work on a good sign-in or a
    sign-out that changes nothing here.

    Axes cleans up expired attempts on every sign-in, sign-out and failure. Only at a failure
    does it matter: the failure is added to the identity's attempt, which must not carry an
    expired count; that clean-up stays. A lock is counted from attempts within the cool-off
    alone, so the other two were a query and an empty transaction each for nothing, at every
    trainee's sign-in and sign-out. With the access log off (AXES_DISABLE_ACCESS_LOG), a
    sign-out then has nothing left to do, and a good sign-in only forgets earlier typos
    (AXES_RESET_ON_SUCCESS), when this sign-in counted any."""

    def get_failures(self, request, credentials=None) -> int:
        failures = super().get_failures(request, credentials)
        counted = request.__dict__.setdefault("_sandbox_failures_counted", {})
        counted[sign_in_identity(request, credentials)] = failures
        return failures

    def user_logged_in(self, sender, request, user, **kwargs):
        if not settings.AXES_RESET_ON_SUCCESS:
            return
        credentials = get_credentials(user.get_username())
        counted = getattr(request, "_sandbox_failures_counted", {})
        if counted.get(sign_in_identity(request, credentials)) != 0:  # None: not counted here
            self.reset_user_attempts(request, credentials)

    def user_logged_out(self, sender, request, user, **kwargs):
        pass
