"""Trainer notes: the panel on outcome pages, the header toggle, the notes' content."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.decisions import Outcome
from sandbox import sample_data as data
from sandbox.models import TrainerNote
from tests.outcome_pages import outcome_page, outcome_page_url

LANGUAGES = {"en": "en", "es": "es", "pt-br": "pt_br"}


def test_every_outcome_has_a_note_in_every_language(sample_data):
    notes = {note.outcome: note for note in TrainerNote.objects.all()}
    assert set(notes) == set(Outcome.values)
    for note in notes.values():
        for field in LANGUAGES.values():
            assert getattr(note, f"title_{field}") and getattr(note, f"text_{field}")


def test_notes_speak_the_articles_terms(sample_data):
    note = TrainerNote.objects.get(outcome=Outcome.BC_1)
    assert note.text_en.startswith(
        "You were redirected to Subscriptions: this persona is the billing admin"
    )
    assert "Billing Center table, first row" in note.text_en
    assert "Suscripciones" in note.text_es and "administrador de facturación" in note.text_es
    assert "Assinaturas" in note.text_pt_br and "administrador de cobrança" in note.text_pt_br


@pytest.mark.parametrize("outcome", Outcome.values)
@pytest.mark.parametrize(("language", "field"), LANGUAGES.items())
def test_outcome_page_shows_its_note_in_the_page_language(
    client, sample_data, outcome, language, field
):
    response = outcome_page(client, outcome, language)
    content = response.content.decode()
    assert f'data-outcome="{outcome}"' in content
    assert 'data-testid="trainer-note"' in content and "<aside" in content
    text = getattr(sample_data_note(outcome), f"text_{field}")
    assert text in content.replace("&#x27;", "'").replace("&quot;", '"')


def sample_data_note(outcome):
    return TrainerNote.objects.get(outcome=outcome)


def test_page_without_outcome_has_no_note(client, sample_data):
    content = client.get("/en/").content.decode()
    assert 'data-testid="trainer-note"' not in content
    assert 'data-testid="trainer-notes-toggle"' in content


def queries_of(client, url):
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries)


def notes_set(client, value):
    client.post(reverse("sandbox:trainer-notes-toggle"), {"notes": value})


def test_note_costs_one_query(client, sample_data):
    page = outcome_page_url(client, Outcome.BC_1)  # warms caches (translations, templates)
    with_note = queries_of(client, page)
    notes_set(client, "off")
    assert with_note - queries_of(client, page) == 1
    without_outcome = queries_of(client, "/en/")
    notes_set(client, "on")
    assert queries_of(client, "/en/") == without_outcome


def test_toggle_off_hides_the_note_in_this_browser_and_on_shows_it(client, sample_data):
    page = outcome_page_url(client, Outcome.AC_2)
    assert 'data-testid="trainer-note"' in client.get(page).content.decode()

    response = client.post(reverse("sandbox:trainer-notes-toggle"), {"notes": "off", "next": page})
    assert response.status_code == 302 and response["Location"] == page
    content = client.get(page).content.decode()
    assert 'data-testid="trainer-note"' not in content
    assert 'data-notes="off"' in content
    assert (
        'data-testid="trainer-note"'
        not in outcome_page(client, Outcome.BC_1, "es").content.decode()
    )

    client.post(reverse("sandbox:trainer-notes-toggle"), {"notes": "on", "next": page})
    assert 'data-testid="trainer-note"' in outcome_page(client, Outcome.AC_2).content.decode()


def test_toggle_without_a_value_flips(client, sample_data):
    url = reverse("sandbox:trainer-notes-toggle")
    page = outcome_page_url(client, Outcome.BC_1)
    client.post(url, {"next": page})
    assert 'data-testid="trainer-note"' not in client.get(page).content.decode()
    client.post(url, {"next": page})
    assert 'data-testid="trainer-note"' in client.get(page).content.decode()


@pytest.mark.parametrize(
    "next_url",
    [
        "https://evil.example/",
        "//evil.example/path",
        "http://testserver.evil.example/",
        "javascript:alert(1)",
        "",
        "/\\evil.example",
    ],
)
def test_toggle_never_redirects_off_site(client, db, next_url):
    response = client.post(reverse("sandbox:trainer-notes-toggle"), {"next": next_url})
    assert response.status_code == 302
    assert response["Location"] == reverse("sandbox:home")


def test_toggle_keeps_a_same_site_query_string(client, db):
    response = client.post(
        reverse("sandbox:trainer-notes-toggle"), {"notes": "off", "next": "/en/mailbox/?to=a%40b.c"}
    )
    assert response["Location"] == "/en/mailbox/?to=a%40b.c"


def test_toggle_is_post_only_and_csrf_protected(db):
    client = Client(enforce_csrf_checks=True)
    url = reverse("sandbox:trainer-notes-toggle")
    assert client.get(url).status_code == 405
    assert client.post(url, {"notes": "off"}).status_code == 403


def test_note_edited_in_the_database_is_what_the_page_shows(client, sample_data):
    TrainerNote.objects.filter(outcome="BC-2a").update(text_en="Edited by the trainer.")
    assert "Edited by the trainer." in outcome_page(client, Outcome.BC_2A).content.decode()


def test_sample_notes_cover_exactly_the_outcomes():
    assert set(data.TRAINER_NOTES) == set(Outcome)
