"""The Admin Center's pages: sign-in, refusal, overview, Manage Users and Add Licenses."""

import html
import re

import pytest
from django.conf import settings
from django.utils import translation

from accounts.decisions import Outcome
from accounts.models import User
from admin_center.views import USERS_PER_PAGE, user_rows
from tests import outcome_table
from tests.factories import AccountFactory, SubscriptionFactory, UserFactory

LANGUAGES = ["en", "es", "pt-br"]
PAGES = ["", "users/", "add-licenses/"]
NAV = 'data-testid="admin-center-nav"'

# language -> the article's words on each page (docs/words.md)
WORDS = {
    "en": {
        "add_licenses": "Add Licenses",
        "manage_users": "Manage Users",
        "refused": "The Admin Center is for account admins",
        "AC-2": "Contact your billing admin to make changes to the products or licenses",
        "send_email": "Send email",
        "no_billing_admin": "has no billing admin",
        "AC-3": "Select a product to sign in to the Billing Center and add licenses.",
        "fallback": "If you still cannot tell who the billing contact is",
        "billing_admin_role": "billing admin",
        "billing_contact": "Billing contact",
    },
    "es": {
        "add_licenses": "Añadir licencias",
        "manage_users": "Administrar usuarios",
        "refused": "El Centro de administración es para los administradores de la cuenta",
        "AC-2": "Póngase en contacto con el administrador de facturación para efectuar cambios",
        "send_email": "Enviar correo",
        "no_billing_admin": "no tiene administrador de facturación",
        "AC-3": "Seleccione un producto para iniciar sesión en el Centro de facturación y añadir",
        "fallback": "Si sigue sin averiguar quién es el contacto de facturación",
        "billing_admin_role": "administrador de facturación",
        "billing_contact": "Contacto de facturación",
    },
    "pt-br": {
        "add_licenses": "Adicionar licenças",
        "manage_users": "Gerenciar usuários",
        "refused": "O Centro de Administração é para administradores da conta",
        "AC-2": "Entre em contato com o administrador de cobrança para fazer alterações",
        "send_email": "Enviar e-mail",
        "no_billing_admin": "não tem administrador de cobrança",
        "AC-3": "Selecione um produto para efetuar login no Centro de faturamento e adicionar",
        "fallback": "Se você ainda não tiver certeza de quem é o contato de cobrança",
        "billing_admin_role": "administrador de cobrança",
        "billing_contact": "Contato de cobrança",
    },
}

# persona -> outcome of "Add Licenses", for the personas the Admin Center lets in
ADD_LICENSES = {
    key: Outcome(outcome_table.add_licenses(key))
    for key in outcome_table.PATHS
    if outcome_table.add_licenses(key) is not None
}
# who the Admin Center refuses
REFUSED = [key for key in outcome_table.PATHS if outcome_table.add_licenses(key) is None]


def content(response) -> str:
    return response.content.decode()


def sign_in(client, email, language="en", **extra):
    return client.post(
        f"/{language}/admin-center/sign-in/",
        {"username": email, "password": settings.SANDBOX_PASSWORD, **extra},
    )


# Sign-in and sign-out


@pytest.mark.parametrize("language", LANGUAGES)
def test_sign_in_lands_on_the_admin_center(client, sample_data, language):
    response = sign_in(client, "bruno.admin@acme.example", language)
    assert response.status_code == 302
    assert response["Location"] == f"/{language}/admin-center/"
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert NAV in content(page)


def test_sign_in_page_prefills_email(client, db):
    response = client.get("/en/admin-center/sign-in/", {"email": "bruno.admin@acme.example"})
    assert response.status_code == 200
    assert 'value="bruno.admin@acme.example"' in content(response)
    assert NAV not in content(response)


def test_sign_in_follows_only_same_site_next(client, sample_data):
    response = sign_in(client, "bruno.admin@acme.example", next="/en/admin-center/users/")
    assert response["Location"] == "/en/admin-center/users/"
    client.logout()
    response = sign_in(client, "bruno.admin@acme.example", next="https://evil.example/")
    assert response["Location"] == "/en/admin-center/"


