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


def serious_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{violation['id']} ({violation['impact']})"
        for violation in results.response["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]


def test_a_trainer_registers_an_lms_from_the_header(
    browser, live_server, transactional_db, tool_key, trainer_credentials
):
    trainer_load()
    email, password = trainer_credentials
    context = browser.new_context(locale="es-ES", base_url=live_server.url)
    context.set_default_timeout(15_000)
    try:
        page = context.new_page()
        page.goto("/es/django-admin/login/?next=/es/")
        page.locator("#id_username").fill(email)
        page.locator("#id_password").fill(password)
        page.locator("input[type=submit]").click()
        page.get_by_test_id("nav-lms").click()
        expect(page.get_by_test_id("lms-launch-url")).to_have_text(live_server.url + "/lti/launch/")
        expect(page.get_by_test_id("lms-public-key")).to_contain_text("BEGIN PUBLIC KEY")
        assert serious_violations(page) == []
        form = page.get_by_test_id("lms-register-form")
        form.get_by_label("Nombre").fill("Moodle")
        form.get_by_label("Emisor (issuer)").fill("https://moodle.example.com")
        form.get_by_label("ID de cliente").fill("AbC123")
        form.get_by_label("ID de implementación").fill("7")
        form.get_by_label("URL del conjunto de claves").fill(
            "https://moodle.example.com/mod/lti/certs.php"
        )
        form.get_by_label("URL del token de acceso").fill(
            "https://moodle.example.com/mod/lti/token.php"
        )
        form.get_by_label("URL de solicitud de autenticación").fill(
            "https://moodle.example.com/mod/lti/auth.php"
        )
        page.get_by_test_id("lms-register").click()
        expect(page.get_by_test_id("lms-row")).to_contain_text("AbC123")
    finally:
        context.close()
