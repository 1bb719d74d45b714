"""GET /api/sources and GET /healthz."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

from starlette.testclient import TestClient

from search_api import create_app
from tests.crawlers.bounds_server import BigAnswer, BoundsServer, register
from tests.search_api.sample import LETTERS, Sample
from vindplaats.harvest.run import harvest
from vindplaats.settings import load_settings

MiB = 1024 * 1024


def test_sources_with_last_run_and_counts(client: TestClient, sample: Sample) -> None:
    response = client.get("/api/sources")
    assert response.status_code == 200
    sources = {s["key"]: s for s in response.json()["sources"]}
    assert set(sources) == {"testdam", "anderdam"}
    testdam = sources["testdam"]
    assert testdam["name"] == "Testdam"
    assert testdam["supplier"] == "notubiz"
    assert testdam["organisation_type"] == "gemeente"
    assert testdam["cbs_code"] == "GM9999"
    assert testdam["tooi_uri"].endswith("/gm9999")
    assert testdam["last_run"]["status"] == "partial"
    assert testdam["last_run"]["counts"] == {"document": 6, "download_failed": 1}
    assert testdam["last_success"] is not None
    assert testdam["documents"]["download_failed"] == 1
    assert testdam["documents"]["download_ok"] == 4
    assert sources["anderdam"]["last_run"] is None
    assert sources["anderdam"]["last_success"] is None
    assert sources["anderdam"]["documents"]["download_ok"] == 1 + LETTERS


def test_sources_never_show_configuration_or_credentials(client: TestClient) -> None:
    text = client.get("/api/sources").text
    assert "notubiz_organisation_id" not in text
    assert "s3cr3t" not in text and "user:pw" not in text
    testdam = next(s for s in client.get("/api/sources").json()["sources"] if s["key"] == "testdam")
    assert "token=***" in testdam["last_run"]["errors"][0]


def test_healthz(client: TestClient) -> None:
    body = client.get("/healthz").json()
    assert body["status"] == "ok"
    assert body["documents"] == 4 + 1 + LETTERS
    assert body["version"]


def test_a_9_mb_supplier_error_is_served_capped(tmp_path: Path) -> None:
    settings = load_settings(data_dir=tmp_path, allow_private_networks=True, download_delay=0)
    with BoundsServer(BigAnswer(fault_chars=9 * MiB)) as server:
        register(tmp_path, server.url)
        run = harvest(settings, "zuidwaarde", since=date(2024, 1, 1), until=date(2024, 1, 31))
    assert run.status.value == "failed"
    with TestClient(create_app(settings)) as api:
        response = api.get("/api/sources")
    assert response.status_code == 200
    assert len(response.content) < 6 * 4096  # was 18 MB: the fault twice
    [source] = response.json()["sources"]
    fault = next(e for e in source["last_run"]["errors"] if "SOAP fault" in e)
    assert "Interne fout bij het lezen van de vergadertypen" in fault
    assert len(fault) <= 4096 and fault.endswith(" more characters)")
    last_error = source["health"]["last_error"]
    assert len(last_error) <= 4096


def test_errors_stored_before_the_caps_are_served_capped(tmp_path: Path) -> None:
    settings = load_settings(data_dir=tmp_path, max_error_chars=100, max_run_errors=3)
    register(tmp_path, "https://wcf.ibabs.eu/api/Public.svc")
    with sqlite3.connect(settings.store_path) as db:  # as an older version wrote it
        db.execute(
            "INSERT INTO harvest_runs(source_key, started_at, ended_at, status, errors) "
            "VALUES ('zuidwaarde', '2024-01-01T00:00:00+00:00', '2024-01-01T00:01:00+00:00', "
            "'failed', ?)",
            (json.dumps(["x" * 5000, "second", "third", "fourth", "fifth"]),),
        )
    with TestClient(create_app(settings)) as api:
        [source] = api.get("/api/sources").json()["sources"]
    errors = source["last_run"]["errors"]
    assert errors[0] == "x" * 76 + "… (4924 more characters)"
    assert errors[1:] == ["second", "… and 3 more errors (not stored)"]
