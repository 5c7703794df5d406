"""The rule: every service that takes a seat touches only that seat.

The test walks the product's write modules for every function that takes a `seat` argument,
calls each on one seat (with the arguments its driver gives), and checks that every row of two
other seats (one in a class, one of no class, each with faults switched on, an outcome reached
on the board, a persona signed in, an exercise answered) is exactly as before: the seat row
itself, every seat-scoped model's rows, and every row that points at a seat (faults, the
board's records). A new function that takes a seat fails
`test_every_service_taking_a_seat_is_driven` until it gets a driver here, so it is checked too.

What this does not check: the seat's own lockouts (django-axes rows, named by identity, not by
seat), which tests/sandbox and tests/classes cover.
"""

import datetime
import importlib
import inspect
from pathlib import Path

import pytest
from django.apps import apps
from django.db import models

from accounts.clock import sandbox_start
from accounts.decisions import Outcome
from classes.services import class_create, outcome_reached_record, persona_signed_in_record
from faults.services import seat_faults_set
from lessons.models import Exercise, ExerciseAnswer
from sandbox.worlds import seat_create, seat_scoped_models
from seats.models import Seat
from seats.scope import seat_scope

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]

# The modules that write a seat's world (services, in the style's sense). Views and template
# tags take a request; access and selectors only read.
WRITE_MODULES = [
    "sandbox.worlds",
    "sandbox.states",
    "sandbox.clock",
    "sandbox.services",
    "faults.services",
    "lessons.services",
    "accounts.services",
    "billing_center.services",
    "admin_center.services",
    "corp_portal.services",
    "classes.services",
]

FAULT_IN_OTHERS = "F1-wrong-billing-admin"
ANOTHER_FAULT = "F6-total-off-by-one"


def _in_a_month(seat):
    return sandbox_start() + datetime.timedelta(days=31)


# function (module.name) -> the arguments besides `seat`, given the seat acted on.
DRIVERS = {
    "sandbox.worlds.seat_reset": lambda seat: {},
    "sandbox.worlds.seat_delete": lambda seat: {},
    "sandbox.worlds.seat_touch": lambda seat: {},
    "sandbox.worlds._seat_rows_delete": lambda seat: {},
    "sandbox.worlds._seat_lockouts_delete": lambda seat: {},
    "sandbox.states.seat_state_apply": lambda seat: {"name": "ana-pending-cancellation"},
    "sandbox.clock.seat_clock_form_move": lambda seat: {"step": "month", "today": None},
    "sandbox.clock.seat_clock_move": lambda seat: {"today": _in_a_month(seat)},
    "sandbox.clock.seat_clock_step": lambda seat: {"step": "day"},
    "sandbox.clock.days_pass": lambda seat: {
        "since": sandbox_start(),
        "until": _in_a_month(seat),
    },
    "sandbox.clock.seat_start_restore": lambda seat: {},
    "faults.services.seat_faults_set": lambda seat: {"fault_ids": [ANOTHER_FAULT]},
    "faults.services.seat_faults_set(none)": lambda seat: {"fault_ids": []},
    "lessons.services.course_seat_start": lambda seat: {},
    "classes.services.outcome_shown_record": lambda seat: {"outcome": Outcome.BC_2},
}
# Functions that take a seat and only read or decide: nothing to check, but named, so that a
# new function is a conscious choice between here and DRIVERS.
READS = {
    "sandbox.worlds.seat_touch_due",
    "sandbox.states.may_apply_state_to_own_seat",
    "sandbox.clock.seat_clock_movable",
    "sandbox.clock.seat_clock_moved_by_its_person",
    "sandbox.clock.seat_clock_target",
    "sandbox.clock.seat_clock_check",
    "faults.services.seat_faults",
    "lessons.services.course_seat_reusable",
}


