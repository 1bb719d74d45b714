"""Source registration over the API with an organisation's token, against the real app (TestClient)
and the sandbox: create (201 + Location; 422 naming the field; 415; 400), read (the token only
as a mask), change (back to draft, the token kept), verify (202 + status URL; the dry-run runs
off the request), submit (409 before verifying), every answer as the OpenAPI document says.

The routes are mounted once the access module (`search_api.access`) is present; the token comes
from the browser tests' sign-in helpers (`tests.search_api.web.sign_in.api_token(settings,
org_key)`). Until both are present the tests that need them are skipped with that reason.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from search_api import create_app
from tests.search_api.web.sign_in import api_token
from vindplaats.sandbox import Sandbox
from vindplaats.settings import Settings, load_settings
from vindplaats.store import open_store

ORG = "voorbeeldstad"
BASE = f"/api/organisations/{ORG}/registrations"


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sandbox]:
    with Sandbox(files_dir=tmp_path_factory.mktemp("files")) as running:
        yield running


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    settings = load_settings(
        data_dir=tmp_path, allow_private_networks=True, download_delay=0, autothrottle=False
    )
    store = open_store(settings)
    try:
        store.upsert_organisation(ORG, "Voorbeeldstad", "gemeente")
        store.upsert_organisation("zandaam", "Zandaam", "gemeente")
    finally:
        store.close()
    return settings


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as running:
        yield running


def _headers(settings: Settings, org: str = ORG) -> dict[str, str]:
    token = api_token(settings, org)
    return {"Authorization": f"Bearer {token}"}


def _wait(client: TestClient, url: str, headers: dict[str, str]) -> dict[str, Any]:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        body: dict[str, Any] = client.get(url, headers=headers).json()
        if body["status"] != "verifying":
            return body
        time.sleep(0.3)
    raise AssertionError("the verification did not end")


def test_no_registration_without_a_valid_token(client: TestClient) -> None:
    for headers in ({}, {"Authorization": "Bearer not-a-token"}):
        answer = client.get(BASE, headers=headers)
        assert answer.status_code == 401 and answer.json()["error"]["message"]
        answer = client.post(BASE, json={"supplier": "notubiz"}, headers=headers)
        assert answer.status_code == 401


def test_another_organisations_token_is_refused(client: TestClient, settings: Settings) -> None:
    answer = client.get(BASE, headers=_headers(settings, "zandaam"))
    assert answer.status_code == 403 and answer.json()["error"]["code"]


def test_bad_bodies_are_refused_as_json(client: TestClient, settings: Settings) -> None:
    headers = _headers(settings)
    missing = client.post(BASE, json={"supplier": "ibabs"}, headers=headers)
    assert missing.status_code == 422
    assert missing.json()["error"]["parameter"] == "ibabs_sitename"
    assert "verplicht" in missing.json()["error"]["message"]
    unknown = client.post(BASE, json={"supplier": "sharepoint"}, headers=headers)
    assert unknown.status_code == 422 and unknown.json()["error"]["parameter"] == "supplier"
    form = client.post(BASE, content=b"supplier=notubiz", headers=headers)
    assert form.status_code == 415
    array = client.post(
        BASE, content=b"[]", headers={**headers, "Content-Type": "application/json"}
    )
    assert array.status_code == 400
    assert client.get(f"{BASE}/nope", headers=headers).status_code == 404
    assert client.get(BASE, headers=headers).json() == {"registrations": []}


def test_register_change_verify_and_submit(
    client: TestClient, settings: Settings, sandbox: Sandbox
) -> None:
    headers = _headers(settings)
    fields = {"supplier": "parlaeus", "municipality_prefix": "voorbeeld", "api_token": "rid-geheim"}
    created = client.post(BASE, json=fields, headers=headers)
    assert created.status_code == 201, created.text
    body = created.json()
    assert created.headers["Location"] == body["url"] and body["status"] == "draft"
    assert body["source_key"] == f"{ORG}-parlaeus" and body["source"]["api_token"] == "**********"
    assert "rid-geheim" not in created.text
    url = body["url"]
    notubiz = {
        "supplier": "notubiz",
        "notubiz_organisation_id": "9001",
        "base_url": sandbox.notubiz_url,
    }
    changed = client.put(url, json=notubiz, headers=headers)
    assert changed.status_code == 200 and changed.json()["source"]["supplier"] == "notubiz"
    early = client.post(f"{url}/submit", json={}, headers=headers)
    assert early.status_code == 409 and "controle" in early.json()["error"]["message"]
    started = client.post(f"{url}/verify", headers=headers)
    assert started.status_code == 202 and started.headers["Location"] == url
    assert started.json() == {"id": body["id"], "status": "verifying", "status_url": url}
    verified = _wait(client, url, headers)
    assert verified["status"] == "verified" and verified["verification"]["fatal"] is False
    assert any("Gemeenteraad" in m["title"] for m in verified["verification"]["meetings"])
    submitted = client.post(f"{url}/submit", json={"note": ""}, headers=headers)
    assert submitted.status_code == 200 and submitted.json()["status"] == "submitted"
    listed = client.get(BASE, headers=headers).json()["registrations"]
    assert [r["id"] for r in listed] == [body["id"]]
    store = open_store(settings)
    try:
        assert store.list_sources() == []  # only an admin's approval adds it
        actions = [e.action for e in store.audit_entries(ORG)]
    finally:
        store.close()
    assert actions[0] == "registration.submit" and "registration.create" in actions


def test_the_document_lists_the_registration_paths(
    client: TestClient,
) -> None:
    template = "/api/organisations/{org}/registrations"
    mine = {template, template + "/{id}", template + "/{id}/verify", template + "/{id}/submit"}
    paths = client.get("/openapi.json").json()["paths"]
    assert mine <= set(paths)
    assert set(paths[template]) == {"get", "post", "parameters"}
    assert set(paths[template + "/{id}"]) == {"get", "put", "parameters"}
