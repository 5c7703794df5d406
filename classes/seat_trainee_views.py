"""The trainer's hand on who sits where: free a seat (a junk name, a trainee gone) or rename
it, from the seat's page, and let a browser back into it or refuse it, from the board's row
or the seat's page. Thin views over `joining.py`, each behind
`board_views.SeatOfClassMixin` (the trainer's access, the class and the seat of the URL);
freeing asks first, as the board's other confirmations do (`board_views.BoardConfirmView`)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView, View

from core.mixins import ServiceFormMixin
from core.redirects import same_site_url

from .board_views import BoardConfirmView, SeatOfClassMixin, seat_page_url
from .forms import SeatRenameForm
from .joining import seat_free as seat_free_service
from .joining import seat_rejoin_answer
from .joining import seat_rename as seat_rename_service
from .services import NameTaken


class SeatFreeView(SeatOfClassMixin, BoardConfirmView):
    """Free a seat: its world reset, its name and board history gone, its browsers out. Asks
    first, as the board's other confirmations (`board_views.BoardConfirmView`: `page`, then
    `free`)."""

    post_steps = {None: "free"}
    testid = "seat-free-confirm"

    def title(self):
        return _("Free seat %(number)s") % {"number": self.seat.number}

    def text(self):
        return _(
            "The seat is reset to the sample data, its name and its outcomes leave the "
            "board, and every browser in it is back in the sandbox without a seat. The "
            "next trainee to join may get it."
        )

    def button(self):
        return _("Free seat %(number)s") % {"number": self.seat.number}

    def step_free(self):
        seat = self.seat
        seat_free_service(seat=seat, actor=self.request.user)
        messages.success(self.request, _("Seat %(number)s is free.") % {"number": seat.number})
        return redirect(seat_page_url(seat))


class SeatRenameView(SeatOfClassMixin, ServiceFormMixin, FormView):
    """Rename a seat; its trainee keeps it, with its work and its rejoin code."""

    template_name = "classes/seat_rename.html"
    form_class = SeatRenameForm
    http_method_names = ["get", "post"]
    refusals = (NameTaken,)  # "Seat 2 already has this name.", under the name
    refusal_field = "display_name"

    def get_initial(self):
        return {"display_name": self.seat.display_name}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            classroom=self.classroom, seat=self.seat, back_url=seat_page_url(self.seat), **kwargs
        )

    def service_call(self, form):
        seat = self.seat
        seat_rename_service(seat=seat, display_name=form.cleaned_data["display_name"])
        messages.success(
            self.request,
            _("Seat %(number)s is now %(name)s.")
            % {"number": seat.number, "name": seat.display_name},
        )
        return redirect(seat_page_url(seat))


class SeatRejoinAnswerView(SeatOfClassMixin, View):
    """Let in (`approve`) or refuse the browser asking for this seat (its trainee had no
    rejoin code at hand), then back where it was pressed (`next`: the board or the seat's
    page). `View`: a one-button POST with no page of its own."""

    http_method_names = ["post"]
    approve = False

    def post(self, request, code, number):
        if not seat_rejoin_answer(seat=self.seat, approve=self.approve):
            messages.info(request, _("Nobody asks to rejoin seat %(number)s.") % {"number": number})
        elif self.approve:
            messages.success(
                request,
                _("The browser that asked may now continue in seat %(number)s.")
                % {"number": number},
            )
        else:
            messages.success(
                request,
                _("The request to rejoin seat %(number)s was refused.") % {"number": number},
            )
        board = reverse("classes:board", kwargs={"code": self.classroom.code})
        return redirect(same_site_url(request, request.POST.get("next", ""), default=board))
