"""Golden-file tests of the Parlaeus spider: a real crawl (child process, real Scrapy, loopback
HTTP) of the fixtures in tests/fixtures/parlaeus/, compared record by record to
expected/zuidrade.json. Regenerate after a deliberate change with
`UPDATE_GOLDEN=1 .venv/bin/pytest tests/crawlers/test_parlaeus_golden.py` and review the diff."""

from __future__ import annotations

import json
import os
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from crawlers.report import CrawlReport
from crawlers.run import run_crawl
from vindplaats.settings import Settings, load_settings
from vindplaats.sources import build_source
from vindplaats.store import Store, open_store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "parlaeus"
GOLDEN = FIXTURES / "expected" / "zuidrade.json"
TYPES = ("organization", "committee", "person", "meeting", "agenda_item", "document")
MARCH_FROM, MARCH_UNTIL = date(2024, 3, 1), date(2024, 3, 31)
TOKEN = "fixture-token-8d2f"
SHOWDOC = re.compile(r"^/user/showdoc/action=view/id=(\d+)$")


class ParlaeusFixtureServer:
    """Serves the fixtures at `<url>/receive/opendata`; logs every request (with its query)."""

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

    def __enter__(self) -> ParlaeusFixtureServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def answer(self, raw: str) -> tuple[int, str, bytes]:
        parts = urlsplit(raw)
        found = SHOWDOC.match(parts.path)
        if found:
            return 200, "application/pdf", f"%PDF-1.4 fixture {found[1]}\n%%EOF\n".encode()
        if parts.path != "/receive/opendata":
            return 404, "text/html", b"<h1>Not Found</h1>"
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        if query.get("rid") != TOKEN:
            return self.json({"status": 403, "message": "Geen toegang: ongeldige rid"})
        name = query.get("fn", "")
        if name == "agenda_detail":
            name = f"agenda_detail_{query.get('agid')}"
        path = FIXTURES / f"{name}.json"
        if not re.fullmatch(r"[a-z_0-9]+", name) or not path.is_file():
            return self.json({"status": 400, "message": f"Onbekende functie {name}"})
        body = path.read_text("utf-8").replace("{base}", self.url)
        return 200, "application/json", body.encode()

    @staticmethod
    def json(data: object) -> tuple[int, str, bytes]:
        return 200, "application/json", json.dumps(data).encode()


@dataclass
class Harvest:
    base: str
    report: CrawlReport
    records: list[dict[str, Any]]
    requests: list[str]


def harvest(tmp: Path, token: str | None) -> Harvest:
    settings: Settings = load_settings(
        data_dir=tmp, allow_private_networks=True, download_delay=0, autothrottle=False
    )
    with ParlaeusFixtureServer() as server:
        store: Store = open_store(settings)
        try:
            store.upsert_source(
                build_source(
                    key="zuidrade",
                    name="Gemeente Zuidrade",
                    supplier="parlaeus",
                    base_url=f"{server.url}/receive/opendata",
                    api_token=token,
                )
            )
            report = run_crawl(
                settings, "zuidrade", window_from=MARCH_FROM, window_until=MARCH_UNTIL
            )
            records = [r for t in TYPES for r in store.iter_records(t, "zuidrade")]
            text = json.dumps([r.model_dump(mode="json") for r in records], ensure_ascii=False)
            records = json.loads(text.replace(server.url, "{base}"))
            return Harvest(server.url, report, records, list(server.requests))
        finally:
            store.close()


@pytest.fixture(scope="module")
def zuidrade(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Harvest]:
    yield harvest(tmp_path_factory.mktemp("parlaeus"), TOKEN)


def test_records_match_the_golden_file(zuidrade: Harvest) -> None:
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(json.dumps(zuidrade.records, indent=1, ensure_ascii=False) + "\n")
    assert zuidrade.records == json.loads(GOLDEN.read_text("utf-8"))

    report = zuidrade.report
    counts = report.counts
    assert (counts["meetings"], counts["agenda_items"], counts["documents"]) == (2, 8, 4)
    assert counts["committees"] == 3
    assert counts["repaired_links"] == 1
    assert counts["documents_downloaded"] == 4
    assert counts["errors"] == 6
    assert report.status == "partial"
    assert report.watermark is not None
    assert report.watermark.isoformat() == "2024-03-10T08:00:00+01:00"


def test_errors_say_what_was_wrong_and_never_show_the_token(zuidrade: Harvest) -> None:
    base = zuidrade.base
    errors = zuidrade.report.errors
    assert (
        f"{base}/receive/opendata?fn=agenda_detail&agid=303&rid=***: status 500: Interne "
        "fout bij het ophalen van de agenda" in errors
    )
    assert "invalid person '13' (" in "\n".join(errors) and "name:" in "\n".join(errors)
    assert (
        "document 9004 has no usable link (''): "
        f"{base}/receive/opendata?fn=agenda_detail&agid=301" in errors
    )
    assert f"a person without raid in {base}/receive/opendata?fn=person_list&rid=***" in errors
    assert (
        f"a meeting without agid in {base}/receive/opendata?fn=agenda_list&since=20240301"
        "&until=20240331&rid=***" in errors
    )
    assert any(e.startswith("meeting 301: 1 agenda point(s) without apid") for e in errors)
    assert not any(TOKEN in e for e in errors)


def test_every_call_carries_the_token_and_each_meeting_is_read_once(zuidrade: Harvest) -> None:
    calls = [r for r in zuidrade.requests if r.startswith("/receive/opendata?")]
    assert all(r.endswith(f"&rid={TOKEN}") for r in calls)
    functions = sorted(parse_qs(urlsplit(r).query)["fn"][0] for r in calls)
    assert functions == [
        "agenda_detail",
        "agenda_detail",
        "agenda_detail",
        "agenda_list",
        "cie_list",
        "person_list",
    ]
    assert f"/receive/opendata?fn=agenda_list&since=20240301&until=20240331&rid={TOKEN}" in calls


def test_a_refused_token_fails_the_run_at_once(tmp_path: Path) -> None:
    refused = harvest(tmp_path, "wrong-token-31337")
    assert refused.report.status == "failed"
    assert refused.report.errors[0] == (
        "Parlaeus refused the token for zuidrade (status 403: Geen toegang: ongeldige rid); "
        "check the source's api_token"
    )
    assert not any("wrong-token-31337" in e for e in refused.report.errors)
    assert [parse_qs(urlsplit(r).query)["fn"] for r in refused.requests] == [["cie_list"]]
    assert refused.records == []


def test_a_source_without_token_fails_with_a_clear_message(tmp_path: Path) -> None:
    missing = harvest(tmp_path, None)
    assert missing.report.status == "failed"
    assert "api_token is required for parlaeus" in missing.report.errors[0]
    assert missing.requests == []
