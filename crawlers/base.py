"""`BaseSupplierSpider`: what every supplier spider shares (requests, JSON, errors, counts).

A supplier module (NotuBiz, iBabs, GemeenteOplossingen, Parlaeus) is a leaf class on this base
that turns the supplier's responses into `normalize.records` and yields them with the requests
that follow; the records every spider builds alike (ids, the organisation, documents, motions)
come from `crawlers.spider_records`, the errors it records and how a failed request is described
from `crawlers.spider_errors`. Spiders never block and never touch the store: the item stages do
that. How to add a supplier: `docs/adding-a-supplier.md`.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import AsyncIterator, Iterable, Mapping
from datetime import date, datetime
from typing import Any, ClassVar, Self
from urllib.parse import quote, urlencode, urlsplit

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.http import Request, Response
from scrapy.utils.defer import deferred_from_coro
from twisted.internet.defer import Deferred
from twisted.python.failure import Failure

from crawlers.contexts import ContextTracker
from crawlers.counts import (
    API_RESPONSES,
    RECORD_COUNTS,
    REPAIRED_LINKS,
)
from crawlers.links import absolute
from crawlers.memory import CLOSE_REASON as MEMORY_CLOSE
from crawlers.memory import crawl_memory_mb, over_limit, peak_rss_mb
from crawlers.report import CrawlReport, decide_status
from crawlers.spider_errors import SpiderErrors
from crawlers.spider_records import SpiderRecords
from normalize.cleaners import clean_text, clean_url
from normalize.records import Record, Supplier
from vindplaats.settings import HISTORY_START, Settings
from vindplaats.sources import Source
from vindplaats.store.run_errors import DEFAULT_MAX_CHARS, more_errors
from vindplaats.suppliers import supplier_facts


class BaseSupplierSpider(SpiderRecords, SpiderErrors):
    """Shared base of the supplier spiders.

    Knobs a subclass sets (class attributes):

    - `name` (str, required): the Scrapy spider name, by convention the supplier value.
    - `supplier` (`Supplier`, required): goes into every record id.
    - `default_base_url` (str | None): API base when the source has no `base_url`; None means a
      source must carry its own `base_url`. Taken from the supplier's row of
      `vindplaats.suppliers` (its `default_api_base`); a leaf does not state it.
    - `default_query` (dict[str, str]): query parameters `api_url` adds to every API URL
      (NotuBiz: `format=json&version=1.17.0`).
    - `rebase_hosts` (frozenset[str]): host names of the supplier's public API; links to them
      are moved onto the source's `base_url` override (self-hosted installations, sandbox).
    - `error_keys` (tuple[str, ...]): keys of a JSON object that mark a supplier error delivered
      as HTTP 200 (default `("error",)`; a body of only `message`/`status`/`code` is one too).
    - `skip_messages` (tuple[str, ...]): supplier error texts (case-insensitive substrings) that
      mean "not public": counted as `skipped_non_public`, not as errors.
    - `api_headers` (dict[str, str]): extra headers on every API request.
    - `max_errors` (int): how many error lines the report keeps (counts keep counting);
      `VINDPLAATS_MAX_RUN_ERRORS` when the crawl has our settings. Each line is capped at
      `VINDPLAATS_MAX_ERROR_CHARS` characters (`vindplaats.store.run_errors.cap_message`).

    Methods a subclass implements or may override:

    - `first_requests()` (required): the requests the crawl starts with.
    - `check_source(source)`: reject a source lacking the supplier's ids (SourceError);
      default `source.check_harvestable()`.
    - `detect_error(data)`: the supplier's error message in a parsed body, or None.
    - `refused_answer(data)`: True after handling an answer that ends the crawl (a refused
      token) before it is read as an error or as data; default False.
    - `document_fields(native, payload, context)` (`SpiderRecords`): what a document holds.

    What the base offers: `source`, `window_from`, `window_until`, `run_id`, `base_url`,
    `modified_since`, `history_from`, `counts` (Counter), `errors`, `watermark`; `api_url`,
    `api_request`, `api_data`, `json_body`, `clean_link`, `see_modified`, and from
    `SpiderRecords`: `record_id`, `ref_id`, `record_ids`, `build`, `organization_record`,
    `sight_document`, `document`, `motion_record`; from `SpiderErrors`: `record_error`,
    `supplier_error`, `fatal`, `describe_failure`, `request_failed`; `snapshot`, `report`.
    Called by the other components: `record_refusal` (fetch guard middleware), `count_stored`
    (store stage), `detect_error` (download stage, for error bodies served instead of a file).

    Incremental harvesting: the window is read in full on every run (late additions and
    removals in it are found so). `modified_since` (datetime | None; the source's watermark,
    i.e. the largest `see_modified` of earlier complete runs, minus a margin; None on a first
    run, a backfill chunk or an explicit window) asks for what changed after it *outside* the
    window: from a modified-since feed (iBabs registers: `SinceDate`), else by listing the
    dates from `history_from` up to the window and fetching what changed (`crawlers.incremental`).
    A failed request of that pass is an error: the run then neither advances the watermark nor
    marks anything withdrawn.

    Status of a crawl (`report`): failed when `fatal` was called, no API response could be
    read, or the crawl stopped early; partial when errors, refusals or failed downloads were
    counted; ok otherwise. Counts of records are of distinct ids stored in this crawl.
    """

    supplier: ClassVar[Supplier]
    default_base_url: ClassVar[str | None] = None
    default_query: ClassVar[dict[str, str]] = {}
    rebase_hosts: ClassVar[frozenset[str]] = frozenset()
    error_keys: ClassVar[tuple[str, ...]] = ("error",)
    skip_messages: ClassVar[tuple[str, ...]] = ()
    api_headers: ClassVar[dict[str, str]] = {"Accept": "application/json"}
    max_errors: int = 200
    max_error_chars: int = DEFAULT_MAX_CHARS

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        facts = supplier_facts(cls.supplier) if "supplier" in cls.__dict__ else None
        if facts is not None:
            cls.default_base_url = facts.default_api_base

    def __init__(
        self,
        source: Source,
        window_from: date,
        window_until: date,
        run_id: int | None = None,
        modified_since: datetime | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        if window_from > window_until:
            raise ValueError(f"window_from {window_from} is after window_until {window_until}")
        self.check_source(source)
        self.source = source
        self.window_from = window_from
        self.window_until = window_until
        self.run_id = run_id
        self.modified_since = modified_since
        self.history_from = HISTORY_START
        base = source.base_url or self.default_base_url
        if not base:
            raise ValueError(f"source {source.key!r} needs a base_url")
        self.base_url = base.rstrip("/")
        self.counts: Counter[str] = Counter()
        self.errors: list[str] = []
        self.watermark: datetime | None = None
        self.fatal_error: str | None = None
        self.close_reason: str | None = None
        self._stored_ids: set[str] = set()
        self._repaired: set[str] = set()
        self._documents: ContextTracker[Any] = ContextTracker()  # sightings, `document`
        self._error_lines = 0
        self.config: Settings | None = None  # our settings, when run by a crawler that has them

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings.get("VINDPLAATS_SETTINGS")
        if isinstance(settings, Settings):
            spider.config = settings
            spider.history_from = settings.backfill_from
            spider.max_errors = settings.max_run_errors
            spider.max_error_chars = settings.max_error_chars
        crawler.signals.connect(spider._on_spider_error, signal=signals.spider_error)
        crawler.signals.connect(spider._on_item_error, signal=signals.item_error)
        crawler.signals.connect(spider._on_closed, signal=signals.spider_closed)
        return spider

    # -- to implement -----------------------------------------------------------------------
    def check_source(self, source: Source) -> None:
        source.check_harvestable()

    def first_requests(self) -> Iterable[Request]:
        raise NotImplementedError(f"{type(self).__name__} must implement first_requests()")

    async def start(self) -> AsyncIterator[Any]:
        for request in self.first_requests():
            yield request

    # -- requests and responses -------------------------------------------------------------
    def api_url(self, path: str, **params: object) -> str:
        """`base_url + path` with `params` and `default_query` (None values are left out)."""
        query = {k: str(v) for k, v in params.items() if v is not None}
        query.update(self.default_query)
        encoded = urlencode(query, quote_via=quote)  # spaces as %20, as the suppliers document
        return f"{self.base_url}/{path.lstrip('/')}" + (f"?{encoded}" if encoded else "")

    def api_request(self, url: str, callback: Any, **kwargs: Any) -> Request:
        kwargs.setdefault("errback", self.request_failed)
        headers = {**self.api_headers, **kwargs.pop("headers", {})}
        return Request(url, callback=callback, headers=headers, **kwargs)

    def json_body(self, response: Response) -> Any | None:
        """The parsed JSON body, or None after recording a supplier error (not JSON)."""
        try:
            return json.loads(response.body)
        except ValueError:
            kind = (response.headers.get("Content-Type") or b"").decode("latin-1") or "no type"
            snippet = clean_text(response.body[:120].decode("utf-8", "replace")) or "empty body"
            self.supplier_error(response, f"response is not JSON ({kind}): {snippet}")
            return None

    def detect_error(self, data: Any) -> str | None:
        if not isinstance(data, Mapping):
            return None
        for key in self.error_keys:
            value = data.get(key)
            if value:
                if isinstance(value, Mapping) and value.get("message"):
                    code = value.get("code")
                    return str(value["message"]) + (f" (code {code})" if code else "")
                if data.get("message"):
                    return str(data["message"])
                return value if isinstance(value, str) else json.dumps(value)[:200]
        if "message" in data and set(data) <= {"message", "status", "code"}:
            return str(data["message"])
        return None

    def refused_answer(self, data: Any) -> bool:
        return False

    def api_data(self, response: Response) -> Any | None:
        """Parsed JSON of a good API response (counted); None when it was an error."""
        data = self.json_body(response)
        if data is None or self.refused_answer(data):
            return None
        message = self.detect_error(data)
        if message is not None:
            self.supplier_error(response, message)
            return None
        self.counts[API_RESPONSES] += 1
        return data

    # -- records ----------------------------------------------------------------------------
    def clean_link(self, value: object) -> str | None:
        """An absolute, repaired http(s) link (repairs counted as `repaired_links`)."""
        text = clean_text(value)
        if not text:
            return None
        text = absolute(text, self.base_url)
        url = clean_url(text)
        if url is None:
            return None
        if url != text and text not in self._repaired:
            self._repaired.add(text)
            self.counts[REPAIRED_LINKS] += 1
        return self._rebase(url)

    def _rebase(self, url: str) -> str:
        parts = urlsplit(url)
        if parts.hostname not in self.rebase_hosts or self.base_url == self.default_base_url:
            return url
        rest = parts.path + (f"?{parts.query}" if parts.query else "")
        return self.base_url + rest

    def see_modified(self, value: datetime | None) -> None:
        if value is not None and (self.watermark is None or value > self.watermark):
            self.watermark = value

    def count_stored(self, record: Record) -> None:
        """Called by the store stage: count each stored record id once per crawl."""
        if record.id not in self._stored_ids:
            self._stored_ids.add(record.id)
            self.counts[RECORD_COUNTS.get(record.record_type, record.record_type)] += 1

    def _on_spider_error(self, failure: Failure, response: Response, spider: Any) -> None:
        if spider is not self:
            return
        if failure.check(MemoryError):
            self.out_of_memory()
            return
        self.record_error(f"internal error while reading {response.url}: {failure.value!r}")

    def out_of_memory(self) -> None:
        """An allocation failed at the crawl's memory limit: fail the crawl, stop it."""
        self.close_reason = MEMORY_CLOSE
        self.fatal(self._memory_message())
        engine = self.crawler.engine if hasattr(self, "crawler") else None
        if engine is not None and engine.spider is not None:
            closing = deferred_from_coro(engine.close_spider_async(reason=MEMORY_CLOSE))
            if isinstance(closing, Deferred):
                closing.addErrback(lambda f: self.logger.error("closing failed: %s", f.value))

    def _memory_message(self) -> str:
        limit = crawl_memory_mb(self.config) if self.config is not None else None
        return over_limit(limit) if limit is not None else "the crawl ran out of memory"

    def _on_item_error(self, item: Any, response: Any, spider: Any, failure: Failure) -> None:
        if spider is self:
            self.record_error(f"internal error while storing {item!r:.100}: {failure.value!r}")

    def _on_closed(self, spider: Any, reason: str) -> None:
        if spider is self and self.close_reason != MEMORY_CLOSE:
            self.close_reason = reason

    # -- outcome ----------------------------------------------------------------------------
    def snapshot(self) -> dict[str, int]:
        return dict(sorted(self.counts.items()))

    def report(self) -> CrawlReport:
        errors = list(self.errors)
        if self._error_lines > len(errors):
            errors.append(more_errors(self._error_lines - len(errors)))
        if self.config is not None and peak_rss_mb() > crawl_memory_mb(self.config):
            self.close_reason = MEMORY_CLOSE  # passed the limit between two checks
        stopped = self.close_reason not in (None, "finished")
        if self.close_reason == MEMORY_CLOSE:
            message = self._memory_message()
            if message not in errors:
                errors.insert(0, message)
        elif stopped:
            errors.insert(0, f"the crawl stopped before it finished ({self.close_reason})")
        elif self.fatal_error is None and self.counts[API_RESPONSES] == 0:
            errors.insert(0, f"no response could be read from {self.base_url}")
        return CrawlReport(
            status=decide_status(self.counts, self.fatal_error is not None or stopped),
            counts=self.snapshot(),
            errors=errors,
            watermark=self.watermark,
        )