@pytest.mark.parametrize("language", LANGUAGES)
def test_wrong_password_is_a_translated_form_error(client, sample_data, language):
    response = client.post(
        f"/{language}/admin-center/sign-in/",
        {"username": "bruno.admin@acme.example", "password": "wrong"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert "_auth_user_id" not in client.session


def test_billing_center_session_serves_the_admin_center(client, sample_data):
    response = client.post(
        "/en/billing/sign-in/",
        {"username": "bruno.admin@acme.example", "password": settings.SANDBOX_PASSWORD},
    )
    assert response.status_code == 302
    assert client.get("/en/admin-center/users/").status_code == 200


def test_sign_out(client, persona):
    client.force_login(persona("bruno"))
    response = client.post("/es/admin-center/sign-out/")
    assert response.status_code == 302
    assert response["Location"] == "/es/admin-center/sign-in/"
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("path", PAGES)
def test_anonymous_is_sent_to_sign_in(client, db, path):
    response = client.get(f"/en/admin-center/{path}")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/admin-center/sign-in/?next=")


# Refusal: the Admin Center is for account admins


@pytest.mark.parametrize("key", REFUSED)
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", PAGES)
def test_non_admins_are_refused_without_navigation(client, persona, key, language, path):
    client.force_login(persona(key))
    response = client.get(f"/{language}/admin-center/{path}")
    assert response.status_code == 403
    page = content(response)
    assert WORDS[language]["refused"] in page
    assert persona(key).email in page
    assert NAV not in page
    assert [link for link in re.findall(r'href="([^"]+)"', page) if "admin-center" in link] == []
    assert "data-outcome" not in page


def test_refused_person_can_sign_out(client, persona):
    client.force_login(persona("carla"))
    page = content(client.get("/en/admin-center/"))
    assert 'data-testid="sign-out"' in page


# Layout


@pytest.mark.parametrize("language", LANGUAGES)
def test_left_navigation_lists_working_items(client, persona, language):
    client.force_login(persona("bruno"))
    page = content(client.get(f"/{language}/admin-center/"))
    nav = page.split(NAV)[1].split("</nav>")[0]
    links = re.findall(r'href="([^"]+)"', nav)
    assert links == [
        f"/{language}/admin-center/",
        f"/{language}/admin-center/users/",
        f"/{language}/admin-center/add-licenses/",
    ]
    assert WORDS[language]["manage_users"] in nav
    assert WORDS[language]["add_licenses"] in nav
    assert 'aria-label="' in page.split(NAV)[0].rsplit("<nav", 1)[1]
    assert 'aria-current="page"' in nav


# Add Licenses: persona x outcome x language


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("key", "outcome"), ADD_LICENSES.items())
def test_add_licenses_table(client, persona, language, key, outcome):
    client.force_login(persona(key))
    response = client.get(f"/{language}/admin-center/add-licenses/")
    words = WORDS[language]
    if outcome == Outcome.AC_1:
        assert response.status_code == 302
        # To Subscriptions, saying where from: the page shows AC-1, not BC-1.
        assert response["Location"] == f"/{language}/billing/subscriptions/?from=admin-center"
        return
    assert response.status_code == 200
    assert response.context["outcome"] == outcome
    page = content(response)
    assert f'data-outcome="{outcome}"' in page
    assert words[outcome.value] in page
    # The article's fallback line comes after the outcome.
    assert page.index(words["fallback"]) > page.index(words[outcome.value])


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("key", ["ana", "fernanda"])
def test_ac1_subscriptions_show_ac1_and_its_note_not_bc1(client, persona, language, key):
    """Add Licenses in the Admin Center lands on Subscriptions as AC-1, with AC-1's trainer
    note; signing in to the Billing Center lands on the same page as BC-1."""
    from sandbox.sample_data import TRAINER_NOTES

    client.force_login(persona(key))
    arrived = client.get(f"/{language}/admin-center/add-licenses/", follow=True)
    page = content(arrived)
    assert arrived.redirect_chain[-1][0].startswith(f"/{language}/billing/subscriptions/")
    assert 'data-outcome="AC-1"' in page and 'data-note-outcome="AC-1"' in page
    note_language = language.replace("-", "_")
    assert html.escape(TRAINER_NOTES[Outcome.AC_1].title[note_language]) in page
    signed_in = content(client.get(f"/{language}/billing/", follow=True))
    assert 'data-outcome="BC-1"' in signed_in and 'data-note-outcome="BC-1"' in signed_in


def test_add_licenses_is_decided_only_by_the_decision_function(client, persona, monkeypatch):
    monkeypatch.setattr("admin_center.views.add_licenses_outcome", lambda user: Outcome.AC_3)
    client.force_login(persona("bruno"))
    response = client.get("/en/admin-center/add-licenses/")
    assert response.context["outcome"] == Outcome.AC_3
    monkeypatch.setattr("admin_center.views.add_licenses_outcome", lambda user: Outcome.AC_1)
    assert client.get("/en/admin-center/add-licenses/").status_code == 302


# AC-2's Send email link for Bruno asking Ana, written out (not built with the view's function).
MAILTO = {
    "en": (
        "mailto:ana.billing@acme.example?subject=Change%20of%20products%20or%20licenses%20for"
        "%20Acme%20Support&body=Hello%20Ana%20Ortega%2C%0D%0A%0D%0AI%20would%20like%20to%20make"
        "%20changes%20to%20the%20products%20or%20licenses%20of%20our%20account%20Acme%20Support."
        "%20You%20are%20its%20billing%20admin%3A%20could%20you%20make%20them%20in%20the%20Billing"
        "%20Center%3F%0D%0A%0D%0AThank%20you%2C%0D%0ABruno%20Silva%20%28bruno.admin%40acme.example%29"
    ),
    "es": (
        "mailto:ana.billing@acme.example?subject=Cambios%20en%20los%20productos%20o%20licencias"
        "%20de%20Acme%20Support&body=Hola%2C%20Ana%20Ortega%3A%0D%0A%0D%0AMe%20gustar%C3%ADa"
        "%20efectuar%20cambios%20en%20los%20productos%20o%20licencias%20de%20nuestra%20cuenta"
        "%20Acme%20Support.%20Usted%20es%20su%20administrador%20de%20facturaci%C3%B3n%3A%20%C2%BF"
        "podr%C3%ADa%20efectuarlos%20en%20el%20Centro%20de%20facturaci%C3%B3n%3F%0D%0A%0D%0A"
        "Gracias%2C%0D%0ABruno%20Silva%20%28bruno.admin%40acme.example%29"
    ),
    "pt-br": (
        "mailto:ana.billing@acme.example?subject=Altera%C3%A7%C3%B5es%20nos%20produtos%20ou%20no"
        "%20licenciamento%20de%20Acme%20Support&body=Ol%C3%A1%2C%20Ana%20Ortega%2C%0D%0A%0D%0A"
        "Gostaria%20de%20fazer%20altera%C3%A7%C3%B5es%20nos%20produtos%20ou%20no%20licenciamento"
        "%20da%20nossa%20conta%20Acme%20Support.%20Voc%C3%AA%20%C3%A9%20o%20administrador%20de"
        "%20cobran%C3%A7a%20dela%3A%20poderia%20faz%C3%AA-las%20no%20Centro%20de%20faturamento%3F"
        "%0D%0A%0D%0AObrigado%2C%0D%0ABruno%20Silva%20%28bruno.admin%40acme.example%29"
    ),
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_ac2_names_the_billing_admin_with_send_email(client, persona, language):
    bruno = persona("bruno")
    client.force_login(bruno)
    page = content(client.get(f"/{language}/admin-center/add-licenses/"))
    assert "Ana Ortega" in page
    assert "ana.billing@acme.example" in page
    link = re.search(
        r'<a [^>]*href="(mailto:[^"]+)"[^>]*data-testid="send-email"[^>]*>([^<]+)<', page
    )
    assert link, "no Send email link"
    assert link.group(2) == WORDS[language]["send_email"]
    assert html.unescape(link.group(1)) == MAILTO[language]


@pytest.mark.parametrize("language", LANGUAGES)
def test_ac2_without_billing_admin_says_so(client, db, language):
    admin = UserFactory(account_admin=True)
    client.force_login(admin)
    response = client.get(f"/{language}/admin-center/add-licenses/")
    assert response.context["outcome"] == Outcome.AC_2
    page = content(response)
    assert WORDS[language]["no_billing_admin"] in page
    assert "mailto:" not in page
    assert 'data-testid="send-email"' not in page


@pytest.mark.parametrize("language", LANGUAGES)
def test_ac3_shows_the_account_products_and_the_portal(client, persona, language):
    client.force_login(persona("diego"))
    page = content(client.get(f"/{language}/admin-center/add-licenses/"))
    for code, name in [
        ("gotoassist-rs5", "GoToAssist Remote Support v5"),
        ("gotomeeting", "GoToMeeting"),
        ("gotowebinar", "GoToWebinar"),
    ]:
        link = re.search(
            rf'<a [^>]*href="([^"]+)"[^>]*data-testid="product-{code}">\s*<img [^>]*>', page
        )
        assert link, code
        assert link.group(1) == f"/{language}/billing/"  # the landing, signed in
        assert f'src="/static/img/products/{code}.svg"' in link.group(0)
        alt = re.search(r'alt="([^"]+)"', link.group(0)).group(1)
        assert name in alt
        assert (settings.BASE_DIR / "static" / "img" / "products" / f"{code}.svg").exists()
    portal = re.search(r'<a href="([^"]+)" data-testid="corp-portal-link">([^<]+)</a>', page)
    assert html.unescape(portal.group(1)) == f"/{language}/corp-billing/?from=admin-center"
    assert portal.group(2) == "https://link.logmeininc.com/corp-billing"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("key", ["diego", "elena"])
def test_ac3_product_logo_leads_signed_in_to_bc2b_and_the_portal(client, persona, language, key):
    """A product's logo opens the Billing Center with the person's LogMeIn ID: the landing
    says BC-2 (wrong location), its account profile link My Account (BC-2b), whose Go to
    Billing is the portal's sign-in."""
    client.force_login(persona(key))
    page = content(client.get(f"/{language}/admin-center/add-licenses/"))
    logo = re.search(r'<a [^>]*href="([^"]+)"[^>]*data-testid="product-gotomeeting">', page)
    landed = client.get(html.unescape(logo.group(1)), follow=True)
    wrong_location = content(landed)
    assert landed.redirect_chain[-1][0] == f"/{language}/billing/wrong-location/"
    assert 'data-outcome="BC-2"' in wrong_location
    assert 'data-testid="sign-in-form"' not in wrong_location
    profile = re.search(r'<a href="([^"]+)" data-testid="bc-account-profile">', wrong_location)
    my_account = content(client.get(html.unescape(profile.group(1))))
    assert 'data-outcome="BC-2b"' in my_account
    go_to_billing = re.search(r'href="([^"]+)" data-testid="bc-go-to-billing"', my_account)
    assert go_to_billing.group(1) == f"/{language}/corp-billing/"


def test_ac3_lists_only_the_account_products(client, db):
    admin = UserFactory(account_admin=True, account=AccountFactory(corporate=True))
    SubscriptionFactory(account=admin.account)
    SubscriptionFactory()  # another account's product
    client.force_login(admin)
    response = client.get("/en/admin-center/add-licenses/")
    assert len(response.context["subscriptions"]) == 1
    assert page_product_count(content(response)) == 1


def page_product_count(page: str) -> int:
    return page.count('<img class="product-logo"')


# Manage Users


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("key", ["ana", "bruno"])
def test_manage_users_lists_roles_and_marks_billing_contact(client, persona, language, key):
    client.force_login(persona(key))
    response = client.get(f"/{language}/admin-center/users/")
    assert response.status_code == 200
    rows = {row.user.email: row for row in response.context["rows"]}
    assert set(rows) == {
        "ana.billing@acme.example",
        "bruno.admin@acme.example",
        "carla.agent@acme.example",
    }
    assert [row.user.email for row in rows.values() if row.is_billing_contact] == [
        "ana.billing@acme.example"
    ]
    page = content(response)
    words = WORDS[language]
    ana_row = page.split('data-billing-contact="true"')[1].split("</tr>")[0]
    assert "ana.billing@acme.example" in ana_row
    assert words["billing_contact"] in ana_row
    assert words["billing_admin_role"] in ana_row
    assert page.count('data-billing-contact="true"') == 1


def test_manage_users_shows_only_own_account(client, persona):
    client.force_login(persona("diego"))
    emails = {row.user.email for row in client.get("/en/admin-center/users/").context["rows"]}
    assert emails == {"diego.corp@globex.example", "elena.corp@globex.example"}
    assert 'data-testid="corporate-billing-note"' in content(client.get("/en/admin-center/users/"))


def test_billing_contact_hidden_from_who_may_not_see_it(persona):
    # can_see_billing_contact says no for someone of another account: nothing reveals Ana.
    acme = persona("ana").account
    with translation.override("en"):
        rows = user_rows(acme.users.all(), viewer=persona("diego"), account=acme)
        assert not any(row.is_billing_contact for row in rows)
        assert not any("billing admin" in row.roles for row in rows)
        visible = user_rows(acme.users.all(), viewer=persona("bruno"), account=acme)
        assert [row.user.email for row in visible if row.is_billing_contact] == [
            "ana.billing@acme.example"
        ]


def make_account_with_users(count: int) -> User:
    account = AccountFactory()
    admin = UserFactory(account=account, billing_admin=True)
    User.objects.bulk_create(
        User(
            email=f"user{n}@{account.pk}.example",
            first_name="User",
            last_name=f"{n:04}",
            account=account,
        )
        for n in range(count - 1)
    )
    return admin


def test_manage_users_is_paginated(client, db):
    admin = make_account_with_users(USERS_PER_PAGE + 5)
    client.force_login(admin)
    first = client.get("/en/admin-center/users/")
    assert len(first.context["rows"]) == USERS_PER_PAGE
    assert 'data-testid="page-next"' in content(first)
    second = client.get("/en/admin-center/users/", {"page": 2})
    assert len(second.context["rows"]) == 5
    assert client.get("/en/admin-center/users/", {"page": 99}).status_code == 404
    assert client.get("/en/admin-center/users/", {"page": "x"}).status_code == 404


@pytest.mark.parametrize("size", [5, 500])
def test_manage_users_query_count_is_constant(client, db, django_assert_num_queries, size):
    admin = make_account_with_users(size)
    client.force_login(admin)
    # session, user with their account (accounts.backends.UserBackend), count, page of users
    with django_assert_num_queries(4):
        response = client.get("/en/admin-center/users/")
    assert response.context["paginator"].count == size
