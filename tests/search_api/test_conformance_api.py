"""POST /api/conformance and what follows: a check of the sandbox's ORI supplier over loopback
(real checker, real HTTP), its status and reports, refusals, limits and restarts."""

from __future__ import annotations

import json
import socket
import sqlite3
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from starlette.testclient import TestClient

from search_api import create_app
from tests.vindplaats.store.backends import backend_settings
from vindplaats.sandbox.server import Sandbox
from vindplaats.settings import Settings, load_settings
from vindplaats.store import open_store

pytestmark = pytest.mark.timeout(300)
JSON = "application/json"


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Sandbox]:
    with Sandbox() as running:
        yield running


def _settings(data_dir: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "data_dir": data_dir,
        "allow_private_networks": True,
        "conformance_rate_limit": "off",
        **overrides,
    }
    return load_settings(**values)


def _wait(client: TestClient, status_url: str, seconds: float = 240) -> dict[str, Any]:
    deadline = time.monotonic() + seconds
    while True:
        body: dict[str, Any] = client.get(status_url).json()
        if body["status"] in ("done", "failed") or time.monotonic() > deadline:
            return body
        assert body["status"] in ("queued", "running")
        time.sleep(0.2)


@pytest.fixture
def hanging() -> Iterator[str]:
    """A loopback port that accepts connections and never answers."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(16)
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/ori"


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_a_check_runs_to_a_report_in_every_format(
    sandbox: Sandbox, tmp_path: Path, backend: str
) -> None:
    with backend_settings(backend, tmp_path, conformance_rate_limit="off") as settings:
        _check_and_read_back(settings, f"{sandbox.base_url}/ori/planted")


def _check_and_read_back(settings: Settings, feed: str) -> None:
    with TestClient(create_app(settings)) as client:
        started = client.post(
            "/api/conformance", json={"url": feed, "standard": "ori-2", "max_requests": 60}
        )
        assert started.status_code == 202, started.text
        accepted = started.json()
        assert set(accepted) == {"id", "status", "status_url", "report_url", "page_url"}
        assert accepted["status"] == "queued" and len(accepted["id"]) >= 22
        assert started.headers["location"] == accepted["status_url"]
        done = _wait(client, accepted["status_url"])
        assert done["status"] == "done", done
        report = done["report"]
        assert report["standard"] == "ori-2" and report["target"] == feed
        assert report["requests"] <= 60 and done["max_requests"] == 60
        assert done["errors"] == report["counts"]["errors"] > 0
        assert done["warnings"] == report["counts"]["warnings"]
        finding = report["findings"][0]
        assert {
            "rule",
            "severity",
            "resource",
            "record",
            "field",
            "expected",
            "found",
            "fix",
        } <= set(finding)
        as_json = client.get(done["reports"]["json"])
        assert as_json.headers["content-type"] == "application/json"
        assert as_json.json() == report
        junit = client.get(done["reports"]["junit"])
        assert junit.headers["content-type"].startswith("application/xml")
        root = ET.fromstring(junit.content)
        failures = root.iter("failure")
        assert any(finding["rule"] in (f.get("message") or "") + (f.text or "") for f in failures)
        html = client.get(done["reports"]["html"])
        assert html.headers["content-type"].startswith("text/html")
        assert "sandbox" in html.headers["content-security-policy"]
        assert finding["rule"] in html.text
    # the report is kept: a new server reads the same check from the store
    with TestClient(create_app(settings)) as client:
        again = client.get(accepted["status_url"]).json()
        assert again["status"] == "done" and again["report"] == report


def test_a_private_address_is_refused_without_the_allow_setting(tmp_path: Path) -> None:
    settings = _settings(tmp_path, allow_private_networks=False)
    with TestClient(create_app(settings)) as client:
        for url in ("http://127.0.0.1:8000/ori", "http://[::1]/ori", "http://10.1.2.3/"):
            refused = client.post("/api/conformance", json={"url": url, "standard": "ori-2"})
            assert refused.status_code == 422, url
            error = refused.json()["error"]
            assert error["parameter"] == "url"
            assert "loopback/private" in error["message"], error
        scheme = client.post(
            "/api/conformance", json={"url": "file:///etc/passwd", "standard": "diwoo"}
        )
        assert scheme.status_code == 422
        assert "only http and https" in scheme.json()["error"]["message"]


@pytest.mark.parametrize(
    ("body", "content_type", "status", "parameter"),
    [
        (b"{not json", JSON, 400, None),
        (b'["https://o.nl"]', JSON, 400, None),
        (b'{"url": "https://o.nl"}', JSON, 422, "standard"),
        (b'{"url": "https://o.nl", "standard": "ori-3"}', JSON, 422, "standard"),
        (b'{"url": "https://o.nl", "standard": "diwoo", "max_requests": 0}', JSON, 422, "max_requests"),  # noqa: E501
        (b'{"url": "https://o.nl", "standard": "ori-2", "extra": 1}', JSON, 422, "extra"),
        (b'{"url": "https://o.nl", "standard": "ori-2"}', "text/plain", 415, None),
    ],
)  # fmt: skip
def test_bad_bodies_answer_json_errors(
    tmp_path: Path, body: bytes, content_type: str, status: int, parameter: str | None
) -> None:
    with TestClient(create_app(_settings(tmp_path))) as client:
        answer = client.post(
            "/api/conformance", content=body, headers={"content-type": content_type}
        )
        assert answer.status_code == status, answer.text
        assert answer.json()["error"]["parameter"] == parameter
        assert client.get("/api/conformance").status_code == 405


def test_a_client_over_its_checks_gets_429(tmp_path: Path) -> None:
    settings = _settings(tmp_path, conformance_rate_limit="2/h", conformance_queue=10)
    with TestClient(create_app(settings)) as client:
        body = {"url": "http://127.0.0.1:9/ori", "standard": "mini-ori"}
        bad = client.post("/api/conformance", json={"url": "ftp://x", "standard": "ori-2"})
        assert bad.status_code == 422  # a refused check costs nothing
        assert client.post("/api/conformance", json=body).status_code == 202
        assert client.post("/api/conformance", json=body).status_code == 202
        over = client.post("/api/conformance", json=body)
        assert over.status_code == 429
        assert over.json()["error"]["code"] == "too_many_requests"
        assert int(over.headers["retry-after"]) > 60
        assert client.get("/api/search").status_code == 200  # other endpoints are unaffected


def test_a_full_queue_answers_503_and_a_restart_leaves_nothing_running(
    tmp_path: Path, hanging: str
) -> None:
    settings = _settings(tmp_path, conformance_queue=0, request_timeout=4)
    body = {"url": hanging, "standard": "ori-2"}
    with TestClient(create_app(settings)) as client:
        first = client.post("/api/conformance", json=body)
        assert first.status_code == 202
        full = client.post("/api/conformance", json=body)
        assert full.status_code == 503
        assert full.headers["retry-after"].isdigit()
        assert client.get(first.json()["status_url"]).json()["status"] in ("queued", "running")
    with TestClient(create_app(settings)) as client:  # the server was stopped meanwhile
        stopped = client.get(first.json()["status_url"]).json()
        assert stopped["status"] == "failed" and "server" in stopped["reason"], stopped


def test_checks_of_a_killed_server_end_as_failed(tmp_path: Path) -> None:
    settings = _settings(tmp_path, request_timeout=4)
    # as a server killed outright leaves its check: running, its last heartbeat long ago, and
    # no process left to beat on it (a live pool would renew the heartbeat and race the test)
    store = open_store(settings)
    try:
        store.create_check("K" * 24, "http://127.0.0.1:9/ori", "ori-2", 500)
        assert store.start_check("K" * 24)
    finally:
        store.close()
    with sqlite3.connect(settings.store_path) as conn:
        conn.execute("UPDATE conformance_checks SET heartbeat_at = heartbeat_at - 3600")
    status_url = "/api/conformance/" + "K" * 24
    with TestClient(create_app(settings)) as restarted:  # the next server to start
        failed = restarted.get(status_url).json()
        assert failed["status"] == "failed", failed
        assert "herstart" in failed["reason"]
        assert restarted.get(status_url).json() == failed  # and it stays failed


def test_unknown_checks_and_reports_not_yet_made_answer_404(tmp_path: Path, hanging: str) -> None:
    with TestClient(create_app(_settings(tmp_path, request_timeout=4))) as client:
        for path in ("/api/conformance/nope", "/api/conformance/" + "A" * 24 + "/report.json"):
            answer = client.get(path)
            assert answer.status_code == 404 and answer.json()["error"]["code"] == "not_found"
        started = client.post("/api/conformance", json={"url": hanging, "standard": "ori-2"})
        pending = client.get(started.json()["report_url"])
        assert pending.status_code == 404
        assert "no report" in pending.json()["error"]["message"]
        status = client.get(started.json()["status_url"]).json()
        assert status["reports"] is None and status["report"] is None
        assert json.loads(client.get("/openapi.json").text)["paths"]["/api/conformance"]["post"]


def test_the_post_is_documented_with_every_status_it_answers(tmp_path: Path) -> None:
    with TestClient(create_app(_settings(tmp_path))) as client:
        doc = client.get("/openapi.json").json()
    post = doc["paths"]["/api/conformance"]["post"]
    answers = post["responses"]
    assert set(answers) == {"202", "400", "405", "413", "415", "422", "429", "503"}
    assert answers["202"]["headers"]["Location"]["required"]
    assert answers["202"]["links"]["GetConformanceCheck"]["operationId"] == "getConformanceCheck"
    for status, answer in answers.items():
        if status != "202":
            schema = answer["content"]["application/json"]["schema"]
            assert schema == {"$ref": "#/components/schemas/ErrorBody"}, status
    for status in ("429", "503"):
        assert answers[status]["headers"]["Retry-After"]["schema"]["type"] == "integer"
    request = doc["components"]["schemas"]["CheckRequest"]
    assert request["properties"]["standard"]["enum"] == ["mini-ori", "ori-2", "ori-events", "diwoo"]
    assert set(request["required"]) == {"url", "standard"}
    example = post["requestBody"]["content"]["application/json"]["example"]
    assert set(example) <= set(request["properties"])
    assert urlsplit(example["url"]).hostname.endswith(".example")  # RFC 2606: resolves nowhere
    links = doc["components"]["schemas"]["ReportLinks"]
    assert set(links["properties"]) == {"json", "junit", "html"}


def test_credentials_in_a_feed_url_are_never_kept_or_shown(tmp_path: Path) -> None:
    with TestClient(create_app(_settings(tmp_path))) as client:
        secret = "http://leverancier:geheim-wachtwoord@127.0.0.1:9/ori"
        started = client.post("/api/conformance", json={"url": secret, "standard": "ori-2"})
        done = _wait(client, started.json()["status_url"], seconds=60)
        page = client.get(started.json()["page_url"]).text
    assert "geheim-wachtwoord" not in json.dumps(done) and "geheim-wachtwoord" not in page
    assert done["url"] == "http://***@127.0.0.1:9/ori" and done["status"] == "failed"
    with sqlite3.connect(tmp_path / "vindplaats.sqlite3") as conn:
        stored = conn.execute("SELECT url, COALESCE(reason, '') FROM conformance_checks").fetchall()
    assert stored and all("geheim-wachtwoord" not in value for row in stored for value in row)
