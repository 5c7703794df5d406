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

from functools import cached_property

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import FormView, TemplateView

from core.mixins import ServiceFormMixin
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


class JoinCodeMixin:
    """The class of a join URL (`self.classroom`), wrong codes counted per address: an
    address past the limit is answered 429 for every code, right or wrong, until its window
    ends. The trainer is never counted. Decided before anything else, as an access mixin is."""

    def dispatch(self, request, *args, code, **kwargs):
        counted = not is_trainer(request.user)
        address = client_address(request)
        retry_after = JOIN_CODE_MISSES.retry_after(address) if counted else 0
        if retry_after:
            return _wait(request, retry_after)
        self.classroom = Classroom.objects.filter(code=code.upper()).first()
        if self.classroom is None:
            if counted:
                JOIN_CODE_MISSES.miss(address)
            raise Http404
        return super().dispatch(request, *args, **kwargs)  # the code is `self.classroom`


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


class JoinView(JoinCodeMixin, ServiceFormMixin, FormView):
    """A trainee's way into a class: a new name takes the next free seat; a taken one asks
    "Is this you?", unless this browser took that seat. A browser already in one of this
    class's seats is shown its seat; the trainer sees a preview (a POST of theirs takes no
    seat: the page again)."""

    template_name = "classes/join.html"
    form_class = JoinForm
    http_method_names = ["get", "post"]
    # A class full: its words on the form. A name taken is no refusal: "Is this you?".
    refusals = (ValidationError, ClassFull)

    @cached_property
    def preview(self) -> bool:
        return is_trainer(self.request.user)

    def post(self, request, *args, **kwargs):
        if self.preview:
            return self.render_to_response(self.get_context_data())
        return super().post(request, *args, **kwargs)

    def service_call(self, form):
        request, classroom = self.request, self.classroom
        name = form.cleaned_data["display_name"]
        claims = claims_read(request)
        try:
            seat = seat_join(classroom=classroom, display_name=name, device=claims.device)
        except NameTaken as taken:
            if taken.seat is not None and claims.hold(taken.seat):
                elsewhere = seat_rejoin(seat=taken.seat, device=claims.device)
                return _enter(request, classroom, taken.seat, elsewhere=elsewhere)
            return _taken(request, classroom, name)
        return _enter(request, classroom, seat, elsewhere=False)

    def get_context_data(self, **kwargs):
        request, classroom = self.request, self.classroom
        seated = request.joined_seat
        return super().get_context_data(
            classroom=classroom,
            preview=self.preview,
            someone_else=request.GET.get("someone-else") == "1",
            switching="" if self.preview else _switching(request, classroom),
            own_seat=seated if seated and seated.classroom_id == classroom.pk else None,
            class_home=_class_home(classroom),
            **kwargs,
        )


class JoinRejoinView(JoinCodeMixin, FormView):
    """ "Yes, this is me": the seat back with its rejoin code. Wrong codes are counted per
    address and per seat. A form of the "Is this you?" page (`_taken`), no page of its own."""

    form_class = RejoinForm
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        if is_trainer(request.user):
            return redirect("classes:join", code=self.classroom.code)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        if "display_name" not in form.errors:
            name = form.cleaned_data["display_name"]
            return _taken(self.request, self.classroom, name, rejoin_form=form)
        return redirect("classes:join", code=self.classroom.code)

    def form_valid(self, form):
        request, classroom = self.request, self.classroom
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


class JoinAskView(JoinCodeMixin, FormView):
    """ "Ask my trainer to let me in": a request on the board, with a code this browser shows.
    A form of the "Is this you?" page, no page of its own."""

    form_class = RejoinAskForm
    http_method_names = ["post"]

    def form_invalid(self, form):
        return redirect("classes:join", code=self.classroom.code)

    def form_valid(self, form):
        request, classroom = self.request, self.classroom
        seat = _seat_named(classroom, form.cleaned_data["display_name"])
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


class JoinWaitingView(JoinCodeMixin, TemplateView):
    """Waiting for the trainer (GET: the request's code; POST "Continue": in, once let in).
    A browser that asked nothing goes to the join page."""

    template_name = "classes/join_waiting.html"
    http_method_names = ["get", "post"]

    @cached_property
    def asked(self) -> dict:
        return self.request.session.get(REQUEST_SESSION_KEY) or {}

    @cached_property
    def seat(self) -> Seat | None:
        return Seat.objects.filter(classroom=self.classroom, pk=self.asked.get("seat")).first()

    def get(self, request, *args, **kwargs):
        if self.seat is None:
            return redirect("classes:join", code=self.classroom.code)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        code = self.asked.get("code", "")
        return super().get_context_data(
            classroom=self.classroom,
            seat=self.seat,
            code=code,
            pending=self.seat.rejoin_request == code,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        seat, classroom = self.seat, self.classroom
        if seat is None:
            return redirect("classes:join", code=classroom.code)
        code = self.asked.get("code", "")
        if rejoin_approved(seat, code):
            del request.session[REQUEST_SESSION_KEY]
            elsewhere = seat_rejoin(seat=seat, device=claims_read(request).device)
            return _enter(request, classroom, seat, elsewhere=elsewhere)
        if seat.rejoin_request == code:
            messages.info(request, _("Your trainer has not let you in yet."))
        else:
            messages.error(request, _("Your trainer did not let this browser in."))
        return redirect("classes:join-waiting", code=classroom.code)
