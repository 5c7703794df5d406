"""Scores to the LMS's gradebook (Assignment and Grade Services): after the answer is saved,
with the tool's client-credentials token, bounded in time, never breaking the learner's page."""

import logging
import time

import pytest
from django.test import Client

from lessons.models import Exercise
from lessons.sample_data import exercises_load
from lessons.services import exercise_release
from lms.models import CourseLink

from .conftest import launch

ACTIVITY = "/lineitems/activity"


@pytest.fixture(autouse=True)
def exercises(db):
    exercises_load()


@pytest.fixture
def learner(platform):
    """A learner launched with the grade service, in a class with two released exercises."""
    browser = Client()
    response, _auth, _token = launch(browser, platform)
    assert response.status_code == 302
    classroom = CourseLink.objects.get().classroom
    for key in ("bruno-add-licenses", "ana-billing-center"):
        exercise_release(classroom=classroom, exercise=Exercise.objects.get(key=key))
    return browser


def answer(browser, key, choice, capture):
    exercise = Exercise.objects.get(key=key)
    with capture(execute=True):
        response = browser.post(f"/en/exercises/{exercise.pk}/", {"choice": choice})
    assert response.status_code == 200
    return response


def test_a_right_answer_sends_the_course_score_and_the_exercise_result(
    platform, learner, django_capture_on_commit_callbacks
):
    answer(
        learner, "bruno-add-licenses", "contact-billing-admin", django_capture_on_commit_callbacks
    )
    book = platform.gradebook
    assert book.refused == []
    assert book.tokens_given >= 1  # the token endpoint checked the sandbox's signed assertion
    course = [score for item, score in book.scores if item == platform.url + ACTIVITY]
    assert course, book.scores
    last = course[-1]
    assert (last["scoreGiven"], last["scoreMaximum"], last["userId"]) == (1, 2, "learner-1")
    assert last["activityProgress"] == "InProgress"
    [item] = book.lineitems
    assert item["tag"] == "sandbox-exercise-bruno-add-licenses"
    assert item["resourceLinkId"] == "activity-1"
    mine = [score for item_id, score in book.scores if item_id == item["id"]]
    assert (mine[-1]["scoreGiven"], mine[-1]["scoreMaximum"]) == (1, 1)
    assert mine[-1]["activityProgress"] == "Completed"


def test_a_wrong_answer_sends_a_zero_for_the_exercise(
    platform, learner, django_capture_on_commit_callbacks
):
    answer(
        learner,
        "bruno-add-licenses",
        "corporate-billing-portal",
        django_capture_on_commit_callbacks,
    )
    [item] = platform.gradebook.lineitems
    mine = [score for item_id, score in platform.gradebook.scores if item_id == item["id"]]
    assert mine[-1]["scoreGiven"] == 0
    course = [s for i, s in platform.gradebook.scores if i == platform.url + ACTIVITY]
    assert course[-1]["scoreGiven"] == 0


def test_a_launch_without_the_grade_service_sends_nothing(
    platform, django_capture_on_commit_callbacks
):
    browser = Client()
    launch(browser, platform, ags=False)
    exercise_release(
        classroom=CourseLink.objects.get().classroom,
        exercise=Exercise.objects.get(key="bruno-add-licenses"),
    )
    answer(
        browser, "bruno-add-licenses", "contact-billing-admin", django_capture_on_commit_callbacks
    )
    assert platform.gradebook.tokens_given == 0
    assert platform.gradebook.scores == []


def test_an_lms_out_of_reach_is_logged_and_the_learner_s_page_still_answers(
    platform, learner, django_capture_on_commit_callbacks, caplog
):
    platform.close()
    caplog.set_level(logging.ERROR, logger="lms")
    response = answer(
        learner, "bruno-add-licenses", "contact-billing-admin", django_capture_on_commit_callbacks
    )
    assert 'data-result="right"' in response.content.decode()
    assert any("not sent to the LMS" in record.getMessage() for record in caplog.records)


def test_a_gradebook_that_hangs_is_given_up_after_the_timeout(
    platform, learner, django_capture_on_commit_callbacks, caplog, settings
):
    settings.LMS_HTTP_TIMEOUT = 0.5
    platform.hang.set()
    caplog.set_level(logging.ERROR, logger="lms")
    started = time.monotonic()
    response = answer(
        learner, "bruno-add-licenses", "contact-billing-admin", django_capture_on_commit_callbacks
    )
    assert response.status_code == 200
    assert time.monotonic() - started < 5  # the gradebook would hold each request 10 s
    assert any("not sent to the LMS" in record.getMessage() for record in caplog.records)
    platform.release.set()
