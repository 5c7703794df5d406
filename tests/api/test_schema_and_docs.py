"""The OpenAPI 3 schema at /api/v1/openapi.json, and the documentation page that shows it,
served by the sandbox itself (no CDN)."""

import re

import pytest
from django.core.management import call_command
from django.urls import get_resolver
from drf_spectacular.validation import validate_schema
from openapi_spec_validator import validate as validate_openapi
from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

# The API's addresses that are no endpoint of the schema: the schema and its page, and the
# trainer's faults endpoints, left out of the public schema so that a trainee reading the docs
# page never learns that faults exist (api/faults_views.py, docs/faults.md).
NOT_ENDPOINTS = {"schema", "docs", "faults", "seat-faults"}


def _api_paths() -> set[str]:
    """Every endpoint path of the api URL namespace, as OpenAPI writes it."""
    _, resolver = get_resolver().namespace_dict["api"]
    paths = set()
    for pattern in resolver.url_patterns:
        if pattern.name in NOT_ENDPOINTS:
            continue
        route = re.sub(r"<\w+:(\w+)>", r"{\1}", str(pattern.pattern))
        paths.add(f"/api/v1/{route}")
    return paths


def test_the_schema_is_valid_openapi_3_and_lists_every_endpoint(client, db):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi+json")
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    validate_schema(schema)
    assert set(schema["paths"]) == _api_paths()
    assert _api_paths() >= {
        "/api/v1/seats/",
        "/api/v1/seats/{seat_id}/",
        "/api/v1/seats/{seat_id}/reset/",
        "/api/v1/outcomes/",
    }
    operations = {(method.upper(), path) for path, ops in schema["paths"].items() for method in ops}
    assert operations == {
        ("POST", "/api/v1/seats/"),
        ("GET", "/api/v1/seats/{seat_id}/"),
        ("DELETE", "/api/v1/seats/{seat_id}/"),
        ("POST", "/api/v1/seats/{seat_id}/reset/"),
        ("POST", "/api/v1/seats/{seat_id}/clock/"),
        ("GET", "/api/v1/outcomes/"),
        ("GET", "/api/v1/states/"),
        ("POST", "/api/v1/seats/{seat_id}/state/"),
        ("GET", "/api/v1/outcome-table/"),
        ("GET", "/api/v1/personas/"),
        ("GET", "/api/v1/seats/{seat_id}/personas/{key}/outcome/"),
        ("GET", "/api/v1/seats/{seat_id}/mailbox/"),
        ("GET", "/api/v1/seats/{seat_id}/activity/"),
    }
    assert schema["paths"]["/api/v1/seats/"]["post"]["responses"]["429"]


def test_every_operation_documents_every_status_it_can_answer(client, db):
    """A generated client knows every answer: what any endpoint may answer (a credential not
    valid or malformed, an Accept it cannot serve, a fault of the code), a body's limits, a
    seat's 404 and, without any credential, its 401; each with the error body."""
    schema = client.get("/api/v1/openapi.json").json()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            expected = {"401", "403", "406", "500"}
            if "requestBody" in operation:
                expected |= {"400", "413", "415"}
            if "{seat_id}" in path:
                expected |= {"401", "404"}
            if operation.get("parameters") and any(
                parameter["in"] == "query" for parameter in operation["parameters"]
            ):
                expected |= {"400"}
            responses = operation["responses"]
            assert expected <= set(responses), (method, path, sorted(responses))
            for status in set(responses) - {"200", "201", "204"}:
                body = responses[status]["content"]["application/json"]["schema"]
                assert body == {"$ref": "#/components/schemas/Error"}, (method, path, status)
    assert (
        "credentials_required"
        in schema["paths"]["/api/v1/seats/{seat_id}/"]["get"]["responses"]["401"]["description"]
    )


def test_the_trainer_is_answered_the_trainers_schema_with_the_faults(
    client, trainer_client, sample_data, capsys
):
    """The trainer (session or token) reads the faults' endpoints in the schema, valid
    OpenAPI 3; anyone else, and the documentation page, the public schema without them."""
    from api.tokens import trainer_token_create

    _, key = trainer_token_create(name="docs")
    faults = {"/api/v1/faults/", "/api/v1/seats/{seat_id}/faults/"}
    for schema in (
        trainer_client.get("/api/v1/openapi.json").json(),
        client.get("/api/v1/openapi.json", HTTP_AUTHORIZATION=f"Token {key}").json(),
    ):
        validate_openapi(schema)
        assert set(schema["paths"]) == _api_paths() | faults
        assert set(schema["paths"]["/api/v1/seats/{seat_id}/faults/"]) == {"get", "put"}
    assert "Warning" not in capsys.readouterr().err  # drf-spectacular's, as the deploy check
    public = client.get("/api/v1/openapi.json").json()
    assert not faults & set(public["paths"])
    assert "/api/v1/faults/" not in client.get("/api/v1/docs/").content.decode()


