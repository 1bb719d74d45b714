"""The crawl child process (`python -m crawlers.run --source KEY --from DATE --until DATE`).

Reads `Settings` from the environment, runs the source's spider in a Scrapy `CrawlerProcess`
and writes JSON lines to stdout: `started`, `progress` (counts, every second) and `report`.
Everything else written to stdout goes to stderr, so the event stream stays clean. The process
caps its own address space first (`crawlers.memory`); running out of it ends in a failed
report that names the limit.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date, datetime
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from crawlers.report import CrawlReport
    from vindplaats.settings import Settings

PROGRESS_INTERVAL = 1.0


class EventWriter:
    """JSON lines on the original stdout; fd 1 itself is pointed at stderr."""

    def __init__(self) -> None:
        sys.stdout.flush()
        self._out: IO[str] = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
        os.dup2(2, 1)
        sys.stdout = sys.stderr

    def write(self, event: str, **fields: Any) -> None:
        self._out.write(json.dumps({"event": event, **fields}, default=str) + "\n")
        self._out.flush()

    def close(self) -> None:
        self._out.close()


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m crawlers.run", description=__doc__)
    parser.add_argument("--source", required=True, help="key of a registered source")
    parser.add_argument("--from", dest="window_from", required=True, type=date.fromisoformat)
    parser.add_argument("--until", dest="window_until", required=True, type=date.fromisoformat)
    parser.add_argument("--run-id", type=int, default=None)
    parser.add_argument(
        "--modified-since", dest="modified_since", type=datetime.fromisoformat, default=None
    )
    return parser.parse_args(argv)


def die_with_parent() -> None:
    """Ask Linux to kill this crawl when its parent dies (e.g. `kill -9` of `vindplaats
    harvest`), so no orphaned crawl keeps writing while the next run starts."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes
    import signal

    pr_set_pdeathsig = 1
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(pr_set_pdeathsig, signal.SIGKILL)
    if os.getppid() == 1:  # the parent died before prctl took effect
        os._exit(1)


def main(argv: list[str] | None = None) -> int:
    die_with_parent()
    args = parse_args(argv)
    events = EventWriter()
    try:
        return _crawl(args, events)
    finally:
        events.close()


def _crawl(args: argparse.Namespace, events: EventWriter) -> int:
    from crawlers.memory import crawl_memory_mb, limit_address_space, over_limit
    from crawlers.report import CrawlReport
    from vindplaats.settings import load_settings

    settings = load_settings()
    limit_mb = crawl_memory_mb(settings)
    limit_address_space(limit_mb)
    try:
        return _run_spider(args, events, settings)
    except MemoryError:
        report = CrawlReport(status="failed", errors=[over_limit(limit_mb)])
        events.write("report", **report.model_dump(mode="json"))
        return 0


def _run_spider(args: argparse.Namespace, events: EventWriter, settings: Settings) -> int:
    from scrapy.crawler import CrawlerProcess

    from crawlers.registry import load_spider
    from crawlers.settings import scrapy_settings
    from vindplaats.logs import setup_root
    from vindplaats.store import open_store

    store = open_store(settings)
    try:
        source = store.get_source(args.source)
    finally:
        store.close()
    spider_cls = load_spider(source.supplier)
    events.write("started", source=source.key, supplier=source.supplier.value, pid=os.getpid())

    crawl_settings = scrapy_settings(settings)
    if settings.log_format == "json":  # our JSON lines on stderr instead of Scrapy's text
        crawl_settings["LOG_INSTALL_ROOT_HANDLER"] = False
        setup_root("json", crawl_settings["LOG_LEVEL"])
    process = CrawlerProcess(crawl_settings)
    crawler = process.create_crawler(spider_cls)
    _tick_progress(crawler, events)
    startup_errors: list[str] = []
    deferred = process.crawl(
        crawler,
        source=source,
        window_from=args.window_from,
        window_until=args.window_until,
        run_id=args.run_id,
        modified_since=args.modified_since,
    )
    deferred.addErrback(lambda failure: startup_errors.append(str(failure.value)))
    process.start()

    report = _final_report(crawler, startup_errors)
    events.write("progress", counts=report.counts)
    events.write("report", **report.model_dump(mode="json"))
    return 0


def _tick_progress(crawler: Any, events: EventWriter) -> None:
    """Write the crawl's counts every `PROGRESS_INTERVAL` seconds while its spider is open."""
    from scrapy import signals
    from twisted.internet.task import LoopingCall

    tickers: list[LoopingCall] = []  # created once the reactor is installed

    def opened() -> None:
        ticker = LoopingCall(_progress, crawler, events)
        ticker.start(PROGRESS_INTERVAL, now=False)
        tickers.append(ticker)

    def closed() -> None:
        for ticker in tickers:
            if ticker.running:
                ticker.stop()

    crawler.signals.connect(opened, signal=signals.spider_opened)
    crawler.signals.connect(closed, signal=signals.spider_closed)


def _final_report(crawler: Any, startup_errors: list[str]) -> CrawlReport:
    """The spider's report; failed when the spider never started or the crawl broke down."""
    from crawlers.report import CrawlReport

    spider = crawler.spider
    if spider is None or not hasattr(spider, "report"):
        reason = startup_errors[0] if startup_errors else "the spider did not start"
        return CrawlReport(status="failed", errors=[f"could not start the crawl: {reason}"])
    report: CrawlReport = spider.report()
    if startup_errors:  # the crawl itself broke down: its outcome cannot be trusted
        errors = [*report.errors, *(f"crawl error: {e}" for e in startup_errors)]
        report = report.model_copy(update={"status": "failed", "errors": errors})
    return report


def _progress(crawler: Any, events: EventWriter) -> None:
    spider = crawler.spider
    if spider is not None and hasattr(spider, "snapshot"):
        events.write("progress", counts=spider.snapshot())
