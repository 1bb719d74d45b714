"""Downloader middlewares: the fetch guard, and backing off when a server says so.

`FetchGuardMiddleware` runs first in the downloader chain. Redirects and retries come back as new
requests and pass it again, so each hop is checked. A refused request is dropped with
`RefusedRequest` (an `IgnoreRequest`) and reported to the spider's error accounting (URL and
reason). Host names are checked on their resolved addresses by `crawlers.resolver`; a host that
resolver refused before is refused here at once, without another attempt.

`RetryAfterMiddleware` honours `Retry-After` on HTTP 429 and 503: the host's download slot
slows down to at least that interval for the rest of the crawl, and the retry of the refused
request waits that long (capped at `MAX_RETRY_AFTER`) before Scrapy's RetryMiddleware sends it.
The supplier gate (`crawlers.gate`) also holds the supplier's budgets, shared through the store,
for that long: other crawls of the same supplier pause too.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import urlsplit

from scrapy.exceptions import IgnoreRequest

from crawlers.counts import RETRY_AFTER_WAITS
from crawlers.resolver import ALLOW_SETTING, refusal_for
from vindplaats.errors import UnsafeURLError
from vindplaats.net.guard import check_url

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response

logger = logging.getLogger(__name__)
MAX_RETRY_AFTER = 300.0  # seconds; a longer wish is honoured this long, then retried
BACKOFF_STATUSES = (429, 503)


class RefusedRequest(IgnoreRequest):
    """A request the fetch guard refused; `reason` says why in plain words."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(reason)
        self.url = url
        self.reason = reason


class _RefusalSink(Protocol):
    def record_refusal(self, url: str, reason: str) -> None: ...


class FetchGuardMiddleware:
    def __init__(self, *, allow_private: bool, crawler: Crawler | None = None) -> None:
        self.allow_private = allow_private
        self.crawler = crawler
        self._reported: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FetchGuardMiddleware:
        return cls(allow_private=crawler.settings.getbool(ALLOW_SETTING), crawler=crawler)

    def process_request(self, request: Request) -> None:
        try:
            check_url(request.url, allow_private=self.allow_private)
        except UnsafeURLError as exc:
            self._refuse(request, str(exc))
        if not self.allow_private:
            reason = refusal_for(urlsplit(request.url).hostname)
            if reason is not None:
                self._refuse(request, f"{reason} (request {request.url})")

    def _refuse(self, request: Request, reason: str) -> None:
        hops = request.meta.get("redirect_urls") or []
        if hops:
            reason = f"{reason} (redirected from {hops[0]})"
        spider: Any = self.crawler.spider if self.crawler is not None else None
        if reason not in self._reported and hasattr(spider, "record_refusal"):
            self._reported.add(reason)
            sink: _RefusalSink = spider
            sink.record_refusal(request.url, reason)
        raise RefusedRequest(request.url, reason)


def retry_after_seconds(value: bytes | str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta seconds or an HTTP date), capped."""
    if value is None:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        seconds = float(text)
    else:
        try:
            when = parsedate_to_datetime(text)
        except (TypeError, ValueError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        seconds = (when - (now or datetime.now(UTC))).total_seconds()
    return min(max(seconds, 0.0), MAX_RETRY_AFTER) or None


class RetryAfterMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RetryAfterMiddleware:
        return cls(crawler)

    async def process_response(self, request: Request, response: Response) -> Response:
        if response.status not in BACKOFF_STATUSES:
            return response
        wait = retry_after_seconds(response.headers.get("Retry-After"))
        if wait is None:
            return response
        engine = self.crawler.engine
        if engine is not None:
            downloader = engine.downloader
            slot = downloader.slots.get(downloader.get_slot_key(request))
            if slot is not None and slot.delay < wait:
                slot.delay = wait
        spider: Any = self.crawler.spider
        if hasattr(spider, "counts"):
            spider.counts[RETRY_AFTER_WAITS] += 1
        logger.warning(
            "HTTP %s with Retry-After: waiting %.0f s before %s", response.status, wait, request.url
        )
        await asyncio.sleep(wait)
        return response
