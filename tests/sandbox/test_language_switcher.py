"""The language switcher lands on the same page in the chosen language, whatever language the
browser asks for and whatever the URL's prefix says (a shared /es/ link, a pt-BR browser on
/en/). It is a plain form: it works without JavaScript."""

import re
from html import unescape

import pytest
from django.conf import settings


def switch(client, page, language, **headers):
    """Open `page`, then press the switcher's button for `language`, as a browser would."""
    response = client.get(page, **headers)
    assert response.status_code in (200, 404)
    html = response.content.decode()
    form = re.search(
        r'<form action="([^"]+)"[^>]*data-testid="language-switcher".*?</form>', html, re.S
    )
    assert form, "no language switcher on the page"
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form.group(0)))
    assert f'name="language" value="{language}"' in form.group(0)
    return client.post(
        form.group(1),
        {**{k: unescape(v) for k, v in fields.items()}, "language": language},
        **headers,
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("browser_language", "page", "chosen", "lands_on"),
    [
        # A shared Spanish link opened by an English browser.
        ("en", "/es/guide/", "pt-br", "/pt-br/guide/"),
        ("en", "/es/guide/", "en", "/en/guide/"),
        ("en", "/es/guide/", "es", "/es/guide/"),
        # A Brazilian browser on an English page.
        ("pt-br", "/en/guide/", "es", "/es/guide/"),
        (
            "pt-br",
            "/en/mailbox/?to=ana.billing%40acme.example",
            "pt-br",
            "/pt-br/mailbox/?to=ana.billing%40acme.example",
        ),
        ("pt-br", "/en/billing/sign-in/", "es", "/es/billing/sign-in/"),
        # The ordinary case: the browser's language is the URL's.
        ("es", "/es/guide/", "en", "/en/guide/"),
        # A page that does not exist keeps its path in the other language too.
        ("en", "/es/no-such-page/", "pt-br", "/pt-br/no-such-page/"),
    ],
)
def test_switching_lands_on_the_same_page_in_the_chosen_language(
    client, browser_language, page, chosen, lands_on
):
    response = switch(client, page, chosen, HTTP_ACCEPT_LANGUAGE=browser_language)
    assert response.status_code == 302
    assert response["Location"] == lands_on
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == chosen


@pytest.mark.django_db
def test_after_a_switch_every_further_switch_still_moves(client):
    """A pt-BR cookie (an earlier switch) and an English URL: Spanish is one click away."""
    assert switch(client, "/en/guide/", "pt-br", HTTP_ACCEPT_LANGUAGE="en")["Location"] == (
        "/pt-br/guide/"
    )
    # The cookie now says pt-br; someone pastes an English link.
    assert switch(client, "/en/guide/", "es")["Location"] == "/es/guide/"
    assert switch(client, "/es/guide/", "en")["Location"] == "/en/guide/"
    page = client.get("/en/guide/")
    assert '<html lang="en">' in page.content.decode()


@pytest.mark.django_db
def test_a_foreign_next_is_not_followed(client):
    response = client.post(
        "/i18n/setlang/", {"language": "es", "next": "https://elsewhere.example/es/guide/"}
    )
    assert response.status_code == 302
    assert "elsewhere" not in response["Location"]
