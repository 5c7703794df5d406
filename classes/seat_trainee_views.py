"""The trainer's hand on who sits where: free a seat (a junk name, a trainee gone) or rename
it, from the seat's page, and let a browser back into it or refuse it, from the board's row
or the seat's page. Thin views over `joining.py`; freeing asks first (GET: a confirmation
page, POST: done)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.redirects import same_site_url
from sandbox.views import trainer_only

from .board_views import class_seat_or_404, classroom_or_404, confirm_page, seat_page_url
from .forms import SeatRenameForm
from .joining import seat_free as seat_free_service
from .joining import seat_rejoin_answer
from .joining import seat_rename as seat_rename_service
from .services import NameTaken


@trainer_only
@require_http_methods(["GET", "POST"])
def seat_free(request, code, number):
    """Free a seat: its world reset, its name and board history gone, its browsers out."""
    classroom = classroom_or_404(code)
    seat = class_seat_or_404(classroom, number)
    if request.method == "POST":
        seat_free_service(seat=seat, actor=request.user)
        messages.success(request, _("Seat %(number)s is free.") % {"number": seat.number})
        return redirect(seat_page_url(seat))
    return confirm_page(
        request,
        classroom,
        seat=seat,
        title=_("Free seat %(number)s") % {"number": seat.number},
        text=_(
            "The seat is reset to the sample data, its name and its outcomes leave the board, "
            "and every browser in it is back in the sandbox without a seat. The next trainee "
            "to join may get it."
        ),
        button=_("Free seat %(number)s") % {"number": seat.number},
        testid="seat-free-confirm",
    )


@trainer_only
@require_http_methods(["GET", "POST"])
def seat_rename(request, code, number):
    """Rename a seat; its trainee keeps it, with its work and its rejoin code."""
    classroom = classroom_or_404(code)
    seat = class_seat_or_404(classroom, number)
    form = SeatRenameForm(request.POST or None, initial={"display_name": seat.display_name})
    if request.method == "POST" and form.is_valid():
        try:
            seat_rename_service(seat=seat, display_name=form.cleaned_data["display_name"])
        except NameTaken as taken:
            form.add_error(
                "display_name",
                _("Seat %(number)s already has this name.")
                % {"number": taken.seat.number if taken.seat else "?"},
            )
        else:
            messages.success(
                request,
                _("Seat %(number)s is now %(name)s.")
                % {"number": seat.number, "name": seat.display_name},
            )
            return redirect(seat_page_url(seat))
    return render(
        request,
        "classes/seat_rename.html",
        {"classroom": classroom, "seat": seat, "form": form, "back_url": seat_page_url(seat)},
    )


def _answer(request, code, number, *, approve: bool):
    """Let in or refuse, then back where it was pressed (`next`: the board or the seat's page)."""
    classroom = classroom_or_404(code)
    seat = class_seat_or_404(classroom, number)
    if not seat_rejoin_answer(seat=seat, approve=approve):
        messages.info(request, _("Nobody asks to rejoin seat %(number)s.") % {"number": number})
    elif approve:
        messages.success(
            request,
            _("The browser that asked may now continue in seat %(number)s.") % {"number": number},
        )
    else:
        messages.success(
            request, _("The request to rejoin seat %(number)s was refused.") % {"number": number}
        )
    board = reverse("classes:board", kwargs={"code": classroom.code})
    return redirect(same_site_url(request, request.POST.get("next", ""), default=board))


@trainer_only
@require_POST
def seat_rejoin_approve(request, code, number):
    """Let the browser asking for this seat in (its trainee had no rejoin code at hand)."""
    return _answer(request, code, number, approve=True)


@trainer_only
@require_POST
def seat_rejoin_refuse(request, code, number):
    return _answer(request, code, number, approve=False)
