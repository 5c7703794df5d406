"""A trainee's way into a class, and back into their own seat.

A new name takes the next free seat (`services.seat_join`). A name already taken
asks "Is this you?": the seat comes back only to the browser that took it (its cookie,
`seats.claims`), to one that types the seat's rejoin code (shown in that seat's header), or to
one the trainer lets in from the board; anyone else types a name that tells them apart.

Join codes and rejoin codes are secrets a visitor could guess: wrong ones are counted per
address in the shared cache (`core.throttle`), and past the limit the address waits (429).
Right codes are never counted, so a whole class behind one office address joins freely.
The trainer who opens a join link sees the page as a preview and takes no seat.
"""

from functools import wraps

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from core.throttle import MissLimit, client_address
from sandbox.trainers import is_trainer
from seats.claims import claims_read, claims_write
from seats.middleware import seat_enter
from seats.models import Classroom, Seat
from seats.names import name_key

from .forms import JoinForm, RejoinAskForm, RejoinForm
from .joining import (
    rejoin_approved,
    rejoin_code_matches,
    seat_rejoin,
    seat_rejoin_ask,
)
from .services import ClassFull, NameTaken, seat_join

# Ten minutes to a window. A join code has 31^6 (about 900 million) values: 100 wrong ones per
# window and address leave a guesser nowhere (some 6,000 years to try half of them), and a
# class behind one office address room for every trainee's typos. Over the limit, right codes
# wait too (a right code answered then would tell a guesser it is right).
JOIN_CODE_MISSES = MissLimit("join-code", limit=100, window=600)
# A rejoin code is counted per address and per seat (guessers from many addresses).
REJOIN_CODE_MISSES = MissLimit("rejoin-code", limit=10, window=600)
REJOIN_SEAT_MISSES = MissLimit("rejoin-seat", limit=10, window=600)
# Asking the trainer: a request replaces the last, so a stranger's requests are limited too.
REJOIN_ASKS = MissLimit("rejoin-ask", limit=10, window=600)
REQUEST_SESSION_KEY = "rejoin_request"


def _wait(request, retry_after: int, *, status: int = 429):
    minutes = max(1, round(retry_after / 60))
    response = render(
        request,
        "classes/join_throttled.html",
        {
            "minutes_text": ngettext(
                "Too many wrong codes from this network. Try again in %(minutes)d minute.",
                "Too many wrong codes from this network. Try again in %(minutes)d minutes.",
                minutes,
            )
            % {"minutes": minutes}
        },
        status=status,
    )
    response["Retry-After"] = str(retry_after)
    return response


def join_code_checked(view):
    """The class of a join URL, wrong codes counted per address: an address past the limit
    is answered 429 for every code, right or wrong, until its window ends. The trainer is
    never counted."""

    @wraps(view)
    def wrapper(request, code, *args, **kwargs):
        counted = not is_trainer(request.user)
        address = client_address(request)
        retry_after = JOIN_CODE_MISSES.retry_after(address) if counted else 0
        if retry_after:
            return _wait(request, retry_after)
        classroom = Classroom.objects.filter(code=code.upper()).first()
        if classroom is None:
            if counted:
                JOIN_CODE_MISSES.miss(address)
            raise Http404
        return view(request, classroom, *args, **kwargs)

    return wrapper


def _class_home(classroom: Classroom) -> str:
    """Where a trainee starts: the sandbox's home page, in the class's language."""
    with translation.override(classroom.language):
        return reverse("sandbox:home")


def _enter(request, classroom: Classroom, seat: Seat, *, elsewhere: bool):
    """Into the seat, this browser's cookie keeping it, on to the class's home page."""
    claims = claims_read(request)
    seat_enter(request, seat)
    claims.add(seat)
    with translation.override(classroom.language):  # the language of the next page
        welcome = _("Welcome, %(name)s: you are in %(seat)s.")
        messages.success(request, welcome % {"name": seat.display_name, "seat": seat})
        if elsewhere:
            messages.warning(
                request,
                _(
                    "Your seat is also in use on another device, active in the last minutes: "
                    "both work in the same seat, and your trainer sees it on the board."
                ),
            )
    response = redirect(_class_home(classroom))
    claims_write(response, claims)
    return response


def _switching(request, classroom: Classroom) -> str:
    """What taking a seat here would end for this browser, said before it does."""
    seated = request.joined_seat
    if seated is not None and seated.classroom_id != classroom.pk:
        return _("This browser is in %(seat)s: taking a seat here takes it out of that one.") % {
            "seat": seated
        }
    if request.user.is_authenticated:
        return _("You are signed in as %(email)s: taking a seat signs you out.") % {
            "email": request.user.email
        }
    return ""


def _taken(request, classroom, name, *, rejoin_form=None, status=200):
    """ "Is this you?": the seat of `name` is someone's (shown as the board shows it)."""
    seat = _seat_named(classroom, name)
    return render(
        request,
        "classes/join_taken.html",
        {
            "classroom": classroom,
            "name": seat.display_name if seat else name,
            "rejoin_form": rejoin_form or RejoinForm(initial={"display_name": name}),
            "ask_form": RejoinAskForm(initial={"display_name": name}),
        },
        status=status,
    )


