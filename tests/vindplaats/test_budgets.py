"""Request budgets: parsing, and crawls against the sandbox whose request rate, measured at the
server, never exceeds the budget, also with two crawls of one supplier at once; Retry-After."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from crawlers.report import CrawlReport
from crawlers.run import run_crawl
from vindplaats.budgets import DEFAULT_BUDGETS, Budget, Budgets, parse_budgets
from vindplaats.errors import ConfigError
from vindplaats.sandbox import Sandbox
from vindplaats.settings import Settings, load_settings
from vindplaats.store import open_store

# the document files of each simulated supplier (paths below its prefix); the rest is API
FILES = {"notubiz": r"/document/\d+/\d+", "ibabs": r"/publicdownload\.aspx"}
API = {supplier: f"(?!{files}$).*" for supplier, files in FILES.items()}
SOURCE = {"notubiz": "zandaam", "ibabs": "duinwijk"}
# The sandbox stamps a request when its handler thread starts; on a loaded machine that lags the
# send by a moment, so requests sent evenly can be stamped closer together. A window of arrivals
# then holds what was sent within the window plus this lag: the bound allows for it (a crawl
# without a budget, or at twice its rate, still exceeds it many times over).
ARRIVAL_LAG = 0.5  # seconds


def most_in(window: float, per_minute: int) -> int:
    """The most requests a budget of `per_minute` lets arrive within `window` seconds: the rate
    times the window and the arrival lag, plus one (both ends count)."""
    return int(per_minute * (window + ARRIVAL_LAG) / 60) + 1


def test_defaults_are_the_published_limits() -> None:
    assert DEFAULT_BUDGETS[("ibabs", "api")].per_minute == 180
    assert DEFAULT_BUDGETS[("ibabs", "download")].per_minute == 30
    budgets = Budgets()
    assert budgets.get("notubiz", "api", "api.notubiz.nl") == Budget(120, 60)
    assert budgets.get("diwoo", "api", "example.org") is None


def test_a_budget_setting_changes_only_what_it_names() -> None:
    budgets = Budgets("ibabs.api=2/s, notubiz.download=90/min,parlaeus.api=off", scope="egress-2")
    assert budgets.get("ibabs", "api", "wcf.ibabs.eu") == Budget(2, 1, explicit=True)
    assert budgets.get("ibabs", "download", "api1.ibabs.eu") == Budget(30, 60)
    assert budgets.get("notubiz", "download", "api.notubiz.nl") == Budget(90, 60, explicit=True)
    assert budgets.get("parlaeus", "api", "x.parlaeus.nl") is None
    assert budgets.name("ibabs", "api") == "egress-2:ibabs.api"
    assert Budget(180, 60).interval == pytest.approx(1 / 3 * 1.02)  # a little wider


def test_defaults_leave_loopback_servers_alone_but_explicit_budgets_do_not() -> None:
    budgets = Budgets("notubiz.api=60/min")
    assert budgets.get("ibabs", "api", "127.0.0.1") is None
    assert budgets.get("ibabs", "api", "::1") is None
    assert budgets.get("ibabs", "api", "localhost") is None
    assert budgets.get("notubiz", "api", "127.0.0.1") == Budget(60, 60, explicit=True)


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("ibab.api=1/min", "unknown supplier 'ibab'"),
        ("ibabs.files=1/min", "the kind is api or download"),
        ("ibabs.api=1/fortnight", "unknown unit"),
        ("ibabs.api=0/min", "must be positive"),
        ("ibabs.api", "not SUPPLIER.KIND=N/UNIT"),
    ],
)
def test_an_invalid_budget_is_refused_naming_the_setting(spec: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_budgets(spec)
    with pytest.raises(ConfigError, match=f"VINDPLAATS_BUDGETS: .*{message}"):
        load_settings(budgets=spec)


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sandbox]:
    with Sandbox(files_dir=tmp_path_factory.mktemp("sandbox-files")) as running:
        yield running


@pytest.fixture
def fresh(sandbox: Sandbox) -> Iterator[Sandbox]:
    sandbox.clear_requests()
    yield sandbox
    sandbox.faults.clear()


def crawl_settings(tmp_path: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {"download_delay": 0, **overrides}
    return load_settings(
        data_dir=tmp_path, allow_private_networks=True, autothrottle=False, **values
    )


def crawl(sandbox: Sandbox, settings: Settings, *keys: str) -> list[CrawlReport]:
    """Register and crawl `keys` at the same time (one crawl process each)."""
    store = open_store(settings)
    try:
        for source in sandbox.sources():
            store.upsert_source(source)
    finally:
        store.close()
    reports: dict[str, CrawlReport] = {}
    world = sandbox.world

    def one(key: str) -> None:
        reports[key] = run_crawl(
            settings, key, window_from=world.date_from, window_until=world.date_until
        )

    threads = [threading.Thread(target=one, args=(key,)) for key in keys]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return [reports[key] for key in keys]


@pytest.mark.parametrize(("supplier", "per_minute"), [("notubiz", 240), ("ibabs", 480)])
def test_a_crawl_stays_within_its_budget_and_completes(
    fresh: Sandbox, tmp_path: Path, supplier: str, per_minute: int
) -> None:
    budgets = f"{supplier}.api={per_minute}/min,{supplier}.download={per_minute}/min"
    [report] = crawl(fresh, crawl_settings(tmp_path, budgets=budgets), SOURCE[supplier])
    assert report.status == "ok", report.errors
    assert report.counts["documents_downloaded"] > 10
    assert report.counts.get("download_failed", 0) == 0
    assert report.counts["budget_delays"] > 0
    # evenly spaced requests: at most the rate times the window (and the arrival lag), plus one
    prefix, api, files = f"/{supplier}", API[supplier], FILES[supplier]
    for window in (2, 10):
        most = most_in(window, per_minute)
        assert fresh.rate(prefix, window=window, path=api) <= most
        assert fresh.rate(prefix, window=window, path=files) <= most


def test_crawls_of_one_supplier_at_once_share_its_budget(fresh: Sandbox, tmp_path: Path) -> None:
    settings = crawl_settings(tmp_path, budgets="notubiz.api=480/min,notubiz.download=480/min")
    reports = crawl(fresh, settings, "zandaam", "oosterproef")
    assert [r.status for r in reports] == ["ok", "ok"], [r.errors for r in reports]
    # each crawl alone may send 8 a second: together they still send 8 a second, not 16
    api, files = API["notubiz"], FILES["notubiz"]
    assert fresh.rate("/notubiz", window=2, path=api) <= most_in(2, 480)
    assert fresh.rate("/notubiz", window=2, path=files) <= most_in(2, 480)
    assert fresh.rate("/notubiz", window=5, path=api) <= most_in(5, 480)


def test_the_default_budgets_leave_the_sandbox_alone(fresh: Sandbox, tmp_path: Path) -> None:
    [report] = crawl(fresh, crawl_settings(tmp_path), "oosterproef")
    assert report.status == "ok"
    assert "budget_delays" not in report.counts


def test_retry_after_is_respected_and_the_crawl_completes(fresh: Sandbox, tmp_path: Path) -> None:
    settings = crawl_settings(
        tmp_path,
        budgets="notubiz.api=600/min,notubiz.download=600/min",
        concurrency_per_host=1,  # one request at a time (Scrapy keeps to it with a delay)
        download_delay=0.05,
    )
    # late in the crawl: after a Retry-After this crawl's download slot keeps that pace
    fresh.faults.set("/notubiz", "retry_after", seconds=1, count=1, after=32)
    [report] = crawl(fresh, settings, "zandaam")
    expected = fresh.world.expected("zandaam")
    assert report.status == "ok", report.errors
    assert report.counts["retry_after_waits"] == 1
    assert report.counts["documents_downloaded"] == len(expected.downloadable_document_ids)
    log = sorted(fresh.requests, key=lambda entry: entry.time)
    [refused] = [i for i, entry in enumerate(log) if entry.status == 429]
    answered = log[refused].time + log[refused].duration
    assert log[refused + 1].time - answered >= 1 - 0.1  # the next request waited Retry-After
