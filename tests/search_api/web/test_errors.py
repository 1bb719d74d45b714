"""Errors on the web interface's pages are Dutch HTML pages with the right status; the JSON
API (and the other machine paths) keep their JSON errors."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient


def test_an_unknown_page_is_a_dutch_404_page(client: TestClient) -> None:
    response = client.get("/bestaat-niet")
    assert response.status_code == 404
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    html = response.text
    assert '<html lang="nl">' in html and "<main" in html
    assert "<h1>Pagina niet gevonden</h1>" in html
    assert 'href="/"' in html  # a way back to the search page
    assert "Traceback" not in html


def test_the_error_page_shows_the_path_as_text(client: TestClient) -> None:
    response = client.get("/%3Cscript%3Ealert(1)%3C%2Fscript%3E")
    assert response.status_code == 404
    assert "<script>alert(1)" not in response.text
    assert "&lt;script&gt;alert(1)" in response.text


def test_a_wrong_method_on_a_page_is_a_405_page_naming_what_is_allowed(
    client: TestClient,
) -> None:
    response = client.post("/")
    assert response.status_code == 405
    assert response.headers["content-type"].startswith("text/html")
    assert "Niet toegestaan" in response.text
    assert "GET" in response.headers["allow"]


@pytest.mark.parametrize(
    "path", ["/api/nowhere", "/api", "/api/documents/document:notubiz:testdam:0", "/woo/x/y"]
)
def test_the_json_api_keeps_its_json_errors(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/json"
    assert response.json()["error"]["code"] == "not_found"


def test_a_bad_api_parameter_stays_a_json_400(client: TestClient) -> None:
    response = client.get("/api/search?date_from=2024-02-30")
    assert response.status_code == 400
    assert response.json()["error"]["parameter"] == "date_from"


def test_an_english_technical_message_is_marked_as_english(client: TestClient) -> None:
    english = client.get("/nergens").text
    assert '<span lang="en">no such endpoint: /nergens</span>' in english
    dutch = client.get("/organisaties/bestaat-niet").text
    assert "Er is geen organisatie met de sleutel" in dutch
    assert 'lang="en"' not in dutch
