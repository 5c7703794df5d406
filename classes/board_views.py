"""The trainer's pages of a class: its live board, the board as CSV, and the trainer's
actions on it (reset a seat or the class, clear a seat's lockouts, end the class). Each
action is a thin view over a service of `classes/services.py` or `sandbox/lockouts.py`; the
destructive ones ask first (GET: a confirmation page, POST: done)."""

import csv

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.decisions import Outcome
from core.public_url import absolute_url
from sandbox.lockouts import lockouts_clear_all
from sandbox.states import STATES, UnknownState, class_state_apply, state_get
from sandbox.views import trainer_only
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


def classroom_or_404(code: str) -> Classroom:
    """The class of a board URL (classes need no seat scope: they hold seats)."""
    return get_object_or_404(Classroom, code=code)


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


@trainer_only
@require_GET
def board(request, code):
    """The class's live board: a compact row per seat (its page holds the seat's forms), a
    column per outcome of the article's tables, the picture of the whole class, the trainer's
    filters and class-wide actions, and the join link to show the class. Times are in the
    class's time zone."""
    classroom = classroom_or_404(code)
    now = timezone.now()
    filter_form, rows, shown = _board_rows(request, classroom, now)
    picture = board_picture(rows, stuck_minutes=filter_form.filters().get("stuck_minutes"), now=now)
    board_url = reverse("classes:board", kwargs={"code": classroom.code})
    join_path = reverse("classes:join", kwargs={"code": classroom.code})
    with timezone.override(classroom.time_zone):
        return render(
            request,
            "classes/board.html",
            {
                "classroom": classroom,
                "rows": shown,
                "picture": picture,
                "seat_count": len(rows),
                "outcomes": list(Outcome),
                "states": STATES,
                "filter_form": filter_form,
                "refreshing": request.GET.get("refresh") == "1",
                "refresh_seconds": REFRESH_SECONDS,
                "refresh_now_url": request.get_full_path(),
                "refresh_on_url": board_url + _query(request, refresh="1"),
                "refresh_off_url": board_url + _query(request, refresh=None),
                "csv_url": reverse("classes:board-csv", kwargs={"code": classroom.code})
                + _query(request, refresh=None),
                "join_url": absolute_url(request, join_path),
                "join_card_url": reverse("classes:join-card", kwargs={"code": classroom.code}),
            },
        )


@trainer_only
@require_GET
def board_csv(request, code):
    """The board as a spreadsheet: the same columns and the same filters."""
    classroom = classroom_or_404(code)
    _filter_form, _rows, shown = _board_rows(request, classroom, timezone.now())
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="class-{classroom.code}.csv"'
    with timezone.override(classroom.time_zone):
        board_csv_write(shown, csv.writer(response))
    return response


def confirm_page(request, classroom, *, title, text, button, testid, seat=None):
    """The page that asks before a board action (GET), its button POSTing to the same URL;
    its Cancel goes back to the seat's page for a seat's action, else to the board."""
    return render(
        request,
        "classes/confirm.html",
        {
            "classroom": classroom,
            "seat": seat,
            "back_url": seat_page_url(seat) if seat else None,
            "title": title,
            "text": text,
            "button": button,
            "testid": testid,
        },
    )


@trainer_only
@require_http_methods(["GET", "POST"])
def seat_reset(request, code, number):
    """Reset one seat to the sample data (its trainee's sign-ins end; other seats untouched)."""
    classroom = classroom_or_404(code)
    seat = class_seat_or_404(classroom, number)
    if request.method == "POST":
        services.seat_reset(seat=seat, actor=request.user)
        messages.success(
            request, _("Seat %(number)s was reset to the sample data.") % {"number": seat.number}
        )
        return redirect(seat_page_url(seat))
    return confirm_page(
        request,
        classroom,
        seat=seat,
        title=_("Reset seat %(number)s") % {"number": seat.number},
        text=_(
            "The seat's orders, mailbox, activity and lockouts go, and its trainee is signed "
            "out of every persona. The outcomes reached stay on the board. No other seat "
            "changes."
        ),
        button=_("Reset seat %(number)s") % {"number": seat.number},
        testid="seat-reset-confirm",
    )


@trainer_only
@require_http_methods(["GET", "POST"])
def class_reset(request, code):
    """Reset every seat of the class to the sample data."""
    classroom = classroom_or_404(code)
    if request.method == "POST":
        services.class_reset(classroom=classroom, actor=request.user)
        messages.success(
            request,
            _("Every seat of %(class)s was reset to the sample data.") % {"class": classroom.name},
        )
        return redirect("classes:board", code=classroom.code)
    return confirm_page(
        request,
        classroom,
        title=_("Reset the whole class"),
        text=_(
            "Every seat's orders, mailbox, activity and lockouts go, and every trainee is "
            "signed out of their persona. The trainees keep their seats, and the outcomes "
            "reached stay on the board."
        ),
        button=_("Reset every seat"),
        testid="class-reset-confirm",
    )


@trainer_only
@require_http_methods(["GET", "POST"])
def class_end(request, code):
    """End the class: its seats and everything done in them are deleted."""
    classroom = classroom_or_404(code)
    if request.method == "POST":
        name = classroom.name
        services.class_end(classroom=classroom)
        messages.success(request, _("The class %(class)s ended.") % {"class": name})
        return redirect("classes:list")
    return confirm_page(
        request,
        classroom,
        title=_("End the class"),
        text=_(
            "Its seats are deleted with everything done in them, and the board with them. "
            "The trainees' browsers are back in the sandbox without a seat. This cannot be "
            "undone."
        ),
        button=_("End the class"),
        testid="class-end-confirm",
    )


@trainer_only
@require_POST
def seat_lockouts_clear(request, code, number):
    """Clear every sign-in lock of one seat (and its failed attempts), at once."""
    classroom = classroom_or_404(code)
    seat = class_seat_or_404(classroom, number)
    count = lockouts_clear_all(actor=request.user, seats=[seat])
    messages.success(
        request,
        ngettext(
            "%(count)d lock cleared in seat %(number)s.",
            "%(count)d locks cleared in seat %(number)s.",
            count,
        )
        % {"count": count, "number": seat.number},
    )
    return redirect(seat_page_url(seat))


@trainer_only
@require_POST
def class_state(request, code):
    """Set every seat of the class to one starting state (`sandbox.states`)."""
    classroom = classroom_or_404(code)
    try:
        state = state_get(request.POST.get("state", ""))
    except UnknownState:
        messages.error(request, _("Choose a starting state."))
    else:
        count = class_state_apply(seats=classroom.seats.all(), name=state.name, actor=request.user)
        messages.success(
            request,
            ngettext(
                "%(count)d seat is set to “%(state)s”.",
                "%(count)d seats are set to “%(state)s”.",
                count,
            )
            % {"count": count, "state": state.title},
        )
    return redirect("classes:board", code=classroom.code)
