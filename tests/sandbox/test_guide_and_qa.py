"""The scenario guide, the QA page and the start-a-scenario links, in every language."""

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from accounts.decisions import Outcome
from sandbox import qa
from sandbox import sample_data as data
from sandbox.guide import guide_tables
from sandbox.personas import persona_rows
from sandbox.qa import qa_url_groups
from tests import outcome_table

# language -> the article's own words for the guide (docs/words.md)
ARTICLE_WORDS = {
    "en": [
        "Sign in to the Billing Center",
        "You are redirected to your account&#x27;s Subscriptions page",
        "In the left navigation, select Add Licenses.",
    ],
    "es": [
        "Inicio de sesión en el Centro de facturación",
        "Se le redirigirá a la página Suscripciones de su cuenta",
        "En el menú de navegación de la izquierda, seleccione Añadir licencias.",
        "Si no puede iniciar sesión en el Portal de facturación para empresas, no es el "
        "administrador de facturación.",
    ],
    "pt-br": [
        "Efetuar login no Centro de faturamento",
        "Você será redirecionado para a página Assinaturas de sua conta",
        "No painel de navegação à esquerda, selecione Adicionar licenças.",
        "Se não conseguir efetuar login no Portal de Cobrança Corporativa, você não é o "
        "administrador de cobrança.",
    ],
}

# (table, branch test id, persona keys that take it): from the one persona x outcome table.
BRANCHES = outcome_table.guide_branches()


@pytest.mark.parametrize(("language", "words"), ARTICLE_WORDS.items())
def test_guide_shows_the_article_in_each_language(client, sample_data, language, words):
    response = client.get(f"/{language}/guide/")
    assert response.status_code == 200
    content = response.content.decode()
    for word in words:
        assert word in content
    for outcome in Outcome.values:
        assert f">{outcome}</span>" in content


def test_guide_branches_name_the_personas_who_take_them(sample_data):
    with translation.override("en"):
        tables = guide_tables()
    found = {}

    def walk(branch_views):
        for view in branch_views:
            found[view.test_id] = [t.row.persona.key for t in view.takers]
            walk(view.children)

    for table in tables:
        for step in table.steps:
            walk(step.branches)
    assert len(BRANCHES) == 12
    for table, branch, keys in BRANCHES:
        assert found[f"{table}-{branch}"] == keys


@pytest.mark.parametrize(("table", "branch", "keys"), BRANCHES)
def test_each_persona_link_starts_the_scenario_in_the_right_center(
    client, sample_data, table, branch, keys
):
    content = client.get("/en/guide/").content.decode()
    sign_in = "/en/billing/sign-in/" if table == "billing-center" else "/en/admin-center/sign-in/"
    for key in keys:
        email = sample_data_email(key).replace("@", "%40")
        link = f'href="{sign_in}?email={email}" data-testid="start-{table}-{branch}-{key}"'
        assert link in content


def sample_data_email(key):
    return data.PERSONAS_BY_KEY[key].email


def test_guide_renders_in_constant_queries(client, sample_data, django_assert_num_queries):
    from sandbox.models import Persona
    from tests.factories import UserFactory

    # The personas with their users and accounts, and who holds a portal login.
    with django_assert_num_queries(2):
        client.get("/en/guide/")
    for i in range(8):  # the guide grows by eight personas, each in an account of their own
        Persona.objects.create(key=f"grown-{i}", user=UserFactory(), description="-")
    with django_assert_num_queries(2):
        client.get("/en/guide/")


def test_start_link_fills_in_the_email(client, sample_data):
    response = client.get("/es/admin-center/sign-in/?email=bruno.admin%40acme.example")
    assert 'value="bruno.admin@acme.example"' in response.content.decode()


def test_home_offers_start_links_for_each_persona(client, sample_data):
    content = client.get("/en/").content.decode()
    for key in outcome_table.CUSTOMERS:
        email = sample_data_email(key).replace("@", "%40")
        assert f'href="/en/billing/sign-in/?email={email}"' in content
        assert f'data-testid="start-{key}-admin_center"' in content


