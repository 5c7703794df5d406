"""Small things that read wrong on the screen, each in every language."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation

from sandbox.models import MailboxMessage

LANGUAGES = ["en", "es", "pt-br"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_company_name_ending_a_sentence_has_one_period(client, persona, language):
    fernanda = persona("fernanda")
    assert fernanda.account.name.endswith("Ltda.")
    client.force_login(fernanda)
    for name in ["billing_center:subscriptions", "admin_center:home"]:
        with translation.override(language):
            content = client.get(reverse(name)).content.decode()
        assert "Ltda." in content, name
        assert "Ltda.." not in content, name


@pytest.mark.parametrize(
    ("language", "words"),
    [("en", "Page not found"), ("es", "Página no encontrada"), ("pt-br", "Página não encontrada")],
)
def test_reset_page_is_the_translated_404_to_a_non_trainer(client, persona, language, words):
    """A trainer page does not exist for anyone else (tests/production/test_trainer_pages.py)."""
    client.force_login(persona("ana"))
    for method in (client.get, client.post):
        response = method(f"/{language}/reset/")
        assert response.status_code == 404
        content = response.content.decode()
        assert words in content
        assert 'data-testid="reset-form"' not in content


@pytest.mark.parametrize("language", LANGUAGES)
def test_invoice_email_links_to_the_portal_sign_in(client, sample_data, language):
    message = MailboxMessage.objects.filter(recipient="diego.corp@globex.example").first()
    assert message is not None and "GLOBEX-4471" in message.body
    with translation.override(language):
        page = client.get(reverse("sandbox:mailbox-message", args=[message.pk]))
    links = re.findall(r'<a href="([^"]+)" data-testid="mail-link">', page.content.decode())
    assert links
    for code in LANGUAGES:  # the email is written in the three languages
        with translation.override(code):
            assert reverse("corp_portal:sign-in") in links
    sign_in = client.get(links[0])
    assert sign_in.status_code == 200
    assert 'name="user_id"' in sign_in.content.decode()


def test_mail_links_only_this_sites_paths_and_escape_the_rest():
    from sandbox.templatetags.sandbox_tags import link_site_paths

    linked = link_site_paths("<b>x</b> at /en/corp-billing/ or /etc/passwd or https://x/es/a/")
    assert linked.count("<a ") == 1
    assert "&lt;b&gt;" in linked
    assert '<a href="/en/corp-billing/"' in linked


def test_every_page_has_a_favicon_served_by_the_app(client, sample_data):
    content = client.get("/en/").content.decode()
    assert f'<link rel="icon" href="{static("img/favicon.svg")}"' in content
    assert finders.find("img/favicon.svg")
