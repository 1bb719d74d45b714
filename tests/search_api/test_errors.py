"""Errors are JSON, and no user input produces a 500."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from starlette.testclient import TestClient

from search_api.errors import JSON_PATHS
from tests.search_api.sample import Sample

HOSTILE_Q = [
    "x" * 5000,
    "x" * 1000,
    "\x00\x01\x02\x1b[31m",
    "line\nbreak\ttab\r",
    "ünïcødé 中文 🚀 \u202e\u200b",
    '"',
    '""',
    "-",
    "--",
    "|",
    "||",
    "*",
    "**",
    "a*b*",
    "-*",
    '"*"',
    "- | *",
    "%00",
    "\ud7ff",
    "NOT",
    "a:b:c",
    "(",
    ")",
    "[",
    "{",
    "^2",
    "~",
    "/regex/",
    "\\",
    "'",
    "<script>alert(1)</script>",
    "a" * 300 + "*",
    " ".join(["woord"] * 400),
]

HOSTILE_QUERIES = [
    "size=1000000000000",
    "size=-1",
    "size=1e3",
    "size=%00",
    "pages=-1",
    "cursor=%00",
    "cursor=" + "%FF" * 100,
    "cursor=eyJ9",
    "cursor=" + "A" * 100,
    "cursor=../../etc/passwd",
    "date_from=0000-00-00",
    "date_from=9999-99-99",
    "date_to=2024-02-30",
    "date_from=%00",
    "organization=%00",
    "organization=" + "x" * 2000,
    "organization=" + "&organization=".join(["a"] * 60),
    "q=%00",
    "q=%C0%AF",
    "q=%FF%FE",
    "q",
    "=",
    "&&&",
    "%00=1",
    "q=a&%FF=1",
    "sort=",
    "facets=",
    "facets=TRUE",
]

HOSTILE_PATHS = [
    "/api/documents/",
    "/api/documents/a/b/c",
    "/api/documents/document:notubiz:testdam:a/b/../c",
    "/api/documents/%2e%2e/%2e%2e/etc/passwd",
    "/api/documents/%00",
    "/api/documents/document:notubiz:testdam:%00",
    "/api/documents/document%3Anotubiz%3Atestdam%3A1001",
    "/api/documents/dócument:ñotubiz:tëstdam:€",
    "/api/documents/document:::",
    "/api/documents/document:notubiz:testdam:" + "9" * 5000,
    "/api/documents/document:notubiz:testdam:%ED%A0%80",
    "/api/documents/document:notubiz:testdam:1001/file/extra",
    "/api/meetings/",
    "/api/meetings/a:b",
    "/api/meetings/meeting:notubiz:testdam:m1:extra",
    "/api/meetings/%00/x",
    "/api/meetings/💥",
    "/api/search/",
    "/api/nope",
    "/../../etc/passwd",
    "/healthz?x=1",
    "/openapi.json?format=yaml",
    "/api/sources?key=x",
]


def _assert_json_answer(response_status: int, content_type: str, allowed: set[int]) -> None:
    assert response_status in allowed
    assert content_type.startswith("application/json")


@pytest.mark.parametrize("q", HOSTILE_Q)
def test_hostile_query_text_never_fails(client: TestClient, q: str) -> None:
    response = client.get("/api/search", params={"q": q})
    _assert_json_answer(response.status_code, response.headers["content-type"], {200, 400})
    if response.status_code == 400:
        assert response.json()["error"]["parameter"] == "q"


def test_hostile_query_strings_never_fail(client: TestClient) -> None:
    for query in HOSTILE_QUERIES:
        response = client.get("/api/search?" + query)
        assert response.status_code in {200, 400}, (query, response.text)
        assert response.headers["content-type"].startswith("application/json"), query
        if response.status_code == 400:
            assert response.json()["error"]["code"] == "bad_request", query


def test_hostile_paths_never_fail(client: TestClient) -> None:
    for path in HOSTILE_PATHS:
        response = client.get(path, follow_redirects=True)
        assert response.status_code in {200, 400, 404}, (path, response.text)
        if urlsplit(str(response.url)).path.startswith(JSON_PATHS):
            assert response.headers["content-type"].startswith("application/json"), path
            assert "error" in response.json() or response.status_code == 200, path
        else:  # the web interface answers its own pages, errors included, in HTML
            assert response.headers["content-type"].startswith("text/html"), path
            assert "Traceback" not in response.text, path


def test_encoded_id_finds_the_document(client: TestClient, sample: Sample) -> None:
    response = client.get("/api/documents/document%3Anotubiz%3Atestdam%3A1001")
    assert response.status_code == 200
    assert response.json()["id"] == sample.begroting_id


def test_unknown_api_route_is_json_404(client: TestClient) -> None:
    response = client.get("/api/nowhere")
    assert response.status_code == 404
    assert response.json()["error"] == {
        "code": "not_found",
        "message": "no such endpoint: /api/nowhere",
        "parameter": None,
    }


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
def test_wrong_method_is_json_405(client: TestClient, method: str) -> None:
    response = client.request(method, "/api/search")
    assert response.status_code == 405
    assert response.json()["error"]["code"] == "method_not_allowed"
    assert "GET" in response.headers["allow"]


def test_oversized_body_is_refused_unread(client: TestClient) -> None:
    response = client.request("GET", "/api/search", content=b"x" * (1024 * 1024))
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "payload_too_large"
