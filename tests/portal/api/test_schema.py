"""The OpenAPI 3 schema at /api/v2/schema/ is valid, in Chinese, and the API keeps to it:
schemathesis generates requests from it (in-process, WSGI) and no answer is a 500."""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

pytestmark = pytest.mark.django_db
EXAMPLES = 25


def test_the_schema_is_openapi_3_with_chinese_titles(client):
    schema = client.get("/api/v2/schema/").json()
    assert schema["openapi"].startswith("3.")
    schemathesis.openapi.from_dict(schema).validate()  # against the OpenAPI meta-schema
    assert "门户数据接口" in schema["info"]["title"]
    paths = schema["paths"]
    for path in (
        "/api/v2/documents/",
        "/api/v2/documents/{document_id}/",
        "/api/v2/decision-lists/",
        "/api/v2/decision-lists/{year}/",
        "/api/v2/power-list/",
        "/api/v2/cleanup-results/",
        "/api/v2/consultations/",
        "/api/v2/relief-disclosures/",
        "/api/v2/relief-disclosures/{disclosure_id}/",
    ):
        assert path in paths, path
    params = {p["name"]: p for p in paths["/api/v2/documents/"]["get"]["parameters"]}
    assert set(params) >= {
        "status",
        "year",
        "category",
        "issuer",
        "doc_number",
        "published_after",
        "published_before",
        "q",
        "ordering",
        "limit",
        "offset",
        "page",
    }
    assert "最大 100" in params["limit"]["schema"]["description"]
    fields = schema["components"]["schemas"]["DocumentOut"]["properties"]
    assert fields["doc_number"]["title"] == "发文字号"


def test_the_schema_also_describes_wagtails_stock_endpoints(client):
    paths = client.get("/api/v2/schema/").json()["paths"]
    for name in ("pages", "images", "files"):
        assert f"/api/v2/{name}/" in paths and f"/api/v2/{name}/{{id}}/" in paths, name
    params = {p["name"]: p for p in paths["/api/v2/pages/"]["get"]["parameters"]}
    assert set(params) >= {
        "search",
        "search_operator",
        "fields",
        "type",
        "child_of",
        "descendant_of",
        "order",
        "limit",
        "offset",
        "id",
    }
    assert params["search_operator"]["schema"]["enum"] == ["and", "or"]
    assert "已公布" in params["search"]["description"]


def test_generated_requests_never_get_a_500(portal, cleanup, settings_override):
    app = get_wsgi_application()
    schema = schemathesis.openapi.from_wsgi("/api/v2/schema/", app)
    checks = [status_code_conformance, content_type_conformance, response_schema_conformance]
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy())
        def run(case):
            response = case.call()
            assert response.status_code < 500, (case.formatted_path, case.query, response.text)
            case.validate_response(response, checks=checks)

        try:
            run()
        except Exception as error:  # collect every operation's failure, then report all
            failures.append(f"{operation.label}: {error}")
        failures += hand_picked_failures(operation)
    assert not failures, "\n".join(failures)


RAW_SEARCH_SYNTAX = ('"', '"低保', "低保 -", "(", "*", "NEAR(", "低保 OR", "AND NOT", "'")
HUGE_ID = 10**20


def hand_picked_failures(operation) -> list[str]:
    """Besides the generated requests: raw search syntax in every text search parameter,
    and an id too large for the database in every path, must not give a 500."""
    params = operation.definition.raw.get("parameters", [])
    names = {p["name"] for p in params if p.get("in") == "query"}
    path_ids = [p["name"] for p in params if p.get("in") == "path"]
    cases = [
        operation.Case(query={name: text})
        for name in names & {"q", "search"}
        for text in RAW_SEARCH_SYNTAX
    ]
    for name in names & {"id", "child_of", "descendant_of", "ancestor_of"}:
        cases.append(operation.Case(query={name: HUGE_ID}))
    if path_ids and all("id" in name for name in path_ids):
        cases.append(operation.Case(path_parameters=dict.fromkeys(path_ids, HUGE_ID)))
    failures = []
    for case in cases:
        response = case.call()
        if response.status_code >= 500:
            failures.append(
                f"{operation.label} {case.formatted_path} {case.query}: {response.status_code}"
            )
    return failures


@pytest.fixture
def settings_override(settings):
    """No rate limit, and — as Django's test client does — no connection closing at the
    end of each WSGI request, which would end the test's transaction on PostgreSQL."""
    settings.API_RATE_LIMIT = ""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield settings
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)
