"""Golden-file tests of the GemeenteOplossingen spider: a real crawl (child process, real Scrapy,
loopback HTTP) of the fixtures in tests/fixtures/gemeenteoplossingen/, compared record by record
to expected/rivierstad.json. Regenerate after a deliberate change with
`UPDATE_GOLDEN=1 .venv/bin/pytest tests/crawlers/test_go_golden.py` and review the diff."""

from __future__ import annotations

import json
import os
import re
import threading
from dataclasses import dataclass
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from crawlers.report import CrawlReport
from crawlers.run import run_crawl
from vindplaats.errors import SourceError
from vindplaats.settings import Settings, load_settings
from vindplaats.sources import build_source
from vindplaats.store import Store, open_store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "gemeenteoplossingen"
GOLDEN = FIXTURES / "expected" / "rivierstad.json"
TYPES = ("organization", "committee", "meeting", "agenda_item", "document")
MARCH_FROM, MARCH_UNTIL = date(2024, 3, 1), date(2024, 3, 31)
FILE = re.compile(r"^/api/v1/(?:meetings/\d+/)?documents/(\d+)$")


class GoFixtureServer:
    """Serves the fixtures as one GO installation under `<url>/api`; logs every request."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.requests.append(self.path)
                status, kind, body = server.answer(self.path)
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                return

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def __enter__(self) -> GoFixtureServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def answer(self, raw: str) -> tuple[int, str, bytes]:
        parts = urlsplit(raw)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        found = FILE.match(parts.path)
        if found:
            return 200, "application/pdf", f"%PDF-1.4 fixture {found[1]}\n%%EOF\n".encode()
        if parts.path == "/api/v1/dmus":
            return self.fixture("dmus")
        if parts.path == "/api/v1/meetings":
            if not all(query.get(k, "").isdigit() for k in ("date_from", "date_to")):
                return 400, "application/json", b'{"error": "date_from/date_to: unix seconds"}'
            return self.fixture("meetings_v1")
        if parts.path == "/api/v2/meetings":
            return self.fixture(f"meetings_v2_offset{query.get('offset', '0')}")
        if parts.path == "/api/v1/documents":
            return self.fixture("documents")
        return 404, "application/json", b'{"error": "not found"}'

    @staticmethod
    def fixture(name: str) -> tuple[int, str, bytes]:
        path = FIXTURES / f"{name}.json"
        if not path.is_file():
            return 404, "application/json", b'{"error": "not found"}'
        return 200, "application/json", path.read_bytes()


@dataclass
class Harvest:
    base: str
    report: CrawlReport
    records: list[dict[str, Any]]
    requests: list[str]


def harvest(tmp: Path, version: str | None) -> Harvest:
    settings: Settings = load_settings(
        data_dir=tmp, allow_private_networks=True, download_delay=0, autothrottle=False
    )
    with GoFixtureServer() as server:
        store: Store = open_store(settings)
        try:
            store.upsert_source(
                build_source(
                    key="rivierstad",
                    name="Gemeente Rivierstad",
                    supplier="gemeenteoplossingen",
                    base_url=f"{server.url}/api",
                    api_version=version,
                    cbs_code="GM9998",
                )
            )
            report = run_crawl(
                settings, "rivierstad", window_from=MARCH_FROM, window_until=MARCH_UNTIL
            )
            records = [r for t in TYPES for r in store.iter_records(t, "rivierstad")]
            text = json.dumps([r.model_dump(mode="json") for r in records], ensure_ascii=False)
            records = json.loads(text.replace(server.url, "{base}"))
            return Harvest(server.url, report, records, server.requests)
        finally:
            store.close()


@pytest.fixture(scope="module")
def v1(tmp_path_factory: pytest.TempPathFactory) -> Harvest:
    return harvest(tmp_path_factory.mktemp("go-v1"), None)


@pytest.fixture(scope="module")
def v2(tmp_path_factory: pytest.TempPathFactory) -> Harvest:
    return harvest(tmp_path_factory.mktemp("go-v2"), "v2")


def test_records_match_the_golden_file(v1: Harvest) -> None:
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(json.dumps(v1.records, indent=1, ensure_ascii=False) + "\n", "utf-8")
    assert v1.records == json.loads(GOLDEN.read_text("utf-8"))

    counts = v1.report.counts
    assert (counts["meetings"], counts["agenda_items"], counts["documents"]) == (3, 5, 8)
    assert (counts["committees"], counts["organizations"]) == (4, 1)
    assert counts["skipped_inactive"] == 1
    assert counts["skipped_non_agenda_items"] == 2
    assert counts["documents_downloaded"] == 8
    assert counts["errors"] == 4
    assert v1.report.status == "partial"


def test_errors_say_what_was_wrong(v1: Harvest) -> None:
    base = v1.base
    assert v1.report.errors == [
        f"a committee without id in {base}/api/v1/dmus",
        "meeting 101: 1 agenda item(s) without id in "
        f"{base}/api/v1/meetings?date_from=1709247600&date_to=1711922399",
        "meeting 104: a document without id in "
        f"{base}/api/v1/meetings?date_from=1709247600&date_to=1711922399",
        f"a document without id in {base}/api/v1/documents?publicationDate_from="
        "2024-03-01T00%3A00%3A00&publicationDate_to=2024-03-31T23%3A59%3A59",
    ]


def test_the_v1_requests_carry_unix_seconds(v1: Harvest) -> None:
    meetings = [r for r in v1.requests if r.startswith("/api/v1/meetings?")]
    assert meetings == ["/api/v1/meetings?date_from=1709247600&date_to=1711922399"]
    assert not any(r.startswith("/api/v2/") for r in v1.requests)
    assert "/api/v1/meetings/103/documents/5009" not in v1.requests  # the inactive meeting


def test_v2_follows_the_pages_and_stores_the_same_records(v1: Harvest, v2: Harvest) -> None:
    pages = [r for r in v2.requests if r.startswith("/api/v2/meetings?")]
    assert pages == [
        "/api/v2/meetings?date_from=2024-03-01&date_to=2024-03-31&limit=100&offset=0",
        "/api/v2/meetings?date_from=2024-03-01&date_to=2024-03-31&limit=100&offset=2",
    ]

    def without_source_url(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{k: v for k, v in r.items() if k != "source_url"} for r in records]

    assert without_source_url(v2.records) == without_source_url(v1.records)
    assert v2.report.counts == v1.report.counts | {"api_responses": 4, "meeting_pages": 2}


def test_an_unknown_api_version_is_refused(tmp_path: Path) -> None:
    settings = load_settings(data_dir=tmp_path, allow_private_networks=True)
    store = open_store(settings)
    try:
        store.upsert_source(
            build_source(
                key="rivierstad",
                name="Rivierstad",
                supplier="gemeenteoplossingen",
                base_url="http://127.0.0.1:9/api",
                api_version="v3",
            )
        )
    finally:
        store.close()
    report = run_crawl(settings, "rivierstad", window_from=MARCH_FROM, window_until=MARCH_UNTIL)
    assert report.status == "failed"
    assert "api_version 'v3' is not a GemeenteOplossingen API version" in report.errors[0]


def test_a_go_source_needs_a_base_url() -> None:
    source = build_source(key="x", name="X", supplier="gemeenteoplossingen")
    with pytest.raises(SourceError, match="base_url is required for gemeenteoplossingen"):
        source.check_harvestable()
