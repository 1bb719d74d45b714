"""A cap on what one API answer can make a spider produce: `VINDPLAATS_MAX_RECORDS_PER_ANSWER`.

`AnswerLimitMiddleware` sits next to the spider. It counts the records a callback yields for
one answer, and the requests; past the cap it stops taking from that answer at all (the
callback's generator is closed, so the rest of the answer is never turned into records) and
records the error `<url>: the answer held more than N records; kept N (...)` (or "led to more
than N requests; sent N"), which makes the run `partial`. The size of the answer itself is
capped before it is read (`crawlers.sizes`). It also stops taking from an answer once the
crawl passed its memory limit (`crawlers.memory`): Scrapy's closing would wait for the whole
answer to be processed.

Real councils stay far below the default of 50,000: the largest NotuBiz and GemeenteOplossingen
answers are pages of 100 meetings; an iBabs answer of three months of meetings of a large city
(about 120 meetings with 30 agenda items and 6 documents each) holds about 22,000 records.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from scrapy import Request

from crawlers.memory import CLOSE_REASON as MEMORY
from vindplaats.settings import PREFIX, Settings

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.http import Response

SETTING = PREFIX + "MAX_RECORDS_PER_ANSWER"


class _Tally:
    """What one answer produced so far; `over` says what passed the cap (once)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.records = 0
        self.requests = 0

    def over(self, thing: Any) -> str | None:
        if isinstance(thing, Request):
            self.requests += 1
            if self.requests > self.limit:
                n = self.limit
                return f"the answer led to more than {n} requests; sent {n} ({SETTING})"
        else:
            self.records += 1
            if self.records > self.limit:
                n = self.limit
                return f"the answer held more than {n} records; kept {n} ({SETTING})"
        return None


class AnswerLimitMiddleware:
    def __init__(self, crawler: Crawler, limit: int) -> None:
        self.crawler = crawler
        self.limit = limit

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> AnswerLimitMiddleware:
        settings = crawler.settings.get("VINDPLAATS_SETTINGS")
        if isinstance(settings, Settings):
            limit = settings.max_records_per_answer
        else:
            limit = int(Settings.model_fields["max_records_per_answer"].default)
        return cls(crawler, limit)

    def _stopping(self) -> bool:
        """The crawl passed its memory limit: take nothing more from any answer."""
        stats = self.crawler.stats
        reached = stats.get_value("memusage/limit_reached") if stats is not None else None
        return bool(reached) or getattr(self.crawler.spider, "close_reason", None) == MEMORY

    def _take(self, response: Response | None, tally: _Tally, thing: Any) -> bool:
        if self._stopping():
            return False
        problem = tally.over(thing)
        if problem is not None:
            self._record(response, problem)
            return False
        return True

    def process_spider_output(
        self, response: Response | None, result: Iterable[Any]
    ) -> Iterator[Any]:
        tally = _Tally(self.limit)
        iterator = iter(result)
        try:
            for thing in iterator:
                if not self._take(response, tally, thing):
                    return
                yield thing
        finally:
            close = getattr(iterator, "close", None)
            if close is not None:
                close()

    async def process_spider_output_async(
        self, response: Response | None, result: AsyncIterator[Any]
    ) -> AsyncIterator[Any]:
        tally = _Tally(self.limit)
        try:
            async for thing in result:
                if not self._take(response, tally, thing):
                    return
                yield thing
        finally:
            aclose = getattr(result, "aclose", None)
            if aclose is not None:
                await aclose()

    def _record(self, response: Response | None, problem: str) -> None:
        spider: Any = self.crawler.spider
        where = response.url if response is not None else "an answer"
        message = f"{where}: {problem}"
        if hasattr(spider, "record_error"):
            spider.record_error(message)


__all__ = ["SETTING", "AnswerLimitMiddleware"]
