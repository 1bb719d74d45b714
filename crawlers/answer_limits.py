"""A cap on what one API answer can make a spider produce: `VINDPLAATS_MAX_RECORDS_PER_ANSWER`.

`AnswerLimitMiddleware` sits next to the spider. It counts the records a callback yields for
one answer, and the requests; past the cap it stops taking from that answer at all (the
callback's generator is closed, so the rest of the answer is never turned into records) and
records the error `<url>: the answer held more than N records; kept N (...)` (or "led to more
than N requests; sent N"), which makes the run `partial`. The size of the answer itself is
capped before it is read (`crawlers.sizes`).

Real councils stay far below the default of 50,000: the largest NotuBiz and GemeenteOplossingen
answers are pages of 100 meetings; an iBabs answer of three months of meetings of a large city
(about 120 meetings with 30 agenda items and 6 documents each) holds about 22,000 records.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from scrapy import Request

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

    def process_spider_output(
        self, response: Response | None, result: Iterable[Any]
    ) -> Iterator[Any]:
        tally = _Tally(self.limit)
        iterator = iter(result)
        try:
            for thing in iterator:
                problem = tally.over(thing)
                if problem is not None:
                    self._record(response, problem)
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
                problem = tally.over(thing)
                if problem is not None:
                    self._record(response, problem)
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
