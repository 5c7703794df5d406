"""The trainer's pages of a class: its live board, the board as CSV, and the trainer's
actions on it (reset a seat or the class, clear a seat's lockouts, end the class, set a
starting state). Each is a class-based view behind `sandbox.access.TrainerRequiredMixin`,
and each action a step of core.steps.StepsMixin over one service of `classes/services.py`,
`sandbox/lockouts.py` or `sandbox/states.py`; the destructive ones ask first
(`BoardConfirmView`: GET, the page that asks; POST, done)."""

import csv

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView, View

from accounts.decisions import Outcome
from core.public_url import absolute_url
from core.steps import StepsMixin
from sandbox.access import TrainerRequiredMixin
from sandbox.lockouts import lockouts_clear_all
from sandbox.states import STATES, UnknownState, class_state_apply, state_get
from seats.models import Classroom, Seat

from . import services
from .board import board_filter, class_board
from .board_picture import board_picture
from .export import board_csv_write
from .forms import BoardFilterForm

# The board reloads itself this often once the trainer turns it on (a meta refresh: no
# JavaScript). Off by default: a page that reloads by itself must be the reader's choice
# (WCAG 2.2.1, which axe checks on every page).
REFRESH_SECONDS = 10


def classroom_or_404(code: str, *, user) -> Classroom:
    """The class of a board URL among the classes `user` runs (`Classroom.objects.run_by`):
    another trainer's class is a 404, as an unknown code (classes need no seat scope: they
    hold seats)."""
    return get_object_or_404(Classroom.objects.run_by(user), code=code)


def class_seat_or_404(classroom: Classroom, number: int) -> Seat:
    """Seat `number` of that class: a seat of another class is a 404, never a leak."""
    seat = get_object_or_404(Seat, classroom=classroom, number=number)
    seat.classroom = classroom  # read already: its page's address needs the code
    return seat


def _query(request, **changes) -> str:
    """This page's query string with `changes` made (None removes a parameter)."""
    query = request.GET.copy()
    for name, value in changes.items():
        query.pop(name, None)
        if value is not None:
            query[name] = value
    return f"?{query.urlencode()}" if query else "?"


def _board_rows(request, classroom, now):
    filter_form = BoardFilterForm(request.GET or None)
    rows = class_board(classroom=classroom, now=now)
    return filter_form, rows, board_filter(rows, now=now, **filter_form.filters())


def seat_page_url(seat: Seat) -> str:
    """The page of one seat of a class: its facts and every form the trainer uses on it."""
    return reverse("classes:seat", kwargs={"code": seat.classroom.code, "number": seat.number})


class ClassroomMixin(TrainerRequiredMixin):
    """The trainer's pages of one class (`code` in the URL): its `classroom`, a 404 if none."""

    @cached_property
    def classroom(self) -> Classroom:
        return classroom_or_404(self.kwargs["code"], user=self.request.user)


class SeatOfClassMixin(ClassroomMixin):
    """The trainer's pages of one seat of a class (`number` in the URL): its `seat`, a 404
    for a number the class has not. Every view of a seat of a class derives from it (its
    page, its forms and actions: `seat_views.py`, `seat_trainee_views.py`, `clock_views.py`)."""

    @cached_property
    def seat(self) -> Seat:
        return class_seat_or_404(self.classroom, self.kwargs["number"])


class BoardView(ClassroomMixin, TemplateView):
    """The class's live board: a compact row per seat (its page holds the seat's forms), a
    column per outcome of the article's tables, the picture of the whole class, the trainer's
    filters and class-wide actions, and the join link to show the class. Times are in the
    class's time zone."""

    template_name = "classes/board.html"
    http_method_names = ["get"]

    def get(self, request, *args, **kwargs):
        with timezone.override(self.classroom.time_zone):
            return super().get(request, *args, **kwargs).render()

    def get_context_data(self, **kwargs):
        request, classroom = self.request, self.classroom
        now = timezone.now()
        filter_form, rows, shown = _board_rows(request, classroom, now)
        stuck_minutes = filter_form.filters().get("stuck_minutes")
        board_url = reverse("classes:board", kwargs={"code": classroom.code})
        join_path = reverse("classes:join", kwargs={"code": classroom.code})
        return super().get_context_data(
            classroom=classroom,
            rows=shown,
            picture=board_picture(rows, stuck_minutes=stuck_minutes, now=now),
            seat_count=len(rows),
            outcomes=list(Outcome),
            states=STATES,
            filter_form=filter_form,
            refreshing=request.GET.get("refresh") == "1",
            refresh_seconds=REFRESH_SECONDS,
            refresh_now_url=request.get_full_path(),
            refresh_on_url=board_url + _query(request, refresh="1"),
            refresh_off_url=board_url + _query(request, refresh=None),
            csv_url=reverse("classes:board-csv", kwargs={"code": classroom.code})
            + _query(request, refresh=None),
            join_url=absolute_url(request, join_path),
            join_card_url=reverse("classes:join-card", kwargs={"code": classroom.code}),
            **kwargs,
        )


class BoardCsvView(ClassroomMixin, View):
    """The board as a spreadsheet: the same columns and the same filters."""

    http_method_names = ["get"]

    def get(self, request, *args, **kwargs):
        classroom = self.classroom
        _filter_form, _rows, shown = _board_rows(request, classroom, timezone.now())
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="class-{classroom.code}.csv"'
        with timezone.override(classroom.time_zone):
            board_csv_write(shown, csv.writer(response))
        return response


