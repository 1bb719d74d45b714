"""GET /api/sources and GET /healthz."""

from __future__ import annotations

from starlette.testclient import TestClient

from tests.search_api.sample import LETTERS, Sample


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
