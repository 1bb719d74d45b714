"""GET /openapi.json: a complete OpenAPI 3.1 document that matches what is served."""

from __future__ import annotations

import re
from typing import Any

from starlette.routing import Route
from starlette.testclient import TestClient

from search_api import create_app
from search_api.routes_search import SEARCH_PARAMS
from tests.search_api.sample import Sample

# answered 304 to an If-None-Match naming their ETag (test_http_conventions.py)
REVALIDATED = frozenset(
    {
        "/api/documents/{id}",
        "/api/documents/{id}/file",
        "/api/meetings/{id}",
        "/api/dossiers/{id}",
        "/api/motions/{id}",
    }
)

# paths only posted to (each answers 202 on success; their own test modules check the rest)
POSTED = frozenset({"/api/conformance", "/api/reports"})


def _own_tests(path: str) -> bool:
    """Endpoints of people signed in or holding a token, and the posted ones: their own test
    modules (test_dashboard_api, test_registrations_api, test_reports_api, test_takedown_api,
    test_conformance_api) check their statuses."""
    return path in POSTED or path.startswith("/api/organisations/") or path.endswith("/takedown")


def _refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return found + [r for value in node.values() for r in _refs(value)]
    if isinstance(node, list):
        return [r for value in node for r in _refs(value)]
    return []


def _web_page(route: Route) -> bool:
    """A page (or feed) of the web interface (`search_api.web`), not part of the JSON API."""
    return str(getattr(route.endpoint, "__module__", "")).startswith("search_api.web")


def _ori_api(route: Route) -> bool:
    """A path of the VNG ORI API under /ori/ (`search_api.ori`), described by the standard's
    own official OpenAPI documents, not by ours."""
    return route.path.startswith("/ori/")


def test_openapi_document_covers_every_route(client: TestClient) -> None:
    response = client.get("/openapi.json")
    assert response.status_code == 200
    doc = response.json()
    assert doc["openapi"].startswith("3.1")
    assert doc["info"]["title"] and doc["info"]["version"]
    served = {
        route.path.replace("{id:path}", "{id}")
        for route in client.app.routes  # type: ignore[attr-defined]
        if isinstance(route, Route) and not _web_page(route) and not _ori_api(route)
    }
    assert served == set(doc["paths"])
    methods: dict[str, set[str]] = {}
    for route in client.app.routes:  # type: ignore[attr-defined]
        if isinstance(route, Route) and not _web_page(route) and not _ori_api(route):
            path = route.path.replace("{id:path}", "{id}")
            methods.setdefault(path, set()).update(m.lower() for m in route.methods or ())
    for path, item in doc["paths"].items():
        operations = {key: value for key, value in item.items() if key != "parameters"}
        assert set(operations) == methods[path] - {"head"}, path
        for operation in operations.values():
            responses = operation["responses"]
            assert any(status.startswith("2") for status in responses), path
            assert "400" in responses or _own_tests(path), path


def test_every_schema_reference_resolves(client: TestClient) -> None:
    doc = client.get("/openapi.json").json()
    schemas = doc["components"]["schemas"]
    refs = _refs(doc)
    assert refs
    for ref in refs:
        assert ref.startswith("#/components/schemas/")
        assert ref.rsplit("/", 1)[1] in schemas, ref


def test_search_parameters_are_documented(client: TestClient) -> None:
    doc = client.get("/openapi.json").json()
    params = {p["name"]: p for p in doc["paths"]["/api/search"]["get"]["parameters"]}
    assert set(params) == {p.name for p in SEARCH_PARAMS}
    assert params["size"]["schema"]["maximum"] == 100
    assert params["organization"]["schema"]["type"] == "array"
    assert params["sort"]["schema"]["enum"] == ["relevance", "date_desc", "date_asc", "added_desc"]
    assert params["year"]["schema"]["items"]["pattern"] == "^([0-9]{4})?$"
    ok = doc["paths"]["/api/search"]["get"]["responses"]["200"]["headers"]
    assert ok["Link"]["required"] and 'rel="next"' in ok["Link"]["description"]
    hit = doc["components"]["schemas"]["SearchHit"]
    assert {"id", "title", "pages", "links", "score"} <= set(hit["required"])