def confirm_context(classroom, *, seat=None) -> dict:
    """What the page that asks before a board action shows beside its words: the class, the
    seat of a seat's action, and where its Cancel goes (the seat's page, else the board)."""
    return {"classroom": classroom, "seat": seat, "back_url": seat_page_url(seat) if seat else None}


class BoardConfirmView(ClassroomMixin, StepsMixin, TemplateView):
    """A board action that asks first, in two steps (core.steps.StepsMixin): `page` (GET),
    the confirmation page (`classes/confirm.html`: `title`, `text`, `button` and the
    button's `testid`), then the action (POST, the step the view names in `post_steps`,
    answered by its `step_<name>`: one service, its message, the way back)."""

    template_name = "classes/confirm.html"
    http_method_names = ["get", "post"]
    seat = None
    testid: str

    def title(self) -> str:
        raise NotImplementedError

    def text(self) -> str:
        raise NotImplementedError

    def button(self) -> str:
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **confirm_context(self.classroom, seat=self.seat),
            title=self.title(),
            text=self.text(),
            button=self.button(),
            testid=self.testid,
            **kwargs,
        )


class SeatResetView(SeatOfClassMixin, BoardConfirmView):
    """Reset one seat to the sample data (its trainee's sign-ins end; other seats untouched)."""

    post_steps = {None: "reset"}
    testid = "seat-reset-confirm"

    def title(self):
        return _("Reset seat %(number)s") % {"number": self.seat.number}

    def text(self):
        return _(
            "The seat's orders, mailbox, activity and lockouts go, and its trainee is signed "
            "out of every persona. The outcomes reached stay on the board. No other seat "
            "changes."
        )

    def button(self):
        return _("Reset seat %(number)s") % {"number": self.seat.number}

    def step_reset(self):
        seat = self.seat
        services.seat_reset(seat=seat, actor=self.request.user)
        messages.success(
            self.request,
            _("Seat %(number)s was reset to the sample data.") % {"number": seat.number},
        )
        return redirect(seat_page_url(seat))


class ClassResetView(BoardConfirmView):
    """Reset every seat of the class to the sample data."""

    post_steps = {None: "reset"}
    testid = "class-reset-confirm"

    def title(self):
        return _("Reset the whole class")

    def text(self):
        return _(
            "Every seat's orders, mailbox, activity and lockouts go, and every trainee is "
            "signed out of their persona. The trainees keep their seats, and the outcomes "
            "reached stay on the board."
        )

    def button(self):
        return _("Reset every seat")

    def step_reset(self):
        classroom = self.classroom
        services.class_reset(classroom=classroom, actor=self.request.user)
        messages.success(
            self.request,
            _("Every seat of %(class)s was reset to the sample data.") % {"class": classroom.name},
        )
        return redirect("classes:board", code=classroom.code)


class ClassEndView(BoardConfirmView):
    """End the class: its seats and everything done in them are deleted."""

    post_steps = {None: "end"}
    testid = "class-end-confirm"

    def title(self):
        return _("End the class")

    def text(self):
        return _(
            "Its seats are deleted with everything done in them, and the board with them. "
            "The trainees' browsers are back in the sandbox without a seat. This cannot be "
            "undone."
        )

    def button(self):
        return _("End the class")

    def step_end(self):
        name = self.classroom.name
        services.class_end(classroom=self.classroom)
        messages.success(self.request, _("The class %(class)s ended.") % {"class": name})
        return redirect("classes:list")


class SeatLockoutsClearView(SeatOfClassMixin, StepsMixin, View):
    """Clear every sign-in lock of one seat (and its failed attempts), at once: one POST
    step (core.steps.StepsMixin), `clear`."""

    http_method_names = ["post"]
    get_steps = {}
    post_steps = {None: "clear"}

    def step_clear(self):
        seat = self.seat
        count = lockouts_clear_all(actor=self.request.user, seats=[seat])
        messages.success(
            self.request,
            ngettext(
                "%(count)d lock cleared in seat %(number)s.",
                "%(count)d locks cleared in seat %(number)s.",
                count,
            )
            % {"count": count, "number": seat.number},
        )
        return redirect(seat_page_url(seat))


class ClassStateView(ClassroomMixin, StepsMixin, View):
    """Set every seat of the class to one starting state (`sandbox.states`): one POST step
    (core.steps.StepsMixin), `apply`; a state the sandbox does not have is told on the board
    (`refusal_url`) and changes nothing."""

    http_method_names = ["post"]
    get_steps = {}
    post_steps = {None: "apply"}

    def get_refusal_url(self):
        return reverse("classes:board", kwargs={"code": self.classroom.code})

    def step_apply(self):
        classroom = self.classroom
        try:
            state = state_get(self.request.POST.get("state", ""))
        except UnknownState:
            raise ValidationError(_("Choose a starting state.")) from None
        count = class_state_apply(
            seats=classroom.seats.all(), name=state.name, actor=self.request.user
        )
        messages.success(
            self.request,
            ngettext(
                "%(count)d seat is set to “%(state)s”.",
                "%(count)d seats are set to “%(state)s”.",
                count,
            )
            % {"count": count, "state": state.title},
        )
        return redirect(self.get_refusal_url())
