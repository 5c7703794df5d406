import datetime

from babel.dates import format_timedelta
from django import template
from django.utils import translation

from core.formatting import babel_locale

from ..board import class_exercise_board

register = template.Library()


@register.filter
def duration(value: datetime.timedelta | None) -> str:
    """A time taken, in minutes and seconds as the page's language writes them (CLDR):
    "3 min 45 sec" in English, "3 min 45 s" in Spanish and Portuguese."""
    if value is None:
        return ""
    locale = babel_locale(translation.get_language())
    minutes, seconds = divmod(max(int(value.total_seconds()), 0), 60)
    parts = []
    if minutes:
        parts.append(
            format_timedelta(
                datetime.timedelta(minutes=minutes),
                threshold=10**6,
                granularity="minute",
                format="short",
                locale=locale,
            )
        )
    if seconds or not minutes:
        parts.append(
            format_timedelta(
                datetime.timedelta(seconds=seconds),
                threshold=10**6,
                granularity="second",
                format="short",
                locale=locale,
            )
        )
    return " ".join(parts)


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