def _seat_named(classroom: Classroom, name: str) -> Seat | None:
    return Seat.objects.filter(classroom=classroom, name_key=name_key(name)).first()


@join_code_checked
@require_http_methods(["GET", "POST"])
def join(request, classroom):
    """A trainee's way into a class: a new name takes the next free seat; a taken one asks
    "Is this you?", unless this browser took that seat. A browser already in one of this
    class's seats is shown its seat; the trainer sees a preview."""
    preview = is_trainer(request.user)
    seated = request.joined_seat
    form = JoinForm(request.POST or None)
    if request.method == "POST" and not preview and form.is_valid():
        name = form.cleaned_data["display_name"]
        claims = claims_read(request)
        try:
            seat = seat_join(classroom=classroom, display_name=name, device=claims.device)
        except ClassFull:
            form.add_error(
                None,
                _(
                    "Every seat of this class is taken. Ask your trainer for a seat, or type "
                    "the name you joined with if you already have one."
                ),
            )
        except NameTaken as taken:
            if taken.seat is not None and claims.hold(taken.seat):
                elsewhere = seat_rejoin(seat=taken.seat, device=claims.device)
                return _enter(request, classroom, taken.seat, elsewhere=elsewhere)
            return _taken(request, classroom, name)
        else:
            return _enter(request, classroom, seat, elsewhere=False)
    return render(
        request,
        "classes/join.html",
        {
            "classroom": classroom,
            "form": form,
            "preview": preview,
            "someone_else": request.GET.get("someone-else") == "1",
            "switching": "" if preview else _switching(request, classroom),
            "own_seat": seated if seated and seated.classroom_id == classroom.pk else None,
            "class_home": _class_home(classroom),
        },
    )


@join_code_checked
@require_POST
def join_rejoin(request, classroom):
    """ "Yes, this is me": the seat back with its rejoin code. Wrong codes are counted per
    address and per seat."""
    form = RejoinForm(request.POST)
    if is_trainer(request.user) or not form.is_valid():
        if "display_name" not in form.errors and not is_trainer(request.user):
            return _taken(request, classroom, form.cleaned_data["display_name"], rejoin_form=form)
        return redirect("classes:join", code=classroom.code)
    name = form.cleaned_data["display_name"]
    seat = _seat_named(classroom, name)
    if seat is None:  # freed since: the name is anyone's again
        return redirect("classes:join", code=classroom.code)
    address, per_seat = client_address(request), f"seat{seat.pk}"
    retry_after = max(
        REJOIN_CODE_MISSES.retry_after(address), REJOIN_SEAT_MISSES.retry_after(per_seat)
    )
    if retry_after:
        return _wait(request, retry_after)
    if not rejoin_code_matches(seat, form.cleaned_data["rejoin_code"]):
        REJOIN_CODE_MISSES.miss(address)
        REJOIN_SEAT_MISSES.miss(per_seat)
        form.add_error("rejoin_code", _("This is not the rejoin code of that seat."))
        return _taken(request, classroom, name, rejoin_form=form)
    elsewhere = seat_rejoin(seat=seat, device=claims_read(request).device)
    return _enter(request, classroom, seat, elsewhere=elsewhere)


@join_code_checked
@require_POST
def join_ask(request, classroom):
    """ "Ask my trainer to let me in": a request on the board, with a code this browser shows."""
    form = RejoinAskForm(request.POST)
    seat = _seat_named(classroom, form.cleaned_data["display_name"]) if form.is_valid() else None
    if seat is None or is_trainer(request.user):
        return redirect("classes:join", code=classroom.code)
    address = client_address(request)
    retry_after = REJOIN_ASKS.retry_after(address)
    if retry_after:
        return _wait(request, retry_after)
    REJOIN_ASKS.miss(address)
    code = seat_rejoin_ask(seat=seat)
    request.session[REQUEST_SESSION_KEY] = {"seat": seat.pk, "code": code}
    return redirect("classes:join-waiting", code=classroom.code)


@join_code_checked
@require_http_methods(["GET", "POST"])
def join_waiting(request, classroom):
    """Waiting for the trainer (GET: the request's code; POST "Continue": in, once let in)."""
    asked = request.session.get(REQUEST_SESSION_KEY) or {}
    seat = Seat.objects.filter(classroom=classroom, pk=asked.get("seat")).first()
    if seat is None:
        return redirect("classes:join", code=classroom.code)
    code = asked.get("code", "")
    if request.method == "POST":
        if rejoin_approved(seat, code):
            del request.session[REQUEST_SESSION_KEY]
            elsewhere = seat_rejoin(seat=seat, device=claims_read(request).device)
            return _enter(request, classroom, seat, elsewhere=elsewhere)
        if seat.rejoin_request == code:
            messages.info(request, _("Your trainer has not let you in yet."))
        else:
            messages.error(request, _("Your trainer did not let this browser in."))
        return redirect("classes:join-waiting", code=classroom.code)
    return render(
        request,
        "classes/join_waiting.html",
        {
            "classroom": classroom,
            "seat": seat,
            "code": code,
            "pending": seat.rejoin_request == code,
        },
    )
