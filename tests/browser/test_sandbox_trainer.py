"""The trainers' layer in a real browser: the guide, the notes toggle, a started scenario,
and a reset from the trainer's button."""

import re

import pytest
from django.conf import settings

from accounts.models import Subscription
from sandbox.models import MailboxMessage
from tests.browser.trainer import trainer_signs_in

GUIDE = {
    "en": ("Scenario guide", "Sign in to the Billing Center"),
    "es": ("Guía de escenarios", "Inicio de sesión en el Centro de facturación"),
    "pt-br": ("Guia de cenários", "Efetuar login no Centro de faturamento"),
}


@pytest.mark.parametrize(("language", "words"), GUIDE.items())
def test_guide_in_each_language(page, browser_sample_data, page_checks, language, words):
    page.goto(f"/{language}/guide/")
    title, table = words
    assert page.get_by_role("heading", name=title, level=1).is_visible()
    assert page.get_by_role("heading", name=table).is_visible()
    elena = page.get_by_test_id("branch-billing-center-BC-2-BC-2b-BC-2c")
    assert elena.get_by_test_id("outcome-id").inner_text() == "BC-2c"
    assert elena.get_by_role("link", name="Elena Costa").is_visible()


def sign_in(page, language, email, center, lands_on):
    page.goto(f"/{language}/{center}/sign-in/?email={email}&next=/{language}/{center}/{lands_on}")
    page.locator("input[name=password]").fill(settings.SANDBOX_PASSWORD)
    page.get_by_test_id("sign-in-submit").click()
    page.wait_for_url(f"**/{language}/{center}/{lands_on}")


def test_trainer_note_toggle(page, browser_sample_data):
    # Bruno's Add Licenses is AC-2: a real outcome page, with its note.
    sign_in(page, "en", "bruno.admin@acme.example", "admin-center", "add-licenses/")
    assert page.get_by_test_id("trainer-note-outcome").inner_text() == "AC-2"

    page.get_by_test_id("trainer-notes-toggle").click()
    page.wait_for_url("**/en/admin-center/add-licenses/")
    assert page.get_by_test_id("trainer-note").count() == 0
    # Remembered in this browser, in any language, whoever signs in next (Ana: BC-1).
    page.get_by_test_id("sign-out").click()
    page.wait_for_url("**/en/admin-center/sign-in/**")
    sign_in(page, "es", "ana.billing@acme.example", "billing", "subscriptions/")
    assert page.locator("body").get_attribute("data-outcome") == "BC-1"
    assert page.get_by_test_id("trainer-note").count() == 0

    page.get_by_test_id("trainer-notes-toggle").click()
    page.wait_for_url("**/es/billing/subscriptions/")
    assert "administrador de facturación" in page.get_by_test_id("trainer-note").inner_text()


def test_scenario_started_from_the_guide_opens_the_sign_in_with_the_email(
    page, browser_sample_data
):
    page.goto("/en/guide/")
    page.get_by_test_id("start-admin-center-AC-2-bruno").click()
    page.wait_for_url(re.compile(r"/en/admin-center/sign-in/\?email="))
    assert page.get_by_label("Email address").input_value() == "bruno.admin@acme.example"
    assert page.get_by_label("Password").input_value() == ""  # the trainee types it


def test_trainer_resets_from_the_browser(page, browser_sample_data, trainer_credentials):
    trainer_signs_in(page, trainer_credentials, "/en/reset/")

    # What a trainee just did: an order of 25 licenses, and its confirmation email.
    Subscription.objects.filter(
        account__name="Acme Support", product__code="gotoassist-rs5"
    ).update(licenses=25)
    MailboxMessage.objects.create(
        recipient="ana.billing@acme.example", sender="x", subject="Order confirmation", body="-"
    )

    page.get_by_test_id("reset-confirm").click()
    page.wait_for_url("**/en/reset/")
    assert "reset to the sample data" in page.get_by_test_id("flash-message").inner_text()
    assert page.get_by_test_id("nav-reset").is_visible()  # still signed in as the trainer
    licenses = Subscription.objects.get(
        account__name="Acme Support", product__code="gotoassist-rs5"
    ).licenses
    assert licenses == 10
    assert not MailboxMessage.objects.filter(subject="Order confirmation").exists()


@pytest.mark.parametrize(("key", "outcome"), [("ana", "BC-1"), ("bruno", "BC-2")])
def test_scenario_started_from_the_guide_ends_on_its_outcome(
    page, browser_sample_data, key, outcome
):
    page.goto("/en/guide/")
    page.get_by_test_id(f"start-billing-center-{outcome}-{key}").click()
    page.get_by_label("Password").fill("sandbox-2026")
    page.get_by_test_id("sign-in-submit").click()
    page.wait_for_selector(f'body[data-outcome="{outcome}"]')
    assert page.get_by_test_id("trainer-note-outcome").inner_text() == outcome
