"""The trainer's class pages (the list, the form that creates a class, the join card) and the
trainee's side: resetting or leaving their seat (joining is `join_views.py`'s).

The live board of a class is `board.py`'s. Writes are `services.py`'s; which seat a browser is
in is `seats.middleware`'s.
"""

from django.contrib import messages
from django.contrib.auth.mixins import UserPassesTestMixin
from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, TemplateView, View

from core.mixins import ServiceFormMixin
from core.redirects import same_site_url
from sandbox.access import TrainerRequiredMixin
from sandbox.worlds import seat_reset
from seats.middleware import seat_enter, seat_leave
from seats.models import Classroom, Seat

from .forms import ClassroomForm
from .join_card import join_url, qr_svg
from .services import class_create

# The trainer's class list shows this many classes a page, newest first: with hundreds of
# classes on one database, the page costs the same as with one.
CLASSES_PER_PAGE = 25


class ClassListView(TrainerRequiredMixin, ServiceFormMixin, FormView):
    """Trainers only: the trainer's classes (a lead's: every class), newest first,
    CLASSES_PER_PAGE a page, and the form that creates one (then its board)."""

    template_name = "classes/list.html"
    form_class = ClassroomForm
    http_method_names = ["get", "post"]

    def get_context_data(self, **kwargs):
        classrooms = (
            Classroom.objects.run_by(self.request.user)
            .order_by("-created_at", "-id")
            .annotate(seats_total=_seat_count(Q()), seats_taken=_seat_count(~Q(display_name="")))
        )
        page = Paginator(classrooms, CLASSES_PER_PAGE).get_page(self.request.GET.get("page"))
        return super().get_context_data(
            classrooms=page.object_list,
            page_obj=page,
            paginator=page.paginator,
            is_paginated=page.has_other_pages(),
            **kwargs,
        )

    def service_call(self, form):
        classroom = class_create(
            name=form.cleaned_data["name"],
            seat_count=form.cleaned_data["seat_count"],
            language=form.cleaned_data["language"],
            time_zone=form.cleaned_data["time_zone"] or None,
            owner=self.request.user,
        )
        messages.success(
            self.request,
            _("The class %(name)s is ready: join code %(code)s.")
            % {"name": classroom.name, "code": classroom.code},
        )
        return redirect("classes:board", code=classroom.code)


def _seat_count(condition: Q) -> Coalesce:
    """How many seats of the row's class meet `condition`: a subquery per class shown, read
    through the seats' class index, where a join with GROUP BY would read every seat of every
    class (and the page's count of classes would too)."""
    seats = Seat.objects.filter(condition, classroom=OuterRef("pk")).order_by().values("classroom")
    return Coalesce(Subquery(seats.annotate(count=Count("pk")).values("count")), 0)


class JoinCardView(TrainerRequiredMixin, DetailView):
    """Trainers only: the class's join link as text and as a QR code, to project or print."""

    model = Classroom
    slug_field = slug_url_kwarg = "code"
    template_name = "classes/join_card.html"

    def get_queryset(self):
        return Classroom.objects.run_by(self.request.user)

    def get_context_data(self, **kwargs):
        classroom = self.object
        url = join_url(self.request, classroom)
        label = _("QR code of the join link of %(name)s") % {"name": classroom.name}
        return super().get_context_data(join_url=url, qr=qr_svg(url, label=label), **kwargs)


class InSeatRequiredMixin(UserPassesTestMixin):
    """A trainee's own seat: a browser in no seat is told there is none, and goes home."""

    def test_func(self) -> bool:
        return self.request.joined_seat is not None

    def handle_no_permission(self):
        no_seat_said(self.request)
        return redirect("sandbox:home")


def no_seat_said(request) -> None:
    messages.info(request, _("This browser is in no seat: there is no seat of yours here."))


class MySeatResetView(InSeatRequiredMixin, TemplateView):
    """A trainee's "Reset my seat": confirm (GET), then restore this seat's world to the sample
    data (POST). No other seat, and no other seat's sessions, are touched; the browser stays in
    the seat, signed out (the seat's people were made anew)."""

    template_name = "classes/my_seat_reset.html"
    http_method_names = ["get", "post"]

    def get_context_data(self, **kwargs):
        return super().get_context_data(seat=self.request.joined_seat, **kwargs)

    def post(self, request):
        seat = request.joined_seat
        seat_reset(seat=seat, actor=request.user if request.user.is_authenticated else None)
        seat_enter(request, seat)
        messages.success(request, _("Your seat was reset to the sample data."))
        return redirect("sandbox:home")


class MySeatLeaveView(View):
    """A trainee leaves their seat: back in the default seat, signed out, then on `next` (the
    trainer's sign-in sends its own address) or the home page. The seat keeps its name and its
    work; the same name in this browser (or its rejoin code) gives it back. `View`: a
    one-button POST with no page of its own."""

    http_method_names = ["post"]

    def post(self, request):
        if request.joined_seat is None:
            no_seat_said(request)
        else:
            seat_leave(request)
            messages.success(request, _("You left your seat. This browser is in the default seat."))
        return redirect(
            same_site_url(request, request.POST.get("next", ""), default=reverse("sandbox:home"))
        )