def _search_parameters(client: TestClient) -> dict[str, dict[str, Any]]:
    doc = client.get("/openapi.json").json()
    return {p["name"]: p["schema"] for p in doc["paths"]["/api/search"]["get"]["parameters"]}


def _item(schema: dict[str, Any]) -> dict[str, Any]:
    return schema["items"] if schema.get("type") == "array" else schema


def _example(item: dict[str, Any]) -> str:
    """A value the item's schema accepts: its first choice, else text its pattern takes."""
    if "enum" in item:
        return str(item["enum"][0])
    return next(v for v in ("x", "2024") if re.fullmatch(item.get("pattern", ".*"), v))


def test_published_limits_are_the_ones_enforced(client: TestClient) -> None:
    published = _search_parameters(client)
    assert set(published) == {p.name for p in SEARCH_PARAMS}
    for name, schema in published.items():
        item = _item(schema)
        if schema.get("type") == "array":
            limit = schema["maxItems"]
            query = "&".join([f"{name}={_example(item)}"] * limit)
            assert client.get(f"/api/search?{query}").status_code == 200, name
            too_many = query + f"&{name}={_example(item)}"
            assert client.get(f"/api/search?{too_many}").status_code == 400, name
        if "maxLength" in item:
            over = "A" * (item["maxLength"] + 1)
            response = client.get("/api/search", params={name: over})
            assert response.status_code == 400, name
            assert response.json()["error"]["parameter"] == name
        if "pattern" in item and item.get("format") != "date":
            assert re.fullmatch(item["pattern"], "a\x01b") is None, name
            response = client.get("/api/search", params={name: "a\x01b"})
            assert response.status_code == 400, name


def test_empty_values_answer_as_the_schemas_say(client: TestClient) -> None:
    """Empty text is allowed by its schema (and means: not given); other kinds refuse it."""
    for name, schema in _search_parameters(client).items():
        item = _item(schema)
        allows_empty = item["type"] == "string" and "enum" not in item and "format" not in item
        if allows_empty:
            assert re.fullmatch(item["pattern"], "") is not None, name
        response = client.get(f"/api/search?{name}=")
        assert response.status_code == (200 if allows_empty else 400), name


def test_every_status_is_declared_with_its_headers(client: TestClient) -> None:
    doc = client.get("/openapi.json").json()
    for path, item in doc["paths"].items():
        if _own_tests(path):
            continue
        responses = item["get"]["responses"]
        limited = path not in ("/healthz", "/metrics")
        expected = {"200", "400", "405", "413"}
        expected |= {"429", "503"} if limited else set()
        expected |= {"404"} if "{" in path else set()  # an id, an organisation, a file name
        is_file = path.endswith("/file") or "/documenten/" in path  # stored originals
        expected |= {"206", "416"} if is_file else set()
        expected |= {"304", "410"} if path in REVALIDATED else set()  # 410: taken down
        assert set(responses) == expected, path
        for status, response in responses.items():
            headers = response["headers"]
            assert not headers["X-Request-ID"]["required"]
            assert ("RateLimit-Remaining" in headers) == limited, (path, status)
            if status >= "400":
                schema = response["content"]["application/json"]["schema"]
                assert schema == {"$ref": "#/components/schemas/ErrorBody"}
            if status in ("429", "503"):
                assert headers["Retry-After"]["schema"]["type"] == "integer"
        assert responses["405"]["headers"]["Allow"]["required"]
    file_responses = doc["paths"]["/api/documents/{id}/file"]["get"]["responses"]
    assert file_responses["416"]["headers"]["Content-Range"]["required"]


def test_a_rate_limited_answer_is_the_documented_429(sample: Sample) -> None:
    settings = sample.settings.model_copy(update={"api_rate_limit": "1/min"})
    with TestClient(create_app(settings)) as limited:
        doc = limited.get("/openapi.json").json()  # spends the one request
        refused = limited.get("/api/sources")
    declared = doc["paths"]["/api/sources"]["get"]["responses"]["429"]
    assert refused.status_code == 429
    assert refused.headers["content-type"] == "application/json"
    assert set(refused.json()["error"]) == {"code", "message", "parameter"}
    for name, header in declared["headers"].items():
        value = refused.headers.get(name)
        if name in ("Retry-After", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"):
            assert value is not None and value.isdigit(), name
            assert header["schema"] == {"type": "integer", "minimum": 0}
        if name == "X-Request-ID":
            assert value
