"""A real browser launched from the test LMS's course page: the LMS's page sends it to the
sandbox's login initiation, the LMS's authentication endpoint posts the signed launch back,
and the learner lands in their seat, in the LMS's language."""

import pytest
from playwright.sync_api import expect

from lms.models import LaunchedSeat
from lms.services import platform_register
from sandbox.trainers import trainer_load

from .platform import TestPlatform

pytestmark = pytest.mark.browser


@pytest.fixture
def live_platform(live_server, transactional_db, tool_key):
    from accounts.models import User
    from lms.keys import key_set
    from sandbox.trainers import TRAINER_EMAIL

    trainer_load()
    lms = TestPlatform(tool_key_set=key_set())
    platform_register(**lms.registration(), registered_by=User.objects.get(email=TRAINER_EMAIL))
    lms.pages["course"] = lms.start_page(live_server.url + "/lti/login/")
    yield lms
    lms.close()


def test_a_learner_launches_from_the_lms_page_into_their_seat(browser, live_server, live_platform):
    live_platform.auth_options = {"locale": "pt-BR", "person": {"name": "Beatriz Lima"}}
    context = browser.new_context(locale="en-US")
    context.set_default_timeout(15_000)
    try:
        page = context.new_page()
        page.goto(live_platform.url + "/page/course")
        expect(page.get_by_test_id("seat-badge-name")).to_have_text("Beatriz Lima")
        assert page.url == live_server.url + "/pt-br/"
        expect(page.locator("html")).to_have_attribute("lang", "pt-br")
        expect(page.get_by_text("Boas-vindas, Beatriz Lima")).to_be_visible()
    finally:
        context.close()
    assert LaunchedSeat.objects.get().seat.display_name == "Beatriz Lima"
