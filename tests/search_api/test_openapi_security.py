"""The OpenAPI document says how the endpoints that take a token are authorised: the
`organisationToken` scheme (HTTP bearer) in its components, required by every operation under
`/api/organisations/{org}/` and by a document's takedown, and by no public endpoint."""

from __future__ import annotations

from search_api.openapi import openapi_document

METHODS = ("get", "post", "put", "patch", "delete")


def _takes_a_token(path: str) -> bool:
    return path.startswith("/api/organisations/{org}/") or path.endswith("/takedown")


def test_the_token_endpoints_require_the_defined_scheme_and_no_public_one_does() -> None:
    document = openapi_document()
    schemes = document["components"]["securitySchemes"]
    assert schemes["organisationToken"]["type"] == "http"
    assert schemes["organisationToken"]["scheme"] == "bearer"
    secured, public = set(), set()
    for path, item in document["paths"].items():
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            if _takes_a_token(path):
                assert operation.get("security") == [{"organisationToken": []}], (path, method)
                assert "401" in operation["responses"], (path, method)
                secured.add(path)
            else:
                assert "security" not in operation, (path, method)
                public.add(path)
    assert {
        "/api/organisations/{org}/dashboard",
        "/api/organisations/{org}/woo-export-check",
        "/api/organisations/{org}/registrations",
        "/api/organisations/{org}/reports",
        "/api/documents/{id}/takedown",
    } <= secured
    assert {"/api/search", "/api/reports", "/openapi.json"} <= public
