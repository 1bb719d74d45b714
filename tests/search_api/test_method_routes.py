"""A path answered by several methods names all of them when refusing another one (405
`Allow`), also where each method has its own endpoint (`search_api.method_routes`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from starlette.testclient import TestClient

from search_api import create_app
from tests.search_api.web.sign_in import api_token
from vindplaats.settings import load_settings


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("PATCH", "/api/organisations/alkmaar/registrations", {"GET", "HEAD", "POST"}),
        ("DELETE", "/api/organisations/alkmaar/registrations/r1", {"GET", "HEAD", "PUT"}),
        ("PUT", "/api/documents/document:notubiz:alkmaar:1/takedown", {"POST", "DELETE"}),
    ],
)
def test_a_refused_method_hears_every_method_of_the_path(
    tmp_path: Path, method: str, path: str, allowed: set[str]
) -> None:
    with TestClient(create_app(load_settings(data_dir=tmp_path))) as client:
        refused = client.request(method, path)
    assert refused.status_code == 405
    assert {m.strip() for m in refused.headers["allow"].split(",")} == allowed
    assert refused.json()["error"]["message"].startswith(f"method {method} not allowed")


def test_each_method_reaches_its_own_endpoint(tmp_path: Path) -> None:
    settings = load_settings(data_dir=tmp_path)
    bearer = {"Authorization": f"Bearer {api_token(settings, 'alkmaar')}"}
    with TestClient(create_app(settings)) as client:
        listed = client.get("/api/organisations/alkmaar/registrations", headers=bearer)
        made = client.post("/api/organisations/alkmaar/registrations", json={}, headers=bearer)
    assert listed.status_code == 200 and listed.json()["registrations"] == []
    assert made.status_code == 422 and made.json()["error"]["parameter"]
