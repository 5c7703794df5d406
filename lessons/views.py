"""The exercise pages: the list, one exercise (played, then answered and checked), the
self-paced course that walks them in order, and the trainer's release of one to a class.

Thin views: which exercises a seat sees is `selectors.py`, the answer is `answers.py` (asked
of the decision tables), the writes are `services.py`. Everything works without JavaScript:
an answer is a plain form POST, and the page that answers it shows the check.
"""

from functools import cached_property

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from core.centers import ADMIN_CENTER, BILLING_CENTER
from core.mixins import ServiceFormMixin
from sandbox.access import TrainerRequiredMixin
from sandbox.personas import start_url
from sandbox.seat_rate import seat_rate_refused, seat_rate_take
from sandbox.trainers import is_trainer
from seats.middleware import seat_enter
from seats.models import Classroom, Seat

from . import services
from .answers import Choice, answer_check, exercise_expected
from .forms import AnswerForm
from .models import Exercise
from .paths import Table, persona_rows_by_key
from .selectors import answers_by_exercise, course_exercises, course_score, exercises_visible

# The session remembers the personal seat its course runs in.
COURSE_SESSION_KEY = "lessons_course_seat_id"


def _in_course(request) -> bool:
    seat = request.joined_seat
    return seat is not None and request.session.get(COURSE_SESSION_KEY) == seat.pk


def may_start_course(user) -> bool:
    """A course makes a seat: anyone may on an open sandbox (as anyone may create a seat
    through the API there), only the trainer on a closed one (SANDBOX_OPEN=false)."""
    return settings.SANDBOX_OPEN or is_trainer(user)


class ExerciseListView(TemplateView):
    """The exercises this seat sees, with how far it got in each, and the course's start."""

    template_name = "lessons/exercise_list.html"

    def get_context_data(self, **kwargs):
        request = self.request
        answers = answers_by_exercise()
        exercises = [
            (exercise, answers.get(exercise.pk))
            for exercise in exercises_visible(request.joined_seat)
        ]
        return super().get_context_data(
            exercises=exercises,
            in_course=_in_course(request),
            may_start_course=may_start_course(request.user),
            **kwargs,
        )


class ExercisePageMixin(ServiceFormMixin):
    """One exercise's page: played (GET, the exercise opened), then answered (POST): a right
    or wrong answer is recorded and the page shows the check, with a fresh form for a retry.
    A view says which exercise (`get_exercise`) and its place in the course (`course`)."""

    template_name = "lessons/exercise.html"
    form_class = AnswerForm
    http_method_names = ["get", "post"]
    course = None

    def get_exercise(self) -> Exercise:
        raise NotImplementedError(f"{type(self).__name__} says which exercise it shows.")

    @cached_property
    def exercise(self) -> Exercise:
        return self.get_exercise()

    @cached_property
    def persona_rows(self) -> dict:
        return persona_rows_by_key()

    @cached_property
    def persona_row(self):
        return self.persona_rows.get(self.exercise.persona_key)

    @cached_property
    def expected(self):
        return exercise_expected(self.exercise, self.persona_rows)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "row": self.persona_row}

    def get(self, request, *args, **kwargs):
        return self.exercise_page(form=self.get_form(), check=None)

    def service_call(self, form):
        exercise, expected = self.exercise, self.expected
        if expected is None:  # nothing to check the answer against: the page as opened
            return self.form_invalid(form)
        check = answer_check(exercise, Choice(form.cleaned_data["choice"]), expected=expected)
        answer = services.exercise_answer_record(
            exercise=exercise, choice=check.chosen.value, right=check.right
        )
        fresh = self.form_class(row=self.persona_row)  # a retry starts from no answer chosen
        return self.exercise_page(form=fresh, check=check, answer=answer)

    def form_invalid(self, form):
        return self.exercise_page(form=form, check=None)

    def exercise_page(self, *, form, check, answer=None):
        exercise, row = self.exercise, self.persona_row
        if answer is None:
            answer = services.exercise_open(exercise=exercise)
        center = ADMIN_CENTER if exercise.table == Table.ADMIN_CENTER else BILLING_CENTER
        return self.render_to_response(
            self.get_context_data(
                exercise=exercise,
                persona_row=row,
                center=center,
                sign_in_url=start_url(center, row.user.email) if row else None,
                answerable=self.expected is not None,
                form=form,
                check=check,
                chosen_label=(
                    dict(form.fields["choice"].choices).get(check.chosen.value) if check else ""
                ),
                answer=answer,
                course=self.course,
            )
        )


class ExerciseView(ExercisePageMixin, FormView):
    """One exercise this seat sees (another is a 404), outside the course."""

    def get_exercise(self) -> Exercise:
        return get_object_or_404(exercises_visible(self.request.joined_seat), pk=self.kwargs["pk"])


class CourseStartView(View):
    """Start the self-paced course in a personal seat (a copy of the sample world, in no
    class), then its first exercise. A new seat takes from the address's seat rate limit
    (`sandbox.seat_rate`); starting again in the seat this browser already has does not.
    `View`: a one-button POST with no page of its own."""

    http_method_names = ["post"]

    def post(self, request):
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


class CourseStepView(ExercisePageMixin, FormView):
    """Exercise `position` of the course (1 to its length, else a 404), with the way to the
    previous and the next one (after the last: the score)."""

    def get_exercise(self) -> Exercise:
        exercises = course_exercises(self.request.joined_seat)
        position = self.kwargs["position"]
        if not 1 <= position <= len(exercises):
            raise Http404
        self.course = {
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
        return exercises[position - 1]


class CourseFinishView(TemplateView):
    """The course's score: how many exercises answered right, with the tries and time each."""

    template_name = "lessons/course_finish.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(score=course_score(self.request.joined_seat), **kwargs)


class ExerciseReleaseView(TrainerRequiredMixin, View):
    """The trainer releases one exercise to the whole class (one they run), then back to the
    board. `View`: a one-button POST with no page of its own."""

    http_method_names = ["post"]

    def post(self, request, code, pk):
        classroom = get_object_or_404(Classroom.objects.run_by(request.user), code=code)
        exercise = get_object_or_404(Exercise, pk=pk)
        services.exercise_release(classroom=classroom, exercise=exercise)
        return redirect(reverse("classes:board", kwargs={"code": classroom.code}) + "#exercises")
