"""The exercise pages: the list, one exercise (played, then answered and checked), the
self-paced course that walks them in order, and the trainer's release of one to a class.

Thin views: which exercises a seat sees is `selectors.py`, the answer is `answers.py` (asked
of the decision tables), the writes are `services.py`. Everything works without JavaScript:
an answer is a plain form POST, and the page that answers it shows the check.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from classes.seat_rate import seat_rate_refused, seat_rate_take
from core.centers import ADMIN_CENTER, BILLING_CENTER
from sandbox.personas import start_url
from sandbox.trainers import is_trainer
from sandbox.views import trainer_only
from seats.middleware import seat_enter
from seats.models import Classroom, Seat

from . import services
from .answers import Choice, answer_check, exercise_expected, persona_rows_by_key
from .forms import AnswerForm
from .models import Exercise, Table
from .selectors import answers_by_exercise, course_exercises, course_score, exercises_visible

# The session remembers the personal seat its course runs in.
COURSE_SESSION_KEY = "lessons_course_seat_id"


def _in_course(request) -> bool:
    seat = request.joined_seat
    return seat is not None and request.session.get(COURSE_SESSION_KEY) == seat.pk


def exercise_list(request):
    """The exercises this seat sees, with how far it got in each, and the course's start."""
    answers = answers_by_exercise()
    exercises = [
        (exercise, answers.get(exercise.pk)) for exercise in exercises_visible(request.joined_seat)
    ]
    return render(
        request,
        "lessons/exercise_list.html",
        {
            "exercises": exercises,
            "in_course": _in_course(request),
            "may_start_course": may_start_course(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def exercise_detail(request, pk):
    exercise = get_object_or_404(exercises_visible(request.joined_seat), pk=pk)
    return _exercise_page(request, exercise, course=None)


def may_start_course(user) -> bool:
    """A course makes a seat: anyone may on an open sandbox (as anyone may create a seat
    through the API there), only the trainer on a closed one (SANDBOX_OPEN=false)."""
    return settings.SANDBOX_OPEN or is_trainer(user)


@require_POST
def course_start(request):
    """Start the self-paced course in a personal seat (a copy of the sample world, in no
    class), then its first exercise. A new seat takes from the address's seat rate limit
    (`classes.seat_rate`); starting again in the seat this browser already has does not."""
    if not may_start_course(request.user):
        raise PermissionDenied
    earlier = Seat.objects.filter(pk=request.session.get(COURSE_SESSION_KEY)).first()
    if not services.course_seat_reusable(earlier):
        # A new seat: counted with every seat made from this address (the API's too).
        wait = seat_rate_take(request)
        if wait is not None:
            return seat_rate_refused(request, wait)
    seat = services.course_seat_start(seat=earlier)
    seat_enter(request, seat)
    request.session[COURSE_SESSION_KEY] = seat.pk
    messages.success(
        request,
        _("The course starts in a seat of your own, a fresh copy of the sample world."),
    )
    return redirect("lessons:course-step", position=1)


@require_http_methods(["GET", "POST"])
def course_step(request, position):
    exercises = course_exercises(request.joined_seat)
    if not 1 <= position <= len(exercises):
        raise Http404
    course = {
        "position": position,
        "total": len(exercises),
        "previous_url": (
            reverse("lessons:course-step", kwargs={"position": position - 1})
            if position > 1
            else None
        ),
        "next_url": (
            reverse("lessons:course-step", kwargs={"position": position + 1})
            if position < len(exercises)
            else reverse("lessons:course-finish")
        ),
        "is_last": position == len(exercises),
    }
    return _exercise_page(request, exercises[position - 1], course=course)


def course_finish(request):
    """The course's score: how many exercises answered right, with the tries and time each."""
    return render(
        request, "lessons/course_finish.html", {"score": course_score(request.joined_seat)}
    )


def _exercise_page(request, exercise: Exercise, *, course: dict | None):
    rows = persona_rows_by_key()
    row = rows.get(exercise.persona_key)
    expected = exercise_expected(exercise, rows)
    check = None
    if request.method == "POST":
        form = AnswerForm(request.POST, row=row)
        if form.is_valid() and expected is not None:
            check = answer_check(exercise, Choice(form.cleaned_data["choice"]), expected=expected)
            answer = services.exercise_answer_record(
                exercise=exercise, choice=check.chosen.value, right=check.right
            )
            form = AnswerForm(row=row)  # a retry starts from no answer chosen
        else:
            answer = services.exercise_open(exercise=exercise)
    else:
        form = AnswerForm(row=row)
        answer = services.exercise_open(exercise=exercise)
    center = ADMIN_CENTER if exercise.table == Table.ADMIN_CENTER else BILLING_CENTER
    return render(
        request,
        "lessons/exercise.html",
        {
            "exercise": exercise,
            "persona_row": row,
            "center": center,
            "sign_in_url": start_url(center, row.user.email) if row else None,
            "answerable": expected is not None,
            "form": form,
            "check": check,
            "chosen_label": (
                dict(form.fields["choice"].choices).get(check.chosen.value) if check else ""
            ),
            "answer": answer,
            "course": course,
        },
    )


@trainer_only
@require_POST
def exercise_release(request, code, pk):
    """The trainer releases one exercise to the whole class, then back to the board."""
    classroom = get_object_or_404(Classroom, code=code)
    exercise = get_object_or_404(Exercise, pk=pk)
    services.exercise_release(classroom=classroom, exercise=exercise)
    return redirect(reverse("classes:board", kwargs={"code": classroom.code}) + "#exercises")
