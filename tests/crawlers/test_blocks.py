"""Supplier blocks: recognised from the answers, recorded for the cooling-off, no request to the
supplier after the block answer (measured at the server), its sources shown as blocked, new
harvests refused until the block ends or is lifted."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from crawlers.blocks import BlockDetector, says_blocked
from crawlers.report import CrawlReport
from crawlers.run import run_crawl
from search_api import create_app
from tests.vindplaats.cli.runner import run_cli
from vindplaats.errors import HarvestRefused
from vindplaats.harvest.run import harvest
from vindplaats.sandbox import RequestLogEntry, Sandbox
from vindplaats.settings import Settings, load_settings
from vindplaats.store import open_store
from vindplaats.store.models import HarvestRun, RunStatus

KEY = "zandaam"
SOURCES = [("notubiz", KEY), ("ibabs", "duinwijk")]  # a source of each simulated supplier
# one request at a time: Scrapy keeps to the per-host concurrency when there is a delay
ENV = {
    "VINDPLAATS_ALLOW_PRIVATE_NETWORKS": "true",
    "VINDPLAATS_CONCURRENCY_PER_HOST": "1",
    "VINDPLAATS_DOWNLOAD_DELAY": "0.05",
    "VINDPLAATS_AUTOTHROTTLE": "false",
    "VINDPLAATS_OCR": "false",
}


def settings_for(data_dir: Path) -> Settings:
    return load_settings(
        data_dir=data_dir,
        allow_private_networks=True,
        concurrency_per_host=1,
        download_delay=0.05,
        autothrottle=False,
        ocr=False,
    )


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_the_block_text_means_a_block_whatever_the_status() -> None:
    assert says_blocked("text/html", b"<h1>The request is blocked.</h1>")
    assert says_blocked(None, b"the REQUEST is blocked")
    assert says_blocked("application/json", b'{"error": "The request is blocked"}')
    assert not says_blocked("application/pdf", b"%PDF-1.7 The request is blocked")
    assert not says_blocked("text/html", b"Forbidden")
    detector = BlockDetector(3)
    reason = detector.check(200, "text/plain", b"The request is blocked", "download")
    assert reason == 'the supplier answered "The request is blocked" (HTTP 200)'


def test_a_burst_of_403_on_api_requests_within_a_minute_is_a_block() -> None:
    clock = Clock()
    detector = BlockDetector(3, clock=clock)
    assert detector.check(403, "text/html", b"Forbidden", "api") is None
    clock.now += 30
    assert detector.check(403, "text/html", b"Forbidden", "download") is None  # a locked file
    assert detector.check(403, "text/html", b"Forbidden", "api") is None
    clock.now += 31  # the first 403 is more than a minute old now
    assert detector.check(403, "text/html", b"Forbidden", "api") is None
    clock.now += 1
    reason = detector.check(403, "text/html", b"Forbidden", "api")
    assert reason == "the supplier answered HTTP 403 to 3 API requests within 60 s"
    assert BlockDetector(1).check(200, "application/json", b"{}", "api") is None


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sandbox]:
    with Sandbox(files_dir=tmp_path_factory.mktemp("sandbox-files")) as running:
        yield running


@pytest.fixture
def fresh(sandbox: Sandbox) -> Iterator[Sandbox]:
    sandbox.clear_requests()
    yield sandbox
    sandbox.faults.clear()


def register(sandbox: Sandbox, settings: Settings) -> None:
    store = open_store(settings)
    try:
        for source in sandbox.sources():
            store.upsert_source(source)
    finally:
        store.close()


def after_the_first(log: list[RequestLogEntry], status: int) -> list[RequestLogEntry]:
    """Requests that arrived after the first answer with `status` had been sent."""
    first = next(entry for entry in log if entry.status == status)
    answered = first.time + first.duration
    return [entry for entry in log if entry.time > answered]


@dataclass
class Blocked:
    sandbox: Sandbox
    settings: Settings
    run: HarvestRun
    log: list[RequestLogEntry]


@pytest.fixture(scope="module")
def blocked(sandbox: Sandbox, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Blocked]:
    """A harvest during which the supplier starts answering "The request is blocked"."""
    sandbox.clear_requests()
    settings = settings_for(tmp_path_factory.mktemp("blocked"))
    register(sandbox, settings)
    sandbox.faults.set("/notubiz", "block", after=8)
    world = sandbox.world
    run = harvest(settings, KEY, since=world.date_from, until=world.date_until)
    log = sorted(sandbox.requests, key=lambda entry: entry.time)
    sandbox.faults.clear()
    yield Blocked(sandbox, settings, run, log)


def test_no_request_follows_the_block_answer(blocked: Blocked) -> None:
    assert [entry.status for entry in blocked.log].count(403) == 1
    assert after_the_first(blocked.log, 403) == []
    assert blocked.run.status == RunStatus.FAILED
    assert any("blocked" in line and "until" in line for line in blocked.run.errors)


def test_the_block_is_recorded_for_the_cooling_off(blocked: Blocked) -> None:
    store = open_store(blocked.settings)
    try:
        block = store.supplier_block("notubiz")
    finally:
        store.close()
    assert block is not None
    assert "The request is blocked" in block.reason
    hours = (block.blocked_until - block.blocked_at).total_seconds() / 3600
    assert hours == 24


def test_its_sources_show_blocked(blocked: Blocked) -> None:
    listed = run_cli("sources", "list", "--json", data_dir=blocked.settings.data_dir)
    sources = json.loads(listed.out)
    health = {s["key"]: s["health"] for s in sources}
    notubiz = {s["key"] for s in sources if s["supplier"] == "notubiz"}
    assert {health[key]["state"] for key in notubiz} == {"blocked"}  # every NotuBiz source
    assert "blocked" not in {h["state"] for key, h in health.items() if key not in notubiz}
    assert health[KEY]["blocked_until"] is not None
    assert "The request is blocked" in health[KEY]["block_reason"]
    table = run_cli("sources", "list", data_dir=blocked.settings.data_dir).out
    [line] = [line for line in table.splitlines() if line.startswith(KEY + " ")]
    assert "blocked" in line.split()
    with TestClient(create_app(blocked.settings)) as client:
        sources = client.get("/api/sources").json()["sources"]
    assert {s["key"]: s["health"]["state"] for s in sources}[KEY] == "blocked"


def test_a_new_harvest_is_refused_until_the_cooling_off_ends(blocked: Blocked) -> None:
    blocked.sandbox.clear_requests()
    store = open_store(blocked.settings)
    try:
        runs = len(store.list_runs(KEY))
        with pytest.raises(HarvestRefused, match=r"blocked until \d{4}-\d\d-\d\d \d\d:\d\d UTC"):
            harvest(blocked.settings, "voorbeeldstad")
        done = run_cli("harvest", KEY, data_dir=blocked.settings.data_dir, env=ENV)
        assert done.code == 2  # a refusal, like an unknown source or an unsafe URL
        assert f"harvest of {KEY} refused: supplier notubiz is blocked until" in done.err
        assert "vindplaats sources unblock notubiz" in done.err
        assert len(store.list_runs(KEY)) == runs  # refused before a run started
    finally:
        store.close()
    assert blocked.sandbox.requests == []


def crawl(sandbox: Sandbox, settings: Settings, key: str) -> CrawlReport:
    world = sandbox.world
    return run_crawl(settings, key, window_from=world.date_from, window_until=world.date_until)


@pytest.mark.parametrize(("supplier", "key"), SOURCES[1:])  # NotuBiz: the `blocked` harvest
def test_a_block_answer_stops_the_crawl_at_once(
    fresh: Sandbox, tmp_path: Path, supplier: str, key: str
) -> None:
    settings = settings_for(tmp_path)
    register(fresh, settings)
    fresh.faults.set(f"/{supplier}", "block", after=5)
    report = crawl(fresh, settings, key)
    log = sorted(fresh.requests, key=lambda entry: entry.time)
    assert [entry.status for entry in log].count(403) == 1
    assert after_the_first(log, 403) == []
    assert report.status == "failed"
    assert any(f"supplier {supplier} is blocked until" in line for line in report.errors)


@pytest.mark.parametrize(("supplier", "key"), SOURCES)
def test_a_burst_of_403_blocks_the_supplier(
    fresh: Sandbox, tmp_path: Path, supplier: str, key: str
) -> None:
    settings = settings_for(tmp_path)
    register(fresh, settings)
    fresh.faults.set(f"/{supplier}", "burst403", limit=4)
    report = crawl(fresh, settings, key)
    log = sorted(fresh.requests, key=lambda entry: entry.time)
    assert [entry.status for entry in log].count(403) == settings.block_403_limit
    assert after_the_first(log, 403)[settings.block_403_limit - 1 :] == []
    assert report.status == "failed"
    store = open_store(settings)
    try:
        block = store.supplier_block(supplier)
    finally:
        store.close()
    assert block is not None and "HTTP 403 to 3 API requests" in block.reason


@pytest.mark.parametrize(("supplier", "key"), SOURCES)
def test_a_crawl_started_during_a_block_sends_nothing(
    fresh: Sandbox, tmp_path: Path, supplier: str, key: str
) -> None:
    settings = settings_for(tmp_path)
    register(fresh, settings)
    store = open_store(settings)
    try:
        store.block_supplier(supplier, 3600, "blocked by hand")
    finally:
        store.close()
    report = crawl(fresh, settings, key)
    assert report.status == "failed"
    assert any(f"supplier {supplier} is blocked until" in line for line in report.errors)
    assert fresh.requests == []


def test_unblock_lifts_the_block_and_harvesting_resumes(fresh: Sandbox, tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    register(fresh, settings)
    store = open_store(settings)
    try:
        store.block_supplier("notubiz", 3600, "blocked by hand")
    finally:
        store.close()
    done = run_cli("sources", "unblock", "notubiz", data_dir=tmp_path)
    assert done.code == 0
    assert "lifted the block of notubiz" in done.out
    again = run_cli("sources", "unblock", "notubiz", data_dir=tmp_path)
    assert again.out.strip() == "notubiz is not blocked"
    listed = json.loads(run_cli("sources", "list", "--json", data_dir=tmp_path).out)
    assert {s["key"]: s["health"]["state"] for s in listed}[KEY] == "never_harvested"
    report = crawl(fresh, settings, KEY)
    assert report.status == "ok"
    assert fresh.requests
