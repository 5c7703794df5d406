"""Which exercises a seat sees, and how far it got: the reads of the lessons pages."""

from dataclasses import dataclass

from seats.models import Seat

from .models import Exercise, ExerciseAnswer


def exercises_visible(seat: Seat | None):
    """A seat of a class sees the exercises its trainer released; any other seat (the default
    one, given as None so that its page costs no query to find it; a personal course seat; an
    API seat) sees them all."""
    exercises = Exercise.objects.all()
    if seat is not None and seat.classroom_id is not None:
        exercises = exercises.filter(releases__classroom_id=seat.classroom_id)
    return exercises.order_by("sort_order", "id")


def course_exercises(seat: Seat | None) -> list[Exercise]:
    """The self-paced course: the visible exercises marked for it, in order."""
    return list(exercises_visible(seat).filter(in_course=True))


def answers_by_exercise() -> dict[int, ExerciseAnswer]:
    """The current seat's answers (its manager scopes them), by exercise id."""
    return {answer.exercise_id: answer for answer in ExerciseAnswer.objects.all()}


@dataclass
class Score:
    right: int
    total: int
    answers: list[tuple[Exercise, ExerciseAnswer | None]]


def course_score(seat: Seat | None) -> Score:
    exercises = course_exercises(seat)
    answers = answers_by_exercise()
    pairs = [(exercise, answers.get(exercise.pk)) for exercise in exercises]
    right = sum(1 for _exercise, answer in pairs if answer is not None and answer.is_right)
    return Score(right=right, total=len(exercises), answers=pairs)
