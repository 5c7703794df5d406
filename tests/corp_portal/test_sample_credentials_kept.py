"""What a trainer demonstrates stays demonstrable: in the default seat of an open sandbox, the
portal's Forgot Password? is shown as it would be (the email, the link, the page saying it
worked) but Diego's sample portal password keeps working, and a trainer note says so. In a
seat, and in a closed sandbox, the new password is set for real."""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from accounts.models import Activity
from classes.services import class_create
from sandbox.models import MailboxMessage
from sandbox.sample_data import PERSONAS_BY_KEY
from sandbox.trainer_notes import COOKIE_NAME
from seats.scope import seat_scope

USER_ID = "GLOBEX-4471"
NEW_PASSWORD = "my-own-2026"


def url(name, language="en"):
    with translation.override(language):
        return reverse(f"corp_portal:{name}")


def signs_in(client, password: str) -> bool:
    response = client.post(url("sign-in"), {"user_id": USER_ID, "password": password})
    client.post(url("sign-out"))
    return response.status_code == 302


def new_password_through_forgot_password(client, language="en"):
    """Forgot Password? for GLOBEX-4471, the link in Diego's mailbox, a new password: the
    reset link's page and the page the new password leads to."""
    sent = client.post(url("forgot-password", language), {"user_id": USER_ID})
    assert 'data-testid="portal-reset-sent"' in sent.content.decode()
    message = MailboxMessage._base_manager.filter(
        recipient=PERSONAS_BY_KEY["diego"].email, subject__contains=USER_ID
    ).latest("pk")
    link = re.search(r"https?://\S+/reset-password/\S+/", message.body).group(0)
    form_page = client.get(link)
    assert 'data-testid="portal-new-password-form"' in form_page.content.decode()
    done = client.post(
        link, {"password": NEW_PASSWORD, "password_again": NEW_PASSWORD}, follow=True
    )
    assert done.redirect_chain[-1][0].startswith(url("sign-in", language))
    return form_page.content.decode(), done.content.decode()


@pytest.mark.parametrize(
    ("language", "set_words", "note_words"),
    [
        ("en", "Your new password is set", "sample password stays"),
        ("es", "Su nueva contraseña está establecida", "la contraseña de ejemplo se mantiene"),
        ("pt-br", "Sua nova senha está definida", "a senha de exemplo continua"),
    ],
)
def test_the_default_seat_keeps_diegos_portal_password(
    client, sample_data, language, set_words, note_words
):
    form_page, done_page = new_password_through_forgot_password(client, language)
    for page in (form_page, done_page):
        note = page.split('data-testid="trainer-note"')[1].split("</aside>")[0]
        assert note_words in note and settings.SANDBOX_PORTAL_PASSWORD in note
    assert set_words in done_page
    assert signs_in(client, settings.SANDBOX_PORTAL_PASSWORD)
    assert not signs_in(client, NEW_PASSWORD)
    assert Activity.objects.filter(action="portal_password_kept").exists()
    assert not Activity.objects.filter(action="portal_password_set").exists()


def test_the_note_follows_the_trainer_notes_switch(client, sample_data):
    client.cookies[COOKIE_NAME] = "off"
    form_page, done_page = new_password_through_forgot_password(client)
    assert 'data-testid="trainer-note"' not in form_page + done_page
    assert signs_in(client, settings.SANDBOX_PORTAL_PASSWORD)


def test_in_a_seat_the_new_password_is_set_for_real(sample_data):
    seat = class_create(name="Monday", seat_count=1, language="en").seats.get()
    client = Client()
    assert client.get(reverse("seats:enter", args=[seat.token])).status_code == 302
    form_page, done_page = new_password_through_forgot_password(client)
    assert 'data-testid="trainer-note"' not in form_page + done_page
    assert signs_in(client, NEW_PASSWORD)
    assert not signs_in(client, settings.SANDBOX_PORTAL_PASSWORD)
    with seat_scope(seat):
        assert Activity.objects.filter(action="portal_password_set").exists()
    # The default seat's Diego still signs in with the sample password.
    assert signs_in(Client(), settings.SANDBOX_PORTAL_PASSWORD)


def test_a_closed_sandbox_sets_the_new_password_for_real(client, sample_data, settings):
    settings.SANDBOX_OPEN = False
    new_password_through_forgot_password(client)
    assert signs_in(client, NEW_PASSWORD)
    assert not signs_in(client, settings.SANDBOX_PORTAL_PASSWORD)


# Every page of the site that sets a password -> why the sample credentials survive it.
PASSWORD_PAGES = {
    "corp_portal:forgot-password": "emails a reset link; sets nothing",
    "corp_portal:reset-password": "keeps the default seat's sample password (tests above)",
    "admin:password_change": "the signed-in staff member's own password; no persona is staff",
    "admin:password_change_done": "the page after it",
    "sandbox:trainer-password": "a new trainer's own first password, behind the one-time link "
    "emailed to them: staff, never a persona (tests/sandbox/test_trainer_add.py)",
    "admin:auth_user_password_change": "a person's password from the Django admin: refused to "
    "the trainer, whose admin is read-only (below); a superuser's tool, no visitor's",
}


def _url_names(patterns, namespace=""):
    for pattern in patterns:
        if hasattr(pattern, "url_patterns"):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _url_names(pattern.url_patterns, inner)
        elif pattern.name:
            yield f"{namespace}{pattern.name}", str(pattern.pattern)


def test_every_page_that_sets_a_password_is_known():
    """A new page that sets a password (a LogMeIn ID's Change password, say) must keep the
    default seat's sample credentials too: list it here once it does."""
    from django.urls import get_resolver

    found = {
        name
        for name, route in _url_names(get_resolver().url_patterns)
        if "password" in name.lower() or "password" in route.lower()
    }
    assert found == set(PASSWORD_PAGES)


def test_the_trainer_cannot_set_a_personas_password_in_the_django_admin(client, persona):
    ana = persona("ana")
    client.force_login(persona("trainer"))
    page = reverse("admin:auth_user_password_change", args=[ana.pk])
    data = {"password1": "trainer-typed-26", "password2": "trainer-typed-26"}
    assert client.post(page, data).status_code == 403
    ana.refresh_from_db()
    assert ana.check_password(settings.SANDBOX_PASSWORD)
