"""End-to-end: the Parlaeus spider against the loopback sandbox, and its token kept out of the
crawl process's arguments, environment and log lines."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from crawlers.report import CrawlReport
from crawlers.run import run_crawl
from normalize.records import AgendaItem, Document, Meeting, MeetingStatus, Record
from vindplaats.sandbox import Sandbox
from vindplaats.sandbox.go_model import TownExpected
from vindplaats.settings import load_settings
from vindplaats.store import open_store

KEY = "heuvelrade"


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Sandbox]:
    with Sandbox() as running:
        yield running


class Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


@dataclass
class Harvested:
    report: CrawlReport
    records: dict[str, list[Record]]
    expected: TownExpected
    token: str
    log: list[str]  # the crawl process's stderr lines (Scrapy at DEBUG)
    process: dict[str, bytes] = field(default_factory=dict)  # /proc cmdline and environ

    def natives(self, record_type: str) -> set[int]:
        return {int(r.native_id) for r in self.records[record_type]}


@pytest.fixture(scope="module")
def harvested(sandbox: Sandbox, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Harvested]:
    settings = load_settings(
        data_dir=tmp_path_factory.mktemp("parlaeus"),
        allow_private_networks=True,
        download_delay=0,
        autothrottle=False,
        log_level="DEBUG",
    )
    [source] = sandbox.sources(supplier="parlaeus")
    assert source.api_token is not None
    process: dict[str, bytes] = {}

    def seen(event: dict[str, Any]) -> None:
        proc = Path(f"/proc/{event.get('pid')}")
        if event.get("event") == "started" and proc.is_dir():
            process["cmdline"] = (proc / "cmdline").read_bytes()
            process["environ"] = (proc / "environ").read_bytes()

    lines = Lines()
    logger = logging.getLogger("crawlers.run")
    level = logger.level
    logger.addHandler(lines)
    logger.setLevel(logging.DEBUG)
    store = open_store(settings)
    try:
        store.upsert_source(source)
        world = sandbox.parlaeus_world
        report = run_crawl(
            settings,
            KEY,
            window_from=world.date_from,
            window_until=world.date_until,
            on_progress=seen,
        )
        records = {
            t: list(store.iter_records(t, KEY))
            for t in ("organization", "committee", "person", "meeting", "agenda_item", "document")
        }
        token = source.api_token.get_secret_value()
        yield Harvested(report, records, world.expected(KEY), token, lines.lines, process)
    finally:
        logger.removeHandler(lines)
        logger.setLevel(level)
        store.close()


def test_the_sandbox_has_one_parlaeus_source_with_its_token(sandbox: Sandbox) -> None:
    [source] = sandbox.sources(supplier="parlaeus")
    assert source.base_url == f"{sandbox.parlaeus_url}/{KEY}/receive/opendata"
    assert source.api_token is not None
    assert source.api_token.get_secret_value() == sandbox.parlaeus_world.town(KEY).token


def test_a_harvest_finds_everything_in_the_window(harvested: Harvested) -> None:
    expected = harvested.expected
    assert harvested.report.status == "ok", harvested.report.errors
    assert harvested.natives("committee") == expected.committee_ids
    assert harvested.natives("meeting") == expected.meeting_ids
    assert harvested.natives("agenda_item") == expected.agenda_item_ids
    assert harvested.natives("document") == expected.document_ids
    assert harvested.natives("person") == expected.person_ids
    counts = harvested.report.counts
    assert counts["repaired_links"] == len(expected.doubled_host_document_ids) == 1
    assert counts["documents_downloaded"] == len(expected.document_ids)
    assert counts.get("errors", 0) == 0
    for records in harvested.records.values():
        for record in records:
            assert type(record).model_validate(record.model_dump()) == record


def test_agenda_points_nest_and_meetings_keep_their_status(harvested: Harvested) -> None:
    items = [i for i in harvested.records["agenda_item"] if isinstance(i, AgendaItem)]
    parents = {int(i.native_id): int(i.parent_id.rsplit(":", 1)[1]) for i in items if i.parent_id}
    assert parents == harvested.expected.parents
    meetings = [m for m in harvested.records["meeting"] if isinstance(m, Meeting)]
    cancelled = {int(m.native_id) for m in meetings if m.status is MeetingStatus.CANCELLED}
    assert cancelled == harvested.expected.cancelled_meeting_ids
    assert all(m.last_modified is not None and m.end is not None for m in meetings)
    decided = [i for i in items if i.description and "Besluit: " in i.description]
    assert any(
        "Verworpen met 11 stemmen voor en 14 tegen" in (i.description or "") for i in decided
    )


def test_the_doubled_host_link_is_repaired(harvested: Harvested, sandbox: Sandbox) -> None:
    [ident] = harvested.expected.doubled_host_document_ids
    [doc] = [d for d in harvested.records["document"] if d.native_id == str(ident)]
    assert isinstance(doc, Document)
    assert doc.original_url == (f"{sandbox.parlaeus_url}/{KEY}/user/showdoc/action=view/id={ident}")


def test_the_token_is_in_no_record_and_no_log_line(harvested: Harvested) -> None:
    token = harvested.token
    for records in harvested.records.values():
        for record in records:
            assert token not in record.model_dump_json()
            assert "rid=" not in (record.source_url or "")
    assert any("rid=***" in line for line in harvested.log)  # URLs are logged, masked
    assert not [line for line in harvested.log if token in line]


def test_the_token_is_not_passed_to_the_crawl_process(harvested: Harvested) -> None:
    if not harvested.process:
        pytest.skip("no /proc on this system")
    assert harvested.token.encode() not in harvested.process["cmdline"]
    assert harvested.token.encode() not in harvested.process["environ"]
