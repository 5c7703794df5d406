"""The exercises on a class's board: for each seat, each released exercise answered right,
wrong or not yet, with the time taken. Three queries for the whole class, whatever its size."""

from dataclasses import dataclass

from seats.models import Classroom, Seat

from .models import Exercise, ExerciseAnswer


@dataclass
class ExerciseBoard:
    released: list[Exercise]  # the columns: what the class's seats see, in release order
    not_released: list[Exercise]  # what the trainer may release next
    rows: list[tuple[Seat, list[tuple[Exercise, ExerciseAnswer | None]]]]


def class_exercise_board(*, classroom: Classroom, seats: list[Seat]) -> ExerciseBoard:
    exercises = list(Exercise.objects.order_by("sort_order", "id"))
    released_ids = list(
        classroom.released_exercises.order_by("released_at", "id").values_list(
            "exercise_id", flat=True
        )
    )
    by_id = {exercise.pk: exercise for exercise in exercises}
    released = [by_id[pk] for pk in released_ids if pk in by_id]
    # The board looks across seats: the base manager, filtered by the class's seats.
    answers = {
        (answer.seat_id, answer.exercise_id): answer
        for answer in ExerciseAnswer._base_manager.filter(
            seat__in=[seat.pk for seat in seats], exercise_id__in=released_ids
        )
    }
    return ExerciseBoard(
        released=released,
        not_released=[exercise for exercise in exercises if exercise.pk not in released_ids],
        rows=[
            (seat, [(exercise, answers.get((seat.pk, exercise.pk))) for exercise in released])
            for seat in seats
        ],
    )
