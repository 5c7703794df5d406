"""Trainers each with their own classes, in a real browser (issue 26): the lead trainer adds a
trainer from the header's Trainers page, the link in the Mailbox sets the new trainer's
password, and the new trainer signs in and sees only their own class."""

import re

from playwright.sync_api import expect

from classes.services import class_create
from sandbox.sample_data import PERSONAS_BY_KEY
from tests.browser.trainer import trainer_signs_in

EMAIL = "rosa@training.example"
PASSWORD = "quiet-harbour-1977-lantern"


def test_a_lead_adds_a_trainer_who_sets_a_password_and_sees_only_their_class(
    page, new_page, browser_sample_data, trainer_credentials, django_user_model
):
    lead = django_user_model.objects.get(email=PERSONAS_BY_KEY["trainer"].email)
    leads_class = class_create(name="Lead Tuesday", seat_count=1, language="en", owner=lead)

    trainer_signs_in(page, trainer_credentials)
    page.get_by_test_id("nav-trainers").click()
    expect(page.locator("h1")).to_have_text("Trainers")
    page.get_by_label("Name").fill("Rosa Díaz")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_test_id("trainer-add").click()
    expect(page.get_by_test_id("flash-message")).to_contain_text(EMAIL)
    row = page.locator(f'[data-testid="trainer-row"][data-email="{EMAIL}"]')
    expect(row.get_by_test_id("trainer-invited")).to_be_visible()

    page.goto(f"/en/mailbox/?to={EMAIL}")
    page.get_by_test_id("mailbox-message-link").click()
    body = page.get_by_test_id("mailbox-message")
    expect(body).to_contain_text("/trainers/password/")
    link = re.search(r"https?://\S+/trainers/password/\S+/", body.inner_text()).group(0)

    rosa = new_page()
    rosa.goto(link)
    rosa.locator("#id_new_password1").fill(PASSWORD)
    rosa.locator("#id_new_password2").fill(PASSWORD)
    rosa.get_by_test_id("trainer-password-set").click()
    # The trainer's sign-in, where the set password signs Rosa in.
    rosa.wait_for_url("**/django-admin/login/")
    rosa.locator("#id_username").fill(EMAIL)
    rosa.locator("#id_password").fill(PASSWORD)
    rosa.locator("input[type=submit]").click()
    rosa.wait_for_url("**/django-admin/")
    rosa.goto("/en/classes/")
    rosa.get_by_label("Class name").fill("Rosa Wednesday")
    rosa.get_by_label("Number of seats").fill("1")
    rosa.get_by_test_id("class-create").click()
    expect(rosa.get_by_test_id("flash-message")).to_contain_text("Rosa Wednesday")
    rosa.get_by_test_id("nav-classes").click()
    expect(rosa.locator("main")).to_contain_text("Rosa Wednesday")
    expect(rosa.locator("main")).not_to_contain_text("Lead Tuesday")
    expect(rosa.get_by_test_id("nav-trainers")).to_have_count(0)
    rosa.goto(f"/en/classes/{leads_class.code}/")
    expect(rosa.locator("h1")).not_to_contain_text("Lead Tuesday")
    expect(rosa.locator("main")).not_to_contain_text(leads_class.code)
