"""Trainers edit the exercises in the Django admin, in three languages; a reset of the
sandbox keeps them and empties the answers and releases."""

import io

import pytest

from lessons.models import Exercise, ExerciseAnswer, ReleasedExercise
from lessons.services import exercise_open, exercise_release
from sandbox.services import sandbox_reset

pytestmark = pytest.mark.django_db


def test_the_trainer_edits_an_exercise_in_three_languages(trainer_client, exercise):
    bruno = exercise("bruno-add-licenses")
    url = f"/en/django-admin/lessons/exercise/{bruno.pk}/change/"
    page = trainer_client.get(url).content.decode()
    for field in ("question_en", "question_es", "question_pt_br"):
        assert f'name="{field}"' in page
    response = trainer_client.post(
        url,
        {
            "key": bruno.key,
            "persona_key": "bruno",
            "table": "admin_center",
            "asks": "end",
            "question_en": "Bruno needs licenses.",
            "question_es": "Bruno necesita licencias.",
            "question_pt_br": "Bruno precisa de licenças.",
            "sort_order": 7,
            "in_course": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    bruno.refresh_from_db()
    assert bruno.question_es == "Bruno necesita licencias."


def test_the_admin_refuses_an_exercise_with_no_answer(trainer_client, sample_data):
    response = trainer_client.post(
        "/en/django-admin/lessons/exercise/add/",
        {
            "key": "carla-add-licenses",
            "persona_key": "carla",
            "table": "admin_center",
            "asks": "end",
            "question_en": "Carla?",
            "question_es": "¿Carla?",
            "question_pt_br": "Carla?",
            "sort_order": 10,
        },
    )
    assert response.status_code == 200
    assert "reaches no outcome of the article" in response.content.decode()
    assert not Exercise.objects.filter(key="carla-add-licenses").exists()


def test_a_reset_keeps_the_exercises_and_empties_answers_and_releases(
    sample_data, exercise, make_classroom
):
    classroom = make_classroom(seats=1)
    exercise_release(classroom=classroom, exercise=exercise("ana-add-licenses"))
    exercise_open(exercise=exercise("ana-add-licenses"))
    sandbox_reset()
    assert Exercise.objects.count() == 9
    assert not ExerciseAnswer._base_manager.exists()
    assert not ReleasedExercise.objects.exists()


def test_the_sandbox_s_commands_load_the_exercises_and_keep_the_trainer_s_edits():
    """`make run` and `make serve` run load_sandbox; reset_sandbox restores: both load the
    shipped exercises (the sandbox's signal, the lessons' receiver), neither undoes an edit."""
    from django.core.management import call_command

    from lessons.sample_data import EXERCISES

    call_command("load_sandbox", stdout=io.StringIO())
    assert sorted(Exercise.objects.values_list("key", flat=True)) == sorted(
        data.key for data in EXERCISES
    )
    Exercise.objects.filter(key="bruno-add-licenses").update(question_es="Editado por el formador")
    Exercise.objects.filter(key="ana-billing-center").delete()
    call_command("reset_sandbox", stdout=io.StringIO())
    assert Exercise.objects.count() == len(EXERCISES)
    assert Exercise.objects.get(key="bruno-add-licenses").question_es == "Editado por el formador"
    Exercise.objects.filter(key="ana-billing-center").delete()
    call_command("load_sandbox", stdout=io.StringIO())
    assert Exercise.objects.filter(key="ana-billing-center").exists()