def services_taking_a_seat() -> list[str]:
    """Every function of the write modules with a parameter named `seat`."""
    found = []
    for module_name in WRITE_MODULES:
        if not (ROOT / (module_name.replace(".", "/") + ".py")).exists():
            continue
        module = importlib.import_module(module_name)
        for name, function in vars(module).items():
            if (
                inspect.isfunction(function)
                and function.__module__ == module_name
                and "seat" in inspect.signature(function).parameters
            ):
                found.append(f"{module_name}.{name}")
    return found


def test_the_walk_finds_the_services():
    """The walk's own check: it finds what it must (an empty walk would pass anything)."""
    found = services_taking_a_seat()
    assert {
        "sandbox.worlds.seat_reset",
        "sandbox.worlds.seat_delete",
        "sandbox.states.seat_state_apply",
        "sandbox.clock.seat_clock_move",
        "faults.services.seat_faults_set",
        "lessons.services.course_seat_start",
    } <= set(found)


def test_every_service_taking_a_seat_is_driven():
    undriven = [name for name in services_taking_a_seat() if name not in DRIVERS.keys() | READS]
    assert undriven == [], "add a driver to DRIVERS (or, for a mere read, to READS) for each"


def seat_rows(seat_id: int) -> dict[str, list]:
    """Every row that belongs to the seat: the seat, its world, and what points at it."""
    rows = {"seats.Seat": list(Seat.objects.filter(pk=seat_id).values())}
    scoped = set(seat_scoped_models())
    for model in apps.get_models():
        if model in scoped:
            queryset = model._base_manager.filter(seat_id=seat_id)
        else:
            pointing = [
                field.name
                for field in model._meta.concrete_fields
                if isinstance(field, models.ForeignKey) and field.related_model is Seat
            ]
            if not pointing:
                continue
            queryset = model._base_manager.filter(**{f"{pointing[0]}_id": seat_id})
        rows[model._meta.label] = sorted(queryset.values_list(), key=repr)
    return rows


def busy_seat(seat: Seat) -> Seat:
    """A seat a trainee has worked in: a fault on, an outcome reached, a persona signed in,
    an exercise answered (besides its sample world)."""
    seat_faults_set(seat=seat, fault_ids=[FAULT_IN_OTHERS])
    outcome_reached_record(seat_id=seat.pk, outcome=Outcome.BC_1)
    persona_signed_in_record(seat_id=seat.pk, email="ana.billing@acme.example")
    with seat_scope(seat):
        ExerciseAnswer.objects.create(exercise=Exercise.objects.order_by("pk").first(), tries=2)
    return seat


@pytest.fixture
def seats(sample_data):
    """The seat acted on (of no class, with a fault and a state), and two others."""
    acted_on = busy_seat(seat_create())
    in_a_class = busy_seat(class_create(name="Monday", seat_count=1, language="en").seats.get())
    of_no_class = busy_seat(seat_create())
    return acted_on, [in_a_class, of_no_class]


def test_the_other_seats_have_rows_of_every_kind(seats):
    """The check below compares something: the other seats hold rows of each kind it reads."""
    _acted_on, others = seats
    for other in others:
        rows = seat_rows(other.pk)
        for label in [
            "seats.Seat",
            "faults.SeatFault",
            "classes.OutcomeReached",
            "classes.PersonaSignedIn",
            "lessons.ExerciseAnswer",
            "accounts.User",
            "accounts.Subscription",
        ]:
            assert rows[label], (other, label)


@pytest.mark.parametrize("service", sorted(DRIVERS))
def test_a_service_taking_a_seat_touches_no_other_seat(seats, service):
    acted_on, others = seats
    module_name, name = service.split("(")[0].rsplit(".", 1)
    function = getattr(importlib.import_module(module_name), name)
    before = {other.pk: seat_rows(other.pk) for other in others}

    function(seat=Seat.objects.get(pk=acted_on.pk), **DRIVERS[service](acted_on))

    for other in others:
        after = seat_rows(other.pk)
        changed = [label for label in before[other.pk] if before[other.pk][label] != after[label]]
        assert changed == [], f"{service} on seat {acted_on.pk} changed seat {other.pk}"
