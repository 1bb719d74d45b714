"""The child process of a verification dry-run (`python -m vindplaats.operations.verification_child
--source KEY --from DATE --until DATE --max-requests N --seconds S`).

It runs the source's REAL spider the way `crawlers.child` does (the same Scrapy settings: fetch
guard, supplier gate, size caps, polite delays), with three differences that make it a dry-run:

- its records go through the validate and store stages only, into the throwaway store its
  `Settings` name (`vindplaats.operations.verification` makes one): no document is downloaded;
- `RequestCap` lets at most `--max-requests` requests out, closing the spider at the cap
  (reason `request_cap`), and Scrapy's `CLOSESPIDER_TIMEOUT` closes it after `--seconds`
  (reason `closespider_timeout`); an alarm ends the process outright a little later;
- its one event on stdout is `{"event": "verification", "report": ..., "close_reason": ...,
  "fatal_error": ..., "requests": N}`.
"""

from __future__ import annotations

import argparse
import signal
import sys
from datetime import date
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request

from crawlers.child import EventWriter, die_with_parent

REQUEST_CAP = "request_cap"
CAP_SETTING = "VERIFICATION_MAX_REQUESTS"
CAP_REACHED = "the verification's request cap was reached"
HARD_STOP_GRACE = 30  # seconds after the time cap the process is ended without asking
STAGES = {
    "crawlers.item_stages.ValidateStage": 100,
    "crawlers.item_stages.StoreStage": 200,
}


class RequestCap:
    """Downloader middleware: the cap-th request is the last one sent; the spider closes there."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.cap = crawler.settings.getint(CAP_SETTING)
        self.sent = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RequestCap:
        middleware = cls(crawler)
        crawler.verification_cap = middleware  # type: ignore[attr-defined]
        return middleware

    def process_request(self, request: Request, spider: Any = None) -> None:
        if self.sent >= self.cap:
            raise IgnoreRequest(CAP_REACHED)
        self.sent += 1
        spider = self.crawler.spider
        if self.sent == self.cap and self.crawler.engine is not None and spider is not None:
            self.crawler.engine.close_spider(spider, REQUEST_CAP)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m vindplaats.operations.verification_child")
    parser.add_argument("--source", required=True)
    parser.add_argument("--from", dest="window_from", required=True, type=date.fromisoformat)
    parser.add_argument("--until", dest="window_until", required=True, type=date.fromisoformat)
    parser.add_argument("--max-requests", type=int, required=True)
    parser.add_argument("--seconds", type=float, required=True)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    die_with_parent()
    args = parse_args(argv)
    # the last resort: a crawl that does not close at its time cap is ended (SIGALRM)
    signal.alarm(int(args.seconds) + HARD_STOP_GRACE)
    events = EventWriter()
    try:
        events.write("verification", **_dry_run(args))
    finally:
        events.close()
    return 0


def _dry_run(args: argparse.Namespace) -> dict[str, Any]:
    from scrapy.crawler import CrawlerProcess

    from crawlers.memory import crawl_memory_mb, limit_address_space
    from crawlers.registry import load_spider
    from crawlers.settings import scrapy_settings
    from vindplaats.settings import load_settings
    from vindplaats.store import open_store

    settings = load_settings()
    limit_address_space(crawl_memory_mb(settings))  # as every crawl child (crawlers.memory)
    store = open_store(settings)
    try:
        source = store.get_source(args.source)
    finally:
        store.close()
    crawl_settings = scrapy_settings(settings)
    crawl_settings["ITEM_PIPELINES"] = dict(STAGES)
    crawl_settings["DOWNLOADER_MIDDLEWARES"] = {
        **crawl_settings["DOWNLOADER_MIDDLEWARES"],
        f"{__name__}.RequestCap": 30,
    }
    crawl_settings[CAP_SETTING] = args.max_requests
    crawl_settings["CLOSESPIDER_TIMEOUT"] = args.seconds
    process = CrawlerProcess(crawl_settings)
    crawler = process.create_crawler(load_spider(source.supplier))
    startup: list[str] = []
    deferred = process.crawl(
        crawler,
        source=source,
        window_from=args.window_from,
        window_until=args.window_until,
        run_id=None,
        modified_since=None,
    )
    deferred.addErrback(lambda failure: startup.append(str(failure.value)))
    process.start()
    return _outcome(crawler, startup)


def _outcome(crawler: Crawler, startup: list[str]) -> dict[str, Any]:
    spider = crawler.spider
    cap = getattr(crawler, "verification_cap", None)
    requests = cap.sent if cap is not None else 0
    if spider is None or not hasattr(spider, "report"):
        reason = startup[0] if startup else "the spider did not start"
        return {
            "report": {"status": "failed", "counts": {}, "errors": [reason]},
            "close_reason": None,
            "fatal_error": f"could not start the crawl: {reason}",
            "requests": requests,
        }
    report = spider.report().model_dump(mode="json")
    report["errors"] = [*report["errors"], *(f"crawl error: {e}" for e in startup)]
    return {
        "report": report,
        "close_reason": getattr(spider, "close_reason", None),
        "fatal_error": getattr(spider, "fatal_error", None),
        "requests": requests,
    }


if __name__ == "__main__":
    sys.exit(main())
