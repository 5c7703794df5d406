"""The writes of lessons: a seat opening and answering an exercise, the trainer releasing one
to a class, and a trainee starting the self-paced course in a seat of their own."""

from django.db import transaction
from django.utils import timezone

from sandbox.worlds import seat_create, seat_reset
from seats.models import Classroom, Seat

from .models import Exercise, ExerciseAnswer, ReleasedExercise


def exercise_open(*, exercise: Exercise) -> ExerciseAnswer:
    """The current seat opened the exercise: its clock starts the first time, never again."""
    answer, _created = ExerciseAnswer.objects.get_or_create(exercise=exercise)
    return answer


@transaction.atomic
def exercise_answer_record(*, exercise: Exercise, choice: str, right: bool) -> ExerciseAnswer:
    """Count one more try of the current seat; the first right answer stops its clock. Once
    right, the record stays right (trying again later changes nothing on the board)."""
    answer, _created = ExerciseAnswer.objects.select_for_update().get_or_create(exercise=exercise)
    if answer.is_right:
        return answer
    answer.tries += 1
    answer.last_choice = choice
    if right:
        answer.answered_right_at = timezone.now()
    answer.save(update_fields=["tries", "last_choice", "answered_right_at"])
    return answer


def exercise_release(*, classroom: Classroom, exercise: Exercise) -> ReleasedExercise:
    """Show the exercise to every seat of the class (releasing it twice changes nothing)."""
    released, _created = ReleasedExercise.objects.get_or_create(
        classroom=classroom, exercise=exercise
    )
    return released


def course_seat_reusable(seat: Seat | None) -> bool:
    """Whether starting the course again can reset `seat` (this browser's earlier course seat)
    instead of making a new one: a seat of no class, not the default one."""
    return seat is not None and not seat.is_default and seat.classroom_id is None


def course_seat_start(*, seat: Seat | None) -> Seat:
    """The personal seat of someone learning alone: a copy of the sample world, in no class,
    so every exercise is visible there. Starting again resets the seat this browser's course
    already had (its answers go with its world) rather than making one more."""
    if course_seat_reusable(seat):
        return seat_reset(seat=seat)
    return seat_create(classroom=None)
