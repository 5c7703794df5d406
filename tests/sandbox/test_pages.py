import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from sandbox.models import MailboxMessage
from tests import outcome_table

# language code -> words the home page must show in that language (docs/words.md)
HOME_WORDS = {
    "en": ["Billing Center", "Admin Center", "Corporate Billing Portal"],
    "es": [
        "Centro de facturación",
        "Centro de administración",
        "Portal de facturación para empresas",
    ],
    "pt-br": ["Centro de faturamento", "Centro de Administração", "Portal de Cobrança Corporativa"],
}


@pytest.mark.parametrize(("language", "words"), HOME_WORDS.items())
def test_home_lists_centers_and_personas_in_each_language(client, sample_data, language, words):
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    content = response.content.decode()
    for word in words:
        assert word in content
    for email in [
        "ana.billing@acme.example",
        "diego.corp@globex.example",
        "trainer@sandbox.example",
    ]:
        assert email in content
    assert "sandbox-2026" in content
    assert "https://link.logmeininc.com/corp-billing" in content


# a path's end that is no outcome -> what the persona table says instead
PATH_END_WORDS = {"refused": "refused", "portal-signed-in": "signs in"}


def test_home_shows_each_persona_outcomes(client, sample_data):
    content = client.get("/en/").content.decode()
    bruno_row = content.split('data-testid="persona-bruno"')[1].split("</tr>")[0]
    assert "BC-2" in bruno_row and "BC-2a" in bruno_row and "AC-2" in bruno_row
    carla_row = content.split('data-testid="persona-carla"')[1].split("</tr>")[0]
    assert "refused" in carla_row
    for key in outcome_table.CUSTOMERS:
        row = content.split(f'data-testid="persona-{key}"')[1].split("</tr>")[0]
        for path in outcome_table.PATHS[key].values():
            for step in path:
                assert PATH_END_WORDS.get(step, f">{step}</span>") in row


@pytest.mark.parametrize(
    ("accept_language", "prefix"),
    [("es-ES,es;q=0.9", "/es/"), ("pt-BR,pt;q=0.9", "/pt-br/"), ("de", "/en/")],
)
def test_first_visit_follows_browser_language(client, db, accept_language, prefix):
    response = client.get("/", headers={"accept-language": accept_language})
    assert response.status_code == 302
    assert response["Location"] == prefix


def test_language_switcher_keeps_the_page(client, db):
    response = client.post(
        reverse("set_language"), {"language": "es", "next": "/en/mailbox/?to=a%40b.c"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/es/mailbox/?to=a%40b.c"


def test_language_switcher_ignores_external_next(client, db):
    response = client.post(
        reverse("set_language"), {"language": "es", "next": "https://evil.example/"}
    )
    assert "evil.example" not in response["Location"]


@pytest.mark.parametrize(
    ("language", "title"),
    [("en", "Page not found"), ("es", "Página no encontrada"), ("pt-br", "Página não encontrada")],
)
def test_404_is_translated_and_plain(client, db, language, title):
    response = client.get(f"/{language}/no-such-page/")
    assert response.status_code == 404
    assert title in response.content.decode()
    assert "Traceback" not in response.content.decode()


def test_mailbox_keeps_every_email_per_recipient(client, db):
    mail.send_mail(
        "Invoice 1", "Your User ID", None, ["diego.corp@globex.example", "x@example.com"]
    )
    mail.send_mail("Order confirmed", "Thanks", None, ["diego.corp@globex.example"])
    assert MailboxMessage.objects.count() == 3

    response = client.get("/en/mailbox/", {"to": "diego.corp@globex.example"})
    subjects = [m.subject for m in response.context["messages_sent"]]
    assert subjects == ["Order confirmed", "Invoice 1"]

    message = MailboxMessage.objects.get(recipient="x@example.com")
    page = client.get(reverse("sandbox:mailbox-message", args=[message.pk]))
    assert "Your User ID" in page.content.decode()


def test_mailbox_message_not_found(client, db):
    with translation.override("en"):
        assert client.get(reverse("sandbox:mailbox-message", args=[999])).status_code == 404


@pytest.mark.parametrize("seat", ["default", "a class's"])
def test_the_home_page_reads_its_personas_in_two_queries(sample_data, seat, client):
    """The personas with their people and accounts in one query, the portal's logins in
    another, and no field read later row by row (the home page reads only the fields it
    shows: sandbox.views.HOME_FIELDS)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from classes.services import class_create

    if seat != "default":
        classroom = class_create(name="Monday", seat_count=1, language="en")
        client.get(reverse("seats:enter", kwargs={"token": classroom.seats.get().token}))
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/en/")
    assert response.status_code == 200
    sql = [query["sql"] for query in captured]
    reads = [q for q in sql if "sandbox_persona" in q or "portallogin" in q]
    assert len(reads) == 2, reads
    assert not [q for q in sql if '"accounts_user"' in q and "sandbox_persona" not in q]
