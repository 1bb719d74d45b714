"""The organisation dashboard over the API: the JSON answers the schema our OpenAPI document
publishes for it (checked by a real JSON Schema validator), and, once the access module is
mounted, neither the dashboard nor a validation is given without a session or token."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest
from starlette.testclient import TestClient

from normalize.ids import make_id
from normalize.records import Meeting, Supplier
from search_api import create_app
from search_api.openapi import openapi_document
from search_api.routes_dashboard import check_json
from tests.search_api.web.sign_in import api_token
from tests.vindplaats.woo.generated import KEY, generate
from vindplaats.operations.dashboard import organisation_dashboard
from vindplaats.operations.woo_export_check import check_woo_export
from vindplaats.settings import Settings, load_settings
from vindplaats.store import open_blobs, open_store
from vindplaats.store.models import RunStatus


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    settings = load_settings(
        data_dir=tmp_path_factory.mktemp("dashboard") / "data",
        public_base_url="https://ori.alkmaar.nl",
    )
    generate(settings, 40)
    store = open_store(settings)
    organisation = make_id("organization", "notubiz", KEY, "1")
    for native, month in ((1, 1), (2, 3)):
        start = datetime(2026, month, 10, 19, tzinfo=UTC)
        store.upsert_record(
            Meeting.build(
                Supplier.NOTUBIZ,
                KEY,
                native,
                name="Raad",
                start=start,
                organization_id=organisation,
            )
        )
    run = store.start_run(KEY)
    store.finish_run(run.id, RunStatus.PARTIAL, {"reported_meetings": 3}, ["HTTP 500 (meeting 9)"])
    store.record_download_failure(next(iter(store.iter_document_states())).id, "HTTP 404")
    store.close()
    return settings


def validator(model: str) -> Any:
    doc = openapi_document()
    schema = {"$ref": f"#/components/schemas/{model}", "components": doc["components"]}
    return jsonschema_rs.Draft202012Validator(schema, validate_formats=True)


def test_the_dashboard_json_answers_its_published_schema(settings: Settings) -> None:
    store = open_store(settings)
    try:
        check = check_woo_export(store, open_blobs(settings), settings, KEY)
        body = organisation_dashboard(store, settings, KEY).model_dump(mode="json")
    finally:
        store.close()
    errors = [e.message for e in validator("OrganisationDashboard").iter_errors(body)]
    assert errors == []
    [source] = body["sources"]
    assert source["months_without_meetings"] == ["2026-02"]
    assert {t["record_type"]: t["reported"] for t in source["supplier_totals"]} == {
        "meeting": 3,
        "document": None,
        "motion": None,
    }
    assert [d["reason"] for d in body["failed_documents"]] == ["HTTP 404"]
    assert body["woo_export"]["last_check"]["valid"] is True
    assert list(validator("WooExportCheckView").iter_errors(check_json(check))) == []


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as test_client:
        yield test_client


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", f"/api/organisations/{KEY}/dashboard"),
        ("POST", f"/api/organisations/{KEY}/woo-export-check"),
    ],
)
def test_no_dashboard_without_a_session_or_token(
    client: TestClient, method: str, path: str
) -> None:
    response = client.request(method, path)
    assert response.status_code == 401
    assert set(response.json()["error"]) == {"code", "message", "parameter"}
    wrong = client.request(method, path, headers={"Authorization": "Bearer not-a-token"})
    assert wrong.status_code == 401


def test_the_organisation_token_gets_its_dashboard_and_runs_a_validation(
    client: TestClient, settings: Settings
) -> None:
    bearer = {"Authorization": f"Bearer {api_token(settings, KEY)}"}
    answer = client.get(f"/api/organisations/{KEY}/dashboard", headers=bearer)
    assert answer.status_code == 200
    assert [e.message for e in validator("OrganisationDashboard").iter_errors(answer.json())] == []
    checked = client.post(f"/api/organisations/{KEY}/woo-export-check", headers=bearer)
    assert checked.status_code == 200 and checked.json()["valid"] is True
    store = open_store(settings)
    try:
        actions = [entry.action for entry in store.audit_entries(KEY)]
    finally:
        store.close()
    assert any(action.startswith("woo_export") for action in actions), actions


def test_the_export_is_validated_from_disk_without_network(
    settings: Settings, tmp_path: Path
) -> None:
    store = open_store(settings)
    try:
        check = check_woo_export(store, open_blobs(settings), settings, KEY)
    finally:
        store.close()
    assert check.valid and check.documents > 0 and check.detail == ""
