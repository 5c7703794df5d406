"""Exercises in real browsers, in the three languages: the trainer releases one to the class,
a trainee answers it wrong (and is told which branch that answer is), then right (and sees
the outcome id and the article's sentence), and the trainer's board shows it right. Then the
self-paced course, alone, in a seat of its own."""

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from classes.services import class_create
from lessons.models import Exercise
from sandbox.models import TrainerNote
from tests.browser.trainer import trainer_signs_in

LANGUAGES = {"en": "en-US", "es": "es-ES", "pt-br": "pt-BR"}
QUESTION_FIELD = {"en": "question_en", "es": "question_es", "pt-br": "question_pt_br"}
NOTE_FIELD = {"en": "text_en", "es": "text_es", "pt-br": "text_pt_br"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_trainee_answers_wrong_then_right_and_the_board_shows_it(
    page, new_page, browser_sample_data, trainer_credentials, language
):
    classroom = class_create(name="Exercises", seat_count=1, language=language)
    seat = classroom.seats.get()
    bruno = Exercise.objects.get(key="bruno-add-licenses")
    board = f"/{language}/classes/{classroom.code}/"

    # The trainer releases Bruno's exercise to the class from the board.
    trainer_signs_in(page, trainer_credentials, board)
    expect(page.get_by_test_id("board-exercises-none")).to_be_visible()
    page.locator('[data-testid="exercise-release"][data-exercise="bruno-add-licenses"]').click()
    cell = page.locator('[data-testid="exercise-cell"][data-exercise="bruno-add-licenses"]')
    expect(cell).to_have_attribute("data-state", "not-yet")

    # The trainee, in the class's seat, finds it from the navigation, in their language.
    trainee = new_page(LANGUAGES[language])
    with translation.override(language):
        trainee.goto(reverse("seats:enter", args=[seat.token]))
    expect(trainee.get_by_test_id("seat-badge")).to_be_visible()
    trainee.get_by_test_id("nav-exercises").click()
    expect(trainee.get_by_test_id("exercise-item")).to_have_count(1)
    trainee.get_by_test_id("exercise-link").click()
    question = trainee.get_by_test_id("exercise-question")
    expect(question).to_have_text(getattr(bruno, QUESTION_FIELD[language]))

    # Wrong: "I am the billing admin" is the branch AC-1; the page offers a retry.
    trainee.locator('[data-choice="billing-admin"]').check()
    trainee.get_by_test_id("exercise-submit").click()
    check = trainee.get_by_test_id("exercise-check")
    expect(check).to_have_attribute("data-result", "wrong")
    expect(trainee.get_by_test_id("check-branch-outcome")).to_have_text("AC-1")
    expect(trainee.get_by_test_id("check-outcome")).to_have_count(0)

    # Right: contact the billing admin, named; the outcome id and the article's sentence.
    choice = trainee.locator('[data-choice="contact-billing-admin"]')
    expect(trainee.locator(f"label[for='{choice.get_attribute('id')}']")).to_contain_text(
        "Ana Ortega"
    )
    choice.check()
    trainee.get_by_test_id("exercise-retry").click()
    expect(check).to_have_attribute("data-result", "right")
    expect(trainee.get_by_test_id("check-outcome")).to_have_text("AC-2")
    note = TrainerNote.objects.get(outcome="AC-2")
    expect(trainee.get_by_test_id("check-explanation")).to_have_text(
        getattr(note, NOTE_FIELD[language])
    )

    # The trainer's board shows the seat's answer right, with the time taken.
    page.get_by_test_id("board-refresh").click()
    expect(cell).to_have_attribute("data-state", "right")
    expect(page.locator('[data-testid="exercise-seat-row"][data-seat="1"]')).to_be_visible()


def test_the_self_paced_course_walks_the_exercises_to_a_score(page, browser_sample_data):
    page.goto("/en/exercises/")
    page.get_by_test_id("course-start").click()
    progress = page.get_by_test_id("course-progress")
    expect(progress).to_have_text("1 of 9 exercises")
    expect(page.get_by_test_id("seat-badge")).to_be_visible()  # a seat of one's own
    page.locator('[data-choice="billing-admin"]').check()
    page.get_by_test_id("exercise-submit").click()
    expect(page.get_by_test_id("exercise-check")).to_have_attribute("data-result", "right")
    page.get_by_test_id("course-next").click()
    expect(progress).to_have_text("2 of 9 exercises")
    page.get_by_test_id("course-previous").click()
    expect(progress).to_have_text("1 of 9 exercises")
    page.goto("/en/exercises/course/9/")
    page.get_by_test_id("course-finish").click()
    expect(page.get_by_test_id("course-score")).to_have_text("You answered 1 of 9 exercises right.")
