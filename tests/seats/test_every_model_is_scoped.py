"""Scoping by construction, for models: a model of the project that points at a seat's world
is scoped itself, so a reset, a seat's deletion and the isolation checks find its rows.

A model is seat-scoped when it has a `SeatField` (what `seat_scoped_models`, the reset and the
deletion of a seat look for) and its default manager is a `SeatScopedManager` (what keeps its
reads to the current seat). A model that is not, and relates directly (a foreign key, a
one-to-one, a many-to-many) to a seat-scoped model or to a seat itself, fails here unless
`NOT_SCOPED` lists it with the reason it is shared content or per-seat metadata.
"""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import models
from django.test.utils import isolate_apps

from accounts.models import Account
from seats.models import Seat
from seats.scope import SeatField, SeatScopedManager, SeatScopedModel

# Models that relate to a seat's world without being part of it, each with why. Keyed by
# `app_label.ModelName`, or by the model's name alone (the board's records moved app once).
NOT_SCOPED = {
    "OutcomeReached": "the board's record of what a seat's trainee reached: kept by a reset, "
    "deleted with the seat",
    "PersonaSignedIn": "the board's record of the personas a seat's trainee signed in as: kept "
    "by a reset, deleted with the seat",
    "seats.Classroom": "a class of seats; its `owner` is the trainer who runs it, staff who "
    "live beside the default seat's world",
    "api.TrainerToken": "a trainer's API token; its `trainer` is staff who live beside the "
    "default seat's world",
    "lms.Platform": "a registered LMS; its `registered_by` is the trainer (staff beside the "
    "default seat's world)",
    "lms.CourseLink": "an LMS activity's class; its `registered_by` is the trainer (staff "
    "beside the default seat's world)",
    "lms.LaunchedSeat": "which seat an LMS learner launched into: deleted with the seat",
    "faults.SeatFault": "the trainer's switch of a fault in a seat, not the seat's sample world: "
    "kept by a reset, deleted with the seat",
}


def project_models() -> list[type[models.Model]]:
    """The models of the project's own apps (not Django's nor a library's)."""
    base = Path(settings.BASE_DIR).resolve()
    return [
        model
        for model in apps.get_models()
        if base in Path(model._meta.app_config.path).resolve().parents
        and ".venv" not in Path(model._meta.app_config.path).parts
    ]


def is_seat_scoped(model) -> bool:
    return any(isinstance(field, SeatField) for field in model._meta.concrete_fields)


def listed(model) -> bool:
    return model._meta.label in NOT_SCOPED or model.__name__ in NOT_SCOPED


def seat_references(model) -> list[str]:
    """The fields of `model` relating directly to a seat's world (or a seat), its own
    `SeatField` aside."""
    return [
        f"{field.name} -> {field.related_model._meta.label}"
        for field in [*model._meta.fields, *model._meta.many_to_many]
        if field.is_relation
        and not isinstance(field, SeatField)
        and isinstance(field.related_model, type)
        and (field.related_model is Seat or is_seat_scoped(field.related_model))
    ]


def scoping_faults(candidates) -> list[str]:
    """What is wrong with the scoping of `candidates`: a model pointing at a seat's world
    without being scoped or listed, and a seat-scoped model whose reads are not scoped."""
    faults = []
    for model in candidates:
        label = model._meta.label
        if is_seat_scoped(model):
            if not isinstance(model._default_manager, SeatScopedManager):
                faults.append(f"{label}: has a SeatField but no SeatScopedManager")
            continue
        references = seat_references(model)
        if references and not listed(model):
            faults.append(f"{label}: not seat-scoped, yet {', '.join(references)}")
    return faults


def test_every_model_pointing_at_a_seats_world_is_scoped_or_listed_with_a_reason():
    found = project_models()
    assert Account in found and Seat in found  # the walk sees the project's apps
    assert scoping_faults(found) == []


def test_every_listed_model_exists_and_points_at_a_seats_world():
    for key in NOT_SCOPED:
        matches = [m for m in project_models() if key in (m._meta.label, m.__name__)]
        assert len(matches) == 1, key
        assert seat_references(matches[0]), f"{key} no longer needs listing"


@isolate_apps("tests")
def test_a_model_that_forgets_its_seat_fails():
    class PurchaseNote(models.Model):  # noqa: DJ008 (a test's model, never shown)
        """A note on an account, written without SeatScopedModel."""

        account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="+")
        text = models.TextField()

        class Meta:
            app_label = "tests"

    class ScopedNote(SeatScopedModel):
        account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="+")

        class Meta:
            app_label = "tests"

    class HalfScopedNote(models.Model):  # noqa: DJ008
        """A seat field, but the plain manager: its reads see every seat."""

        seat = SeatField()

        class Meta:
            app_label = "tests"

    assert scoping_faults([PurchaseNote, ScopedNote, HalfScopedNote]) == [
        "tests.PurchaseNote: not seat-scoped, yet account -> accounts.Account",
        "tests.HalfScopedNote: has a SeatField but no SeatScopedManager",
    ]
