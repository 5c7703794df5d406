"""Scores to the LMS's gradebook (LTI Assignment and Grade Services), through pylti1p3's AGS
client and the tool's client-credentials token.

When a launched learner's exercise answer changes (`lessons.ExerciseAnswer` saved), after the
transaction commits, the sandbox sends:

- the course's score to the activity's line item (the launch's `lineitem`): exercises
  answered right out of the exercises released to the class;
- the exercise's own result (1 right, 0 not yet) to a line item per exercise (tag
  `sandbox-exercise-<key>`), found or made in the course's line items when the LMS granted
  the line item scope.

Each request is bounded in time (`lms.http`); a failure is logged and never reaches the
learner's page.
"""

import logging

from django.db import transaction
from django.utils import timezone
from pylti1p3.assignments_grades import AssignmentsGradesService
from pylti1p3.grade import Grade
from pylti1p3.lineitem import LineItem
from pylti1p3.service_connector import ServiceConnector

from lessons.models import Exercise, ExerciseAnswer
from lessons.selectors import exercises_visible
from seats.models import Seat
from seats.scope import seat_scope

from .http import BoundedSession
from .models import LaunchedSeat
from .tool_conf import registration_of

logger = logging.getLogger("lms")

SCORE_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/score"


def seat_score(seat: Seat) -> tuple[int, int]:
    """(answered right, released): the course's score of a seat of a class."""
    with seat_scope(seat):
        released = list(exercises_visible(seat).values_list("pk", flat=True))
        right = ExerciseAnswer.objects.filter(
            exercise_id__in=released, answered_right_at__isnull=False
        ).count()
    return right, len(released)


def _grade(*, given: int, maximum: int, sub: str, done: bool) -> Grade:
    return (
        Grade()
        .set_score_given(given)
        .set_score_maximum(maximum)
        .set_timestamp(timezone.now().isoformat())
        .set_activity_progress("Completed" if done else "InProgress")
        .set_grading_progress("FullyGraded")
        .set_user_id(sub)
    )


def launched_scores_send(*, launched: LaunchedSeat, exercise: Exercise | None) -> None:
    """Send the learner's course score, and `exercise`'s result, to the LMS. Raises on a
    refusal or an LMS out of reach (the caller logs)."""
    link = launched.link
    connector = ServiceConnector(
        registration_of(link.deployment.platform), requests_session=BoundedSession()
    )
    service = AssignmentsGradesService(connector, link.ags)
    right, released = seat_score(launched.seat)
    if link.ags.get("lineitem") and released:
        service.put_grade(
            _grade(given=right, maximum=released, sub=launched.sub, done=right == released)
        )
    if exercise is not None and link.ags.get("lineitems") and service.can_create_lineitem():
        with seat_scope(launched.seat):
            answer = ExerciseAnswer.objects.filter(exercise=exercise).first()
        is_right = answer is not None and answer.is_right
        item = (
            LineItem()
            .set_tag(f"sandbox-exercise-{exercise.key}")
            .set_label(f"{exercise.key}")
            .set_score_maximum(1)
            .set_resource_link_id(link.resource_link_id)
        )
        service.put_grade(
            _grade(given=int(is_right), maximum=1, sub=launched.sub, done=is_right), item
        )


def seat_scores_send(*, seat_id: int, exercise_id: int | None) -> None:
    """Every launch of this seat that carries the grade service gets its scores; a failure
    is logged, never raised (the learner's page does not depend on the LMS)."""
    exercise = Exercise.objects.filter(pk=exercise_id).first() if exercise_id else None
    launched_seats = LaunchedSeat.objects.select_related(
        "seat", "link__deployment__platform"
    ).filter(seat_id=seat_id)
    for launched in launched_seats:
        if SCORE_SCOPE not in launched.link.ags.get("scope", []):
            continue
        try:
            launched_scores_send(launched=launched, exercise=exercise)
        except Exception:
            logger.exception("Scores of seat %s not sent to the LMS", seat_id)


def answer_saved(sender, instance: ExerciseAnswer, **kwargs) -> None:
    """post_save of an exercise answer: the scores go once the answer is committed, and only
    for a seat launched from an LMS."""
    if not LaunchedSeat.objects.filter(seat_id=instance.seat_id).exists():
        return
    seat_id, exercise_id = instance.seat_id, instance.exercise_id
    transaction.on_commit(lambda: seat_scores_send(seat_id=seat_id, exercise_id=exercise_id))
