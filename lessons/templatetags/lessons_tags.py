from django import template

from ..board import class_exercise_board

register = template.Library()


@register.inclusion_tag("classes/_board_exercises.html", takes_context=True)
def board_exercises(context, classroom, rows):
    """The board's exercises section: a row per seat shown on the board (`rows` are its
    SeatRows), a column per released exercise, and the trainer's release buttons."""
    seats = [row.seat for row in rows]
    return {
        "classroom": classroom,
        "board": class_exercise_board(classroom=classroom, seats=seats),
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("classes/_seat_exercises.html")
def seat_exercises(classroom, seat):
    """A seat's page of the class: the exercises released to the class, and this seat's
    answer to each (right, wrong or not yet, with the time taken)."""
    board = class_exercise_board(classroom=classroom, seats=[seat])
    [(_seat, cells)] = board.rows
    return {"classroom": classroom, "seat": seat, "cells": cells}
