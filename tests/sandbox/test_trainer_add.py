"""A lead trainer adds trainers (issue 26): name and email on the Trainers page, or the
`trainer_add` command; the new trainer sets their password through a one-time link (in the
Mailbox, or printed once by the command) with the trainers' password rules, then signs in on
the trainer's sign-in."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation

from sandbox.models import MailboxMessage
from sandbox.trainers import TRAINERS_GROUP, is_lead, is_trainer

pytestmark = pytest.mark.django_db

EMAIL = "rosa@training.example"
STRONG = "quiet-harbour-1977-lantern"
LINK = re.compile(r"(?:https?://[^/\s]+)?(/\w+(?:-\w+)?/trainers/password/[^/\s]+/[^/\s]+/)")


def the_link(text: str) -> str:
    return LINK.search(text).group(1)


def add(client, name="Rosa Díaz", email=EMAIL):
    return client.post(reverse("sandbox:trainers"), {"name": name, "email": email})


def test_a_lead_adds_a_trainer_who_gets_a_link_in_the_mailbox(trainer_client):
    assert add(trainer_client).status_code == 302
    rosa = get_user_model().objects.get(email=EMAIL)
    assert rosa.is_staff and not rosa.is_superuser and rosa.is_active
    assert not rosa.has_usable_password()
    assert list(rosa.groups.values_list("name", flat=True)) == [TRAINERS_GROUP]
    assert is_trainer(rosa) and not is_lead(rosa)
    message = MailboxMessage.objects.get(recipient=EMAIL)
    assert "/trainers/password/" in message.body
    page = trainer_client.get(reverse("sandbox:trainers")).content.decode()
    assert EMAIL in page and 'data-testid="trainer-invited"' in page


def test_an_email_someone_has_is_refused_on_the_form(trainer_client):
    answer = add(trainer_client, email="trainer@sandbox.example")
    assert answer.status_code == 200
    assert "already has this email" in answer.content.decode()


def test_the_link_sets_a_password_by_the_rules_once_then_the_trainer_signs_in(trainer_client):
    add(trainer_client)
    link = the_link(MailboxMessage.objects.get(recipient=EMAIL).body)
    browser = Client()
    form_page = browser.get(link, follow=True)
    assert 'data-testid="trainer-password-form"' in form_page.content.decode()
    set_url = form_page.redirect_chain[-1][0]
    weak = browser.post(set_url, {"new_password1": "123", "new_password2": "123"})
    assert weak.status_code == 200
    assert 'data-testid="trainer-password-form"' in weak.content.decode()
    done = browser.post(set_url, {"new_password1": STRONG, "new_password2": STRONG})
    assert done.status_code == 302 and done["Location"] == reverse("admin:login")
    signed_in = browser.post(reverse("admin:login"), {"username": EMAIL, "password": STRONG})
    assert signed_in.status_code == 302 and "_auth_user_id" in browser.session
    assert browser.get(reverse("classes:list")).status_code == 200
    # The link worked once.
    again = Client().get(link, follow=True).content.decode()
    assert 'data-testid="trainer-password-invalid"' in again


def test_a_made_up_link_says_it_does_not_work(sample_data):
    page = Client().get(
        reverse("sandbox:trainer-password", kwargs={"uidb64": "MQ", "token": "abc-def"})
    )
    assert 'data-testid="trainer-password-invalid"' in page.content.decode()


def test_the_command_adds_a_trainer_and_prints_the_link_once(sample_data):
    out = io.StringIO()
    call_command("trainer_add", EMAIL, "Rosa Díaz", stdout=out)
    link = the_link(out.getvalue())
    rosa = get_user_model().objects.get(email=EMAIL)
    assert (rosa.first_name, rosa.last_name) == ("Rosa", "Díaz")
    assert Client().get(link, follow=True).status_code == 200


@pytest.mark.parametrize("language", ["en", "es", "pt-br"])
def test_the_trainers_page_is_a_lead_s_only_and_in_the_header(trainer_client, language):
    with translation.override(language):
        url = reverse("sandbox:trainers")
        home = reverse("sandbox:home")
    assert trainer_client.get(url).status_code == 200
    assert 'data-testid="nav-trainers"' in trainer_client.get(home).content.decode()
    add(trainer_client)
    rosa = Client()
    rosa.force_login(get_user_model().objects.get(email=EMAIL))
    assert rosa.get(url).status_code == 404
    assert 'data-testid="nav-trainers"' not in rosa.get(home).content.decode()


def test_the_link_in_the_mailbox_opens_for_trainers_only(trainer_client, client, persona):
    """The Mailbox is open to anyone who opens the sandbox; a new trainer's set-password link
    is not: mail to the sandbox's staff is listed and opened for staff only."""
    add(trainer_client)
    message = MailboxMessage.objects.get(recipient=EMAIL)
    ana = Client()
    ana.force_login(persona("ana"))
    for reader in (client, ana):  # nobody signed in; a persona
        listed = reader.get(reverse("sandbox:mailbox")).content.decode()
        assert EMAIL not in listed and "/trainers/password/" not in listed
        filtered = reader.get(reverse("sandbox:mailbox") + f"?to={EMAIL}").content.decode()
        assert 'data-testid="mailbox-message-link"' not in filtered
        opened = reader.get(reverse("sandbox:mailbox-message", kwargs={"pk": message.pk}))
        assert opened.status_code == 404
    listed = trainer_client.get(reverse("sandbox:mailbox")).content.decode()
    assert EMAIL in listed
    opened = trainer_client.get(reverse("sandbox:mailbox-message", kwargs={"pk": message.pk}))
    assert opened.status_code == 200 and "/trainers/password/" in opened.content.decode()


def test_the_migration_marks_the_links_sent_before_it_staff_only(trainer_client):
    """A database from before `staff_only`: the set-password links already in its Mailbox
    become staff only too (sandbox/migrations/0007), the other messages stay open."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("sandbox.migrations.0007_mailbox_staff_only")
    add(trainer_client)
    MailboxMessage.objects.update(staff_only=False)  # as the Mailbox was before the field
    other = MailboxMessage.objects.create(
        recipient="ana.billing@acme.example", sender="x@sandbox.example", subject="s", body="b"
    )
    migration.staff_mail_mark(apps, None)
    assert MailboxMessage.objects.get(recipient=EMAIL).staff_only
    other.refresh_from_db()
    assert not other.staff_only
