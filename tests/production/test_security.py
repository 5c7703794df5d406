"""Generic security tests over whatever screens exist: CSRF on every POST form, no open
redirect through `next`, no center page without the right sign-in, no page of one account
reachable by another."""

from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from .crawler import (
    CENTER_NAMESPACES,
    PASSWORD,
    center_urls,
    crawl,
    persona_client,
    url_name,
)
from .isolation import assert_accounts_isolated
from .test_hostile_input import _snapshot

PERSONAS = [None, "ana", "bruno", "carla", "diego", "elena", "fernanda", "trainer"]
HOSTILE_NEXT = [
    "//evil.example",
    "https://evil.example",
    "http://evil.example/en/",
    "/\\evil.example",
    "\\\\evil.example",
    "///evil.example",
    "https:evil.example",
    " //evil.example",
    "javascript:alert(1)",
]


def _is_same_site(location: str) -> bool:
    parts = urlsplit(location.strip())
    return (
        parts.netloc in ("", "testserver")
        and parts.scheme in ("", "http", "https")
        and not location.strip().startswith(("//", "/\\", "\\"))
    )


@pytest.mark.parametrize("persona_key", PERSONAS)
def test_every_post_form_requires_the_csrf_token(sample_data, persona_key):
    client = persona_client(Client(enforce_csrf_checks=True), persona_key)
    pages, forms = crawl(client)
    assert pages, "the crawler reached no page"
    assert forms, "the crawler found no POST form (the language switcher is on every page)"
    for form in forms:
        data = {k: v for k, v in form.default_data().items() if k != "csrfmiddlewaretoken"}
        response = client.post(form.action, data)
        assert response.status_code == 403, f"{form.action} (from {form.page}) accepted no token"


# sign-in URL name -> the credentials that sign in there
SIGN_INS = {
    "billing_center:sign-in": {"username": "ana.billing@acme.example", "password": PASSWORD},
    "admin_center:sign-in": {"username": "bruno.admin@acme.example", "password": PASSWORD},
    "corp_portal:sign-in": {"user_id": "GLOBEX-4471", "password": "corp-2026"},
}


def test_sign_ins_lists_every_sign_in():
    assert set(SIGN_INS) == {f"{ns}:sign-in" for ns in CENTER_NAMESPACES}


@pytest.mark.parametrize("name", SIGN_INS)
@pytest.mark.parametrize("next_url", HOSTILE_NEXT)
def test_sign_in_never_redirects_off_site(sample_data, name, next_url):
    """A successful sign-in with a hostile `next`: always a redirect, always on this site."""
    client = Client()
    path = reverse(name)
    assert client.get(path, {"next": next_url}).status_code == 200
    response = client.post(path, {**SIGN_INS[name], "next": next_url})
    assert response.status_code == 302, f"{name} did not sign in: {response.status_code}"
    assert _is_same_site(response["Location"]), (name, response["Location"])
    assert urlsplit(response["Location"]).path.startswith("/en/"), response["Location"]


@pytest.mark.parametrize("next_url", HOSTILE_NEXT)
def test_language_switch_never_redirects_off_site(client, db, next_url):
    for data, extra in [({"next": next_url}, {}), ({}, {"HTTP_REFERER": next_url})]:
        response = client.post("/i18n/setlang/", {"language": "es", **data}, **extra)
        assert response.status_code in (302, 204)
        if response.status_code == 302:
            assert _is_same_site(response["Location"]), response["Location"]


# Pages of a center that anyone may read: they explain, they show nothing of an account.
PUBLIC_PAGES = {"corp_portal:forgot-password"}


def _shows_a_sign_in_form(response) -> bool:
    return b'type="password"' in response.content


def _is_sign_in(location: str) -> bool:
    name = url_name(location)
    return name == "sign-in"


@pytest.mark.parametrize("language", ["en", "es", "pt-br"])
def test_no_center_page_without_signing_in(client, sample_data, language):
    urls = center_urls(language)
    assert urls
    for name, path in urls:
        response = client.get(path)
        if name.endswith(":sign-in") or name in PUBLIC_PAGES:
            assert response.status_code == 200, name
        elif name.endswith(":sign-out"):  # leaves nothing to see; may answer as it likes
            assert response.status_code < 500, name
        elif response.status_code == 405:  # an action that only accepts POST
            continue
        elif response.status_code == 200 and _shows_a_sign_in_form(response):
            continue  # the sign-in page itself, at this address
        else:
            assert response.status_code == 302, f"{name} answered {response.status_code}"
            assert _is_sign_in(response["Location"]), f"{name} -> {response['Location']}"


@pytest.mark.parametrize("persona_key", ["ana", "bruno", "carla", "elena", "trainer"])
def test_portal_pages_need_the_portal_sign_in(client, sample_data, persona_key):
    """A LogMeIn ID is not a portal login: the portal's pages send to its own sign-in."""
    persona_client(client, persona_key)
    checked = []
    for name, path in center_urls():
        if not name.startswith("corp_portal:") or name.endswith((":sign-in", ":sign-out")):
            continue
        if name in PUBLIC_PAGES:
            continue
        response = client.get(path)
        if response.status_code == 405:
            continue
        assert response.status_code == 302, f"{name} answered {response.status_code}"
        assert _is_sign_in(response["Location"]), f"{name} -> {response['Location']}"
        checked.append(name)
    # The loop checked the portal's pages (invoices, Bill To, ...), not an empty list.
    assert "corp_portal:invoices" in checked and len(checked) >= 5, checked


# Accounts whose billing admin has Billing Center pages with ids (the sample's standard accounts).
BILLING_CENTER_ACCOUNTS = ["ana", "fernanda"]


@pytest.mark.parametrize(
    ("owner", "intruder"),
    [(a, b) for a in BILLING_CENTER_ACCOUNTS for b in BILLING_CENTER_ACCOUNTS if a != b],
)
def test_billing_center_objects_of_one_account_are_404_to_another(sample_data, owner, intruder):
    tried = assert_accounts_isolated(
        persona_client(Client(), owner), persona_client(Client(), intruder), snapshot=_snapshot
    )
    assert tried >= 5  # subscriptions' add-licenses, edit, cancel, invoices, their forms


def _second_portal_account() -> Client:
    """Another corporate account with its own portal login, an open invoice (Pay Now), a
    subscription, a quote (on a subscription of its own) and an invoice contact."""
    from corp_portal.models import Invoice, InvoiceContact
    from corp_portal.views import SESSION_KEY
    from tests.corp_portal.factories import InvoiceFactory, PortalLoginFactory, QuoteFactory
    from tests.factories import SubscriptionFactory

    login = PortalLoginFactory()
    InvoiceFactory(account=login.account, status=Invoice.Status.OPEN)
    SubscriptionFactory(account=login.account)
    QuoteFactory(account=login.account)
    InvoiceContact.objects.create(account=login.account, name="AP", email="ap@other.example")
    client = Client()
    session = client.session
    session[SESSION_KEY] = login.pk
    session.save()
    return client


@pytest.mark.parametrize("diego_owns", [True, False], ids=["globex-owner", "globex-intruder"])
def test_portal_objects_of_one_account_are_404_to_another(sample_data, diego_owns):
    diego, other = persona_client(Client(), "diego"), _second_portal_account()
    owner, intruder = (diego, other) if diego_owns else (other, diego)
    tried = assert_accounts_isolated(owner, intruder, snapshot=_snapshot)
    assert tried >= 3  # an invoice, a subscription's add-seats, its form
