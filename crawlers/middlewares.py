"""Downloader middleware: the fetch guard, applied to every request and every redirect hop.

`FetchGuardMiddleware` runs first in the downloader chain. Redirects and retries come back as new
requests and pass it again, so each hop is checked. A refused request is dropped with
`RefusedRequest` (an `IgnoreRequest`) and reported to the spider's error accounting (URL and
reason). Host names are checked on their resolved addresses by `crawlers.resolver`; a host that
resolver refused before is refused here at once, without another attempt.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import urlsplit

from scrapy.exceptions import IgnoreRequest

from crawlers.resolver import ALLOW_SETTING, refusal_for
from vindplaats.errors import UnsafeURLError
from vindplaats.net.guard import check_url

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler


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
                self._refuse(request, f"refused {request.url}: {reason}")

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
