"""The crawler the generic tests stand on: it reaches every POST form of the templates, and
it never lets a persona stay silently signed out."""

import pytest
from django.http import HttpResponse
from django.test import Client

from api.tokens import trainer_token_create
from sandbox.trainers import trainer_add

from . import crawler
from .crawler import (
    cart_line_add,
    class_state,
    crawl,
    lockout_state,
    pending_cancellation_state,
    persona_client,
    template_post_forms,
)

PERSONAS = [None, "ana", "bruno", "carla", "diego", "elena", "fernanda", "trainer"]
# (template, data-testid) of a POST form the crawler cannot reach -> why. Empty: it reaches all.
UNREACHABLE: dict[tuple[str, str], str] = {
    ("corp_portal/reset_password.html", "portal-new-password-form"): (
        "only behind an emailed reset link (a signed token); "
        "tests/corp_portal/test_portal_fidelity.py submits it"
    ),
    ("course/course_material.html", "course-material-form"): (
        "the Course material button shows only where Chromium is (the test settings have none, so "
        "that no crawl starts a capture): tests/course/test_course_material.py and "
        "tests/browser/test_capture_screens.py press it"
    ),
    # In a seat of no class only (a self-paced or a script's seat): this crawl works in the
    # default seat and a class's seat; test_seat_isolation.py's crawl in a script's seat
    # reaches and submits them.
    ("sandbox/includes/clock_buttons.html", "clock-buttons"): "a seat of no class's Clock page",
    ("sandbox/includes/clock_buttons.html", "clock-date-form"): "a seat of no class's Clock page",
    ("sandbox/includes/state_controls.html", "state-start-form-{{ uid }}"): (
        "the guide's Start here, for the trainer (a seat picker) or in a seat of no class"
    ),
    ("sandbox/trainer_password.html", "trainer-password-form"): (
        "only behind the one-time link a new trainer is emailed (a signed token); "
        "tests/sandbox/test_trainer_add.py and tests/browser/test_trainers.py submit it"
    ),
    ("sandbox/trainer_sign_in_in_seat.html", "trainer-sign-in-leave-seat-form"): (
        "the trainer's sign-in opened in a seat, which no page of a seat links to: "
        "tests/sandbox/test_trainer_credentials.py and tests/browser/test_seats.py submit it"
    ),
    # Who gets a seat back: answers to a join with a taken name, or to a browser that asked
    # the trainer, or a seat link opened in another seat; every one of them switches the
    # browser's seat, which a crawl never does. tests/classes/test_seat_is_its_trainees.py
    # and tests/browser/test_classes.py submit them.
    ("classes/join_taken.html", "join-rejoin-form"): "the answer to a join with a taken name",
    ("classes/join_taken.html", "join-ask-form"): "the answer to a join with a taken name",
    ("classes/join_waiting.html", "join-waiting-form"): "a browser that asked the trainer",
    ("seats/enter_confirm.html", "enter-form"): "a seat link opened in another seat",
}


def test_every_post_form_of_the_templates_has_a_testid():
    forms = template_post_forms()
    assert len(forms) >= 19
    assert [tag for (_, testid), tag in forms.items() if not testid] == []


def test_the_crawler_reaches_every_post_form_of_the_templates(sample_data):
    pending_cancellation_state()  # the undo-cancel forms exist only then
    lockout_state()  # the Lockouts page's Clear form exists only then
    trainee = class_state()  # the join form, and a seat's own forms, exist only then
    trainer_token_create(name="crawled")  # the tokens page's Revoke form exists only then
    # The Trainers page's Deactivate form exists only for a trainer other than oneself.
    trainer_add(email="rosa@sandbox.example", name="Rosa", link_base="http://testserver")
    reached = set()
    for persona_key in PERSONAS:
        client = persona_client(Client(), persona_key)
        if persona_key == "ana":  # the cart's Remove and the checkout's Place Order need a line
            cart_line_add(client)
        _, forms = crawl(client)
        reached |= {(form.template, form.testid) for form in forms}
    _, forms = crawl(trainee)
    reached |= {(form.template, form.testid) for form in forms}
    missing = set(template_post_forms()) - reached - set(UNREACHABLE)
    assert missing == set(), f"POST forms no persona's crawl reached: {sorted(missing)}"
    stale = set(UNREACHABLE) & reached
    assert stale == set(), f"reached after all, remove from UNREACHABLE: {sorted(stale)}"


def test_the_crawler_reports_the_forms_shown_only_after_a_post(sample_data):
    _, forms = crawl(persona_client(Client(), "ana"))
    after_post = {(form.template, form.testid) for form in forms if form.after_post}
    assert ("billing_center/order.html", "bc-place-order-form") in after_post


class _PageWithoutForm:
    def get(self, path):
        return HttpResponse("<p>Maintenance</p>")


def test_portal_sign_in_fails_when_the_form_is_missing():
    with pytest.raises(AssertionError, match="no sign-in form"):
        crawler.portal_sign_in(_PageWithoutForm())


def test_portal_sign_in_fails_when_it_does_not_sign_in(sample_data, monkeypatch):
    monkeypatch.setattr(crawler, "PORTAL_PASSWORD", "not-the-password")
    with pytest.raises(AssertionError, match="did not sign Diego in"):
        crawler.portal_sign_in(Client())
