"""The answer key, table-driven: every outcome id of both tables is the answer to a shipped
exercise, and every exercise's answer is what `accounts/decisions.py` says (compared with the
tests' own hand-written table, and shown to follow decisions.py when it changes)."""

import pytest

from accounts import decisions
from accounts.decisions import Outcome
from lessons.answers import (
    CHOICE_OUTCOMES,
    TABLE_OUTCOMES,
    Choice,
    answer_check,
    choice_of,
    exercise_expected,
)
from lessons.models import Asks, Exercise
from lessons.sample_data import EXERCISES
from tests.outcome_table import PATHS

pytestmark = pytest.mark.django_db

ARTICLE_OUTCOMES = {"BC-1", "BC-2", "BC-2a", "BC-2b", "BC-2c", "AC-1", "AC-2", "AC-3", "AC-3c"}


def hand_written_answer(data) -> str:
    """The exercise's answer read off tests/outcome_table.py, not off the product."""
    outcomes = [step for step in PATHS[data.persona_key][data.table] if step in ARTICLE_OUTCOMES]
    return outcomes[0] if data.asks == Asks.LANDING else outcomes[-1]


def test_every_outcome_means_exactly_one_answer():
    meant = [outcome.value for outcomes in CHOICE_OUTCOMES.values() for outcome in outcomes]
    assert sorted(meant) == sorted(ARTICLE_OUTCOMES)
    assert set(CHOICE_OUTCOMES) == set(Choice)
    assert {o.value for table in TABLE_OUTCOMES.values() for o in table} == ARTICLE_OUTCOMES


def test_every_outcome_is_the_answer_to_a_shipped_exercise(sample_data):
    answered = {exercise_expected(exercise) for exercise in Exercise.objects.all()}
    assert {outcome.value for outcome in answered if outcome} == ARTICLE_OUTCOMES
    assert Exercise.objects.count() == len(EXERCISES)


@pytest.mark.parametrize("data", EXERCISES, ids=lambda data: data.key)
def test_each_exercise_s_answer_is_the_tables(sample_data, data):
    exercise = Exercise.objects.get(key=data.key)
    expected = exercise_expected(exercise)
    assert expected == hand_written_answer(data)
    assert answer_check(exercise, choice_of(expected), expected=expected).right
    for other in set(Choice) - {choice_of(expected)}:
        assert not answer_check(exercise, other, expected=expected).right


@pytest.mark.parametrize("data", EXERCISES, ids=lambda data: data.key)
def test_the_answer_follows_decisions_py(sample_data, monkeypatch, data):
    """Break the tables in decisions.py: every exercise's answer changes with them (nothing
    holds a copy)."""
    exercise = Exercise.objects.get(key=data.key)
    before = exercise_expected(exercise)
    # Everyone lands like a billing admin, and Add Licenses treats everyone as one.
    monkeypatch.setattr(decisions, "billing_center_landing", lambda user: Outcome.BC_1)
    monkeypatch.setattr(decisions, "add_licenses_outcome", lambda user: Outcome.AC_1)
    after = exercise_expected(exercise)
    broken = Outcome.BC_1 if data.table == "billing_center" else Outcome.AC_1
    assert after == broken
    if before != broken:
        assert after != before


def test_a_portal_login_given_to_elena_changes_her_answer(sample_data, persona):
    """The answer is read in the seat: who holds a portal login is the portal's data."""
    from corp_portal.models import PortalLogin

    exercise = Exercise.objects.get(key="elena-billing-center")
    assert exercise_expected(exercise) == Outcome.BC_2C
    PortalLogin.objects.update(holder=persona("elena"))
    assert exercise_expected(exercise) == Outcome.BC_2B


def test_an_exercise_whose_path_reaches_no_outcome_is_refused(sample_data):
    from django.core.exceptions import ValidationError

    exercise = Exercise(key="carla-add", persona_key="carla", table="admin_center", question="?")
    with pytest.raises(ValidationError):
        exercise.clean()


def test_loading_again_keeps_the_trainer_s_edits(sample_data):
    from sandbox.services import sandbox_load

    exercise = Exercise.objects.get(key="bruno-add-licenses")
    exercise.question_es = "Editado por el formador"
    exercise.save()
    Exercise.objects.filter(key="ana-billing-center").delete()
    sandbox_load()
    assert Exercise.objects.get(key="bruno-add-licenses").question_es == "Editado por el formador"
    assert Exercise.objects.filter(key="ana-billing-center").exists()


@pytest.mark.parametrize("field", ["question_en", "question_es", "question_pt_br"])
def test_every_shipped_question_is_translated(sample_data, field):
    assert not Exercise.objects.filter(**{field: ""}).exists()
    assert not Exercise.objects.filter(**{f"{field}__isnull": True}).exists()
