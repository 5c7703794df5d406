"""The trainer's class pages (the list, the form that creates a class, the join card) and the
trainee's side: resetting or leaving their seat (joining is `join_views.py`'s).

The live board of a class is `board.py`'s. Writes are `sandbox.classroom`'s services; which
seat a browser is in is `seats.middleware`'s.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.redirects import same_site_url
from sandbox.classroom import class_create, seat_reset
from sandbox.views import trainer_only
from seats.middleware import seat_enter, seat_leave
from seats.models import Classroom, Seat

from .forms import ClassroomForm
from .join_card import join_url, qr_svg

# The trainer's class list shows this many classes a page, newest first: with hundreds of
# classes on one database, the page costs the same as with one.
CLASSES_PER_PAGE = 25


@trainer_only
@require_http_methods(["GET", "POST"])
def class_list(request):
    """Trainers only: the classes, newest first, CLASSES_PER_PAGE a page, and the form that
    creates one (then its board)."""
    form = ClassroomForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        classroom = class_create(
            name=form.cleaned_data["name"],
            seat_count=form.cleaned_data["seat_count"],
            language=form.cleaned_data["language"],
            time_zone=form.cleaned_data["time_zone"] or None,
        )
        messages.success(
            request,
            _("The class %(name)s is ready: join code %(code)s.")
            % {"name": classroom.name, "code": classroom.code},
        )
        return redirect("classes:board", code=classroom.code)
    classrooms = Classroom.objects.order_by("-created_at", "-id").annotate(
        seats_total=_seat_count(Q()), seats_taken=_seat_count(~Q(display_name=""))
    )
    page = Paginator(classrooms, CLASSES_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "classes/list.html",
        {
            "form": form,
            "classrooms": page.object_list,
            "page_obj": page,
            "paginator": page.paginator,
            "is_paginated": page.has_other_pages(),
        },
    )


def _seat_count(condition: Q) -> Coalesce:
    """How many seats of the row's class meet `condition`: a subquery per class shown, read
    through the seats' class index, where a join with GROUP BY would read every seat of every
    class (and the page's count of classes would too)."""
    seats = Seat.objects.filter(condition, classroom=OuterRef("pk")).order_by().values("classroom")
    return Coalesce(Subquery(seats.annotate(count=Count("pk")).values("count")), 0)


@trainer_only
def join_card(request, code):
    """Trainers only: the class's join link as text and as a QR code, to project or print."""
    classroom = get_object_or_404(Classroom, code=code)
    url = join_url(request, classroom)
    label = _("QR code of the join link of %(name)s") % {"name": classroom.name}
    return render(
        request,
        "classes/join_card.html",
        {"classroom": classroom, "join_url": url, "qr": qr_svg(url, label=label)},
    )


def _joined_seat_or_home(request) -> Seat | None:
    seat = request.joined_seat
    if seat is None:
        messages.info(request, _("This browser is in no seat: there is no seat of yours here."))
    return seat


@require_http_methods(["GET", "POST"])
def my_seat_reset(request):
    """A trainee's "Reset my seat": confirm (GET), then restore this seat's world to the sample
    data (POST). No other seat, and no other seat's sessions, are touched; the browser stays in
    the seat, signed out (the seat's people were made anew)."""
    seat = _joined_seat_or_home(request)
    if seat is None:
        return redirect("sandbox:home")
    if request.method == "POST":
        seat_reset(seat=seat, actor=request.user if request.user.is_authenticated else None)
        seat_enter(request, seat)
        messages.success(request, _("Your seat was reset to the sample data."))
        return redirect("sandbox:home")
    return render(request, "classes/my_seat_reset.html", {"seat": seat})


@require_POST
def my_seat_leave(request):
    """A trainee leaves their seat: back in the default seat, signed out, then on `next` (the
    trainer's sign-in sends its own address) or the home page. The seat keeps its name and its
    work; the same name in this browser (or its rejoin code) gives it back."""
    if _joined_seat_or_home(request) is not None:
        seat_leave(request)
        messages.success(request, _("You left your seat. This browser is in the default seat."))
    return redirect(
        same_site_url(request, request.POST.get("next", ""), default=reverse("sandbox:home"))
    )
