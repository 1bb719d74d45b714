"""GET /openapi.json: a complete OpenAPI 3.1 document that matches what is served."""

from __future__ import annotations

from typing import Any

from starlette.routing import Route
from starlette.testclient import TestClient

from search_api.routes_search import SEARCH_PARAMS


def _refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return found + [r for value in node.values() for r in _refs(value)]
    if isinstance(node, list):
        return [r for value in node for r in _refs(value)]
    return []


def test_openapi_document_covers_every_route(client: TestClient) -> None:
    response = client.get("/openapi.json")
    assert response.status_code == 200
    doc = response.json()
    assert doc["openapi"].startswith("3.1")
    assert doc["info"]["title"] and doc["info"]["version"]
    served = {
        route.path.replace("{id:path}", "{id}")
        for route in client.app.routes  # type: ignore[attr-defined]
        if isinstance(route, Route)
    }
    assert served == set(doc["paths"])
    for path, item in doc["paths"].items():
        assert set(item) == {"get"}, path
        responses = item["get"]["responses"]
        assert "200" in responses and "400" in responses


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
    assert params["sort"]["schema"]["enum"] == ["relevance", "date_desc", "date_asc"]
    hit = doc["components"]["schemas"]["SearchHit"]
    assert {"id", "title", "pages", "links", "score"} <= set(hit["required"])