@pytest.mark.parametrize("language", ["en", "es", "pt-br"])
def test_openapi_spec_validator_finds_the_schema_valid(client, db, language):
    """The schema against the OpenAPI 3 specification, by a validator of its own
    (openapi-spec-validator, not drf-spectacular's check of itself)."""
    schema = client.get(f"/api/v1/openapi.json?lang={language}").json()
    validate_openapi(schema)
    # Every operation is described: a summary, its answer and its errors.
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert operation.get("summary"), (method, path)
            answers = set(operation["responses"])
            assert answers & {"200", "201", "204"}, (method, path)
            if "{seat_id}" in path:
                assert {"401", "404"} <= answers, (method, path)
    schemes = schema["components"]["securitySchemes"]
    assert schemes["trainerToken"] == {
        "type": "http",
        "scheme": "bearer",
        "description": schemes["trainerToken"]["description"],
    }
    create = schema["paths"]["/api/v1/seats/"]["post"]
    assert {"trainerToken": []} in create["security"]


def test_openapi_spec_validator_refuses_a_broken_schema(client, db):
    # The check above can fail: the same schema with an operation's answers removed is invalid.
    schema = client.get("/api/v1/openapi.json").json()
    del schema["paths"]["/api/v1/personas/"]["get"]["responses"]
    with pytest.raises(OpenAPIValidationError):
        validate_openapi(schema)


def test_the_schema_is_made_without_a_warning(tmp_path):
    # The production deploy check (drf-spectacular's) fails on a warning too.
    call_command(
        "spectacular",
        "--validate",
        "--fail-on-warn",
        "--format",
        "openapi-json",
        "--file",
        str(tmp_path / "schema.json"),
    )


@pytest.mark.parametrize(
    ("language", "summary"), [("es", "Crear un puesto"), ("pt-br", "Criar um assento")]
)
def test_the_schema_speaks_the_requests_language(client, db, language, summary):
    schema = client.get(f"/api/v1/openapi.json?lang={language}").json()
    assert schema["paths"]["/api/v1/seats/"]["post"]["summary"] == summary


def _external_urls(content: str) -> list[str]:
    """Every address the page would load or link that is not this server's."""
    addresses = re.findall(r'(?:src|href|action)="([^"]*)"', content)
    return [a for a in addresses if re.match(r"(?:[a-z]+:)?//", a) and "testserver" not in a]


@pytest.mark.parametrize(
    ("language", "heading"),
    [("en", "API for scripts"), ("es", "API para scripts"), ("pt-br", "API para scripts")],
)
def test_the_docs_page_is_the_sandboxs_own(client, db, language, heading):
    response = client.get("/api/v1/docs/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    content = response.content.decode()
    assert f"<h1>{heading}</h1>" in content
    assert _external_urls(content) == []
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in content
    # Every endpoint is listed without JavaScript too.
    rows = re.findall(
        r'data-testid="api-endpoint"><td><code>\w+</code></td><td><code>([^<]+)<', content
    )
    assert set(rows) == _api_paths()
    assert f'data-schema-url="/api/v1/openapi.json?lang={language}"' in content


def test_the_docs_page_needs_no_loosening_of_the_content_security_policy(client, db):
    site = client.get("/en/qa/")["Content-Security-Policy"]
    docs = client.get("/api/v1/docs/")
    assert docs["Content-Security-Policy"] == site
    content = docs.content.decode()
    assert re.findall(r"<script(?![^>]*\bsrc=)", content) == []  # no inline script
    assert " style=" not in content and "<style" not in content


def test_the_qa_page_links_the_docs_page(client, db):
    content = client.get("/es/qa/").content.decode()
    assert 'href="/api/v1/docs/" data-testid="qa-api-docs-link"' in content


def test_the_language_switch_keeps_the_docs_page(client, db):
    switched = client.post("/i18n/setlang/", {"next": "/api/v1/docs/", "language": "pt-br"})
    assert switched.status_code == 302
    assert switched["Location"] == "/api/v1/docs/"
    assert "<h1>API para scripts</h1>" in client.get("/api/v1/docs/").content.decode()
    assert client.get("/api/v1/outcomes/").json()[0]["table_name"] == "Centro de faturamento"