def test_persona_paths_follow_the_design(sample_data):
    paths = {
        row.persona.key: {
            outcome_table.BILLING_CENTER: [step.value for step in row.billing_center_path],
            outcome_table.ADMIN_CENTER: [step.value for step in row.admin_center_path],
        }
        for row in persona_rows()
    }
    assert paths == {key: outcome_table.PATHS[key] for key in outcome_table.CUSTOMERS}


QA_WORDS = {
    "en": ["Outcome ids", "GLOBEX-4471"],
    "es": ["Ids de resultado", "ID de usuario"],
    "pt-br": ["Ids de resultado", "ID de usuário"],
}


@pytest.mark.parametrize(("language", "words"), QA_WORDS.items())
def test_qa_page_lists_outcomes_personas_and_urls(client, sample_data, language, words):
    response = client.get(f"/{language}/qa/")
    assert response.status_code == 200
    content = response.content.decode()
    for word in words:
        assert word in content
    for outcome in Outcome:
        assert f'data-testid="qa-outcome-{outcome.value}"' in content
    for persona in data.PERSONAS:
        assert persona.email in content
    for url in [
        f"/{language}/billing/sign-in/",
        f"/{language}/admin-center/sign-in/",
        f"/{language}/corp-billing/",
        f"/{language}/guide/",
        f"/{language}/mailbox/&lt;pk&gt;/",
        f"/{language}/django-admin/",
    ]:
        assert url in content
    assert "BC-2 → BC-2b → BC-2c" in content


def test_qa_lists_every_url_name_once(client, db):
    with translation.override("en"):
        names = [url.name for group in qa_url_groups() for url in group.urls]
    assert "billing_center:sign-in" in names
    assert "sandbox:trainer-notes-toggle" in names  # found beyond the contract list
    assert {"course:course-material", "course:course-material-file"} <= set(names)
    assert len(names) == len(set(names))


def test_qa_url_that_no_longer_reverses_is_an_error(db, monkeypatch):
    # A renamed page must not silently disappear from the QA page.
    monkeypatch.setitem(qa.CONTRACT, "billing_center", ["sign-in", "no-such-page"])
    with translation.override("en"), pytest.raises(NoReverseMatch):
        qa.qa_url_groups()


@pytest.mark.parametrize("language", ["en", "es", "pt-br"])
def test_navigation_links_to_guide_and_qa(client, db, language):
    content = client.get(f"/{language}/mailbox/").content.decode()
    assert f'href="/{language}/guide/" data-testid="nav-guide"' in content
    assert f'href="/{language}/qa/" data-testid="nav-qa"' in content
    assert reverse("sandbox:guide")


def test_qa_json_for_scripts(client, sample_data):
    response = client.get("/es/qa.json")
    assert response["Content-Type"] == "application/json"
    facts = response.json()
    assert [o["id"] for o in facts["outcomes"]] == Outcome.values
    elena = next(p for p in facts["personas"] if p["key"] == "elena")
    assert elena["billing_center_path"] == ["BC-2", "BC-2b", "BC-2c"]
    assert elena["admin_center_start_url"] == (
        "/es/admin-center/sign-in/?email=elena.corp%40globex.example"
    )
    assert facts["urls"]["sandbox"]["sandbox:guide"] == "/es/guide/"
    assert facts["urls"]["course"]["course:course-material"] == "/es/course-material/"


def test_guide_names_the_vendor_page_each_real_console_screen_follows(client, sample_data):
    from sandbox.guide import AROUND_THE_ARTICLE

    content = client.get("/es/guide/").content.decode()
    assert content.count('data-testid="guide-real-console-screen"') == len(AROUND_THE_ARTICLE)
    assert "Añadir nueva suscripción" in content
    assert 'href="/es/billing/subscriptions/new/"' in content
