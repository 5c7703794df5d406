"""AC-2's "Send email" link, parsed back: target, subject and body in each language."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import translation

from admin_center.mailto import billing_admin_mailto
from tests.factories import AccountFactory, UserFactory

# language -> words the subject and the body are written with
WORDS = {
    "en": ("Change of products or licenses for", "Hello", "Thank you"),
    "es": ("Cambios en los productos o licencias de", "Hola", "Gracias"),
    "pt-br": ("Alterações nos produtos ou no licenciamento de", "Olá", "Obrigado"),
}


def parse(mailto: str) -> tuple[str, str, str]:
    parts = urlsplit(mailto)
    assert parts.scheme == "mailto"
    query = parse_qs(parts.query, strict_parsing=True)
    assert set(query) == {"subject", "body"}
    assert len(query["subject"]) == len(query["body"]) == 1
    return parts.path, query["subject"][0], query["body"][0]


@pytest.mark.parametrize(("language", "words"), WORDS.items())
def test_mailto_names_account_and_requester_in_the_page_language(persona, language, words):
    ana, bruno = persona("ana"), persona("bruno")
    with translation.override(language):
        mailto = billing_admin_mailto(billing_admin=ana, requester=bruno, account=bruno.account)
    to, subject, body = parse(mailto)
    subject_words, greeting, thanks = words
    assert to == "ana.billing@acme.example"
    assert subject == f"{subject_words} Acme Support"
    first_line = body.split("\r\n")[0]
    assert first_line.startswith(greeting) and "Ana Ortega" in first_line
    assert "Acme Support" in body
    assert thanks in body
    assert body.endswith("\r\nBruno Silva (bruno.admin@acme.example)")


@pytest.mark.parametrize("language", WORDS)
def test_mailto_encodes_every_awkward_character(db, language):
    account = AccountFactory(name="R&D ?subject=x #1 100% <Ação>")
    billing_admin = UserFactory(
        account=account, billing_admin=True, first_name="Zoë", last_name="O'Hara+Co"
    )
    requester = UserFactory(
        account=account, account_admin=True, first_name="José&cc=x", last_name="Nuñez\nBcc: y"
    )
    with translation.override(language):
        mailto = billing_admin_mailto(
            billing_admin=billing_admin, requester=requester, account=account
        )
    # Nothing in the link itself may end a value or start a header.
    query = mailto.split("?", 1)[1]
    assert query.count("&") == 1 and query.count("=") == 2
    assert not set(" \n\r#<>'") & set(mailto)
    to, subject, body = parse(mailto)
    assert to == billing_admin.email
    assert subject.endswith("R&D ?subject=x #1 100% <Ação>")
    assert "Zoë O'Hara+Co" in body
    assert "José&cc=x Nuñez\r\nBcc: y" in body
    assert "\r\n\r\n" in body and "\n" not in body.replace("\r\n", "")
