"""The stages every record a spider yields passes (Scrapy's item pipelines, `ITEM_PIPELINES` in
`crawlers.settings`), one small stage each: validate → store → download.

The store and the originals are opened once per crawl from our `Settings` (the Scrapy setting
`VINDPLAATS_SETTINGS`) and shared by the stages. Counts go to the spider's `counts`.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from weakref import WeakKeyDictionary

from pydantic import ValidationError
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.http import Request, Response

from crawlers import counts
from crawlers.base import BaseSupplierSpider
from crawlers.middlewares import RefusedRequest
from crawlers.settings import our_settings
from crawlers.sizes import file_size_meta, too_large
from crawlers.spider_errors import reason_phrase
from normalize.records import Document, DownloadStatus, Record
from vindplaats.budgets import DOWNLOAD, KIND_META
from vindplaats.errors import NotFound
from vindplaats.settings import Settings
from vindplaats.store import BlobStore, Store, open_blobs, open_store
from vindplaats.store.models import DocumentState

# A download that failed for good (404, too large, refused) is tried again after this long.
RETRY_FAILED_AFTER = timedelta(hours=24)
# download errors that the next run does not retry before RETRY_FAILED_AFTER ("too large":
# how it was written before the file cap named its setting)
PERMANENT = ("file too large", "too large", "refused", "not a file")
REDIRECT_LIMIT = 5  # REDIRECT_MAX_TIMES in crawlers.settings
CONTEXT_FIELDS = ("meeting_id", "agenda_item_id", "committee_id", "meeting_date")


@dataclass
class HarvestContext:
    settings: Settings
    store: Store
    blobs: BlobStore


_contexts: WeakKeyDictionary[Crawler, HarvestContext] = WeakKeyDictionary()


def harvest_context(crawler: Crawler) -> HarvestContext:
    """The crawl's store and originals, opened on first use and closed with the spider."""
    context = _contexts.get(crawler)
    if context is None:
        settings = our_settings(crawler)
        context = HarvestContext(settings, open_store(settings), open_blobs(settings))
        _contexts[crawler] = context
        crawler.signals.connect(context.store.close, signal=signals.spider_closed)
    return context


class _Stage:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.context = harvest_context(crawler)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Any:
        return cls(crawler)

    @property
    def spider(self) -> BaseSupplierSpider:
        spider = self.crawler.spider
        if not isinstance(spider, BaseSupplierSpider):
            raise TypeError("the Vindplaats item stages need a BaseSupplierSpider")
        return spider


class ValidateStage(_Stage):
    """Only valid records pass; anything else is dropped and counted as an error."""

    def process_item(self, item: Any) -> Record:
        if not isinstance(item, Record):
            self.spider.record_error(f"dropped an item that is not a record: {type(item).__name__}")
            raise DropItem("not a record", log_level="DEBUG")
        try:
            return type(item).model_validate(item.model_dump())
        except ValidationError as exc:
            self.spider.record_error(f"invalid {item.record_type} {item.native_id}: {exc}")
            raise DropItem("invalid record", log_level="DEBUG") from None


class StoreStage(_Stage):
    """Upsert every record; a document keeps the meeting context it already had when the new
    sighting has none (a document never loses its meeting between runs)."""

    def process_item(self, item: Record) -> Record:
        store = self.context.store
        if isinstance(item, Document) and item.meeting_id is None:
            try:
                stored = store.get_record(item.id)
            except NotFound:
                stored = None
            if isinstance(stored, Document) and stored.meeting_id is not None:
                item = item.model_copy(update={f: getattr(stored, f) for f in CONTEXT_FIELDS})
        store.upsert_record(item)
        self.spider.count_stored(item)
        return item


class DownloadStage(_Stage):
    """Download each document once per version, through Scrapy (guard, politeness, size cap)."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self._handled: set[tuple[str, str]] = set()

    async def process_item(self, item: Record) -> Record:
        if not isinstance(item, Document):
            return item
        version_key = self.context.store.version_key(item)
        if (item.id, version_key) in self._handled:
            return item
        self._handled.add((item.id, version_key))
        state = self.context.store.get_document_state(item.id)
        if self._unchanged(state, version_key):
            self.spider.counts[counts.DOCUMENTS_UNCHANGED] += 1
        elif self._failed_recently(state, version_key):
            self.spider.record_error(
                f"not retried before {_retry_at(state):%Y-%m-%d %H:%M} UTC: {state.download_error}",
                count=counts.DOWNLOAD_FAILED,
            )
        else:
            await self._download(item)
        return item

    def _unchanged(self, state: DocumentState, version_key: str) -> bool:
        return (
            state.version_key == version_key
            and state.download_status == DownloadStatus.OK
            and state.sha256 is not None
            and self.context.blobs.exists(state.sha256)
        )

    @staticmethod
    def _failed_recently(state: DocumentState, version_key: str) -> bool:
        if state.version_key != version_key or state.download_status != DownloadStatus.FAILED:
            return False
        error = state.download_error or ""
        permanent = error.startswith(PERMANENT) or (
            error.startswith("HTTP 4") and not error.startswith(("HTTP 408", "HTTP 429"))
        )
        return permanent and datetime.now(UTC) < _retry_at(state)

    async def _download(self, doc: Document) -> None:
        timeout = self.context.settings.request_timeout
        request = Request(
            doc.original_url,
            # the kind marks a document file for the supplier's download budget (crawlers.gate)
            meta={
                "download_timeout": timeout,
                "vindplaats_document": doc.id,
                KIND_META: DOWNLOAD,
                **file_size_meta(self.context.settings),  # the file cap, not the API cap
            },
            dont_filter=True,
            priority=-10,
        )
        engine = self.crawler.engine
        assert engine is not None
        try:
            response = await engine.download_async(request)
        except RefusedRequest as exc:  # already reported by the guard
            self._failed(doc, exc.reason, report=False)
            return
        except Exception as exc:  # every download error is recorded, the crawl goes on
            self._failed(doc, self._describe(exc, request))
            return
        problem = self._problem(response, doc)
        if problem is not None:
            self._failed(doc, problem)
            return
        body = response.body
        sha256 = await asyncio.to_thread(self.context.blobs.put, body)
        content_type = _header_type(response) or doc.content_type
        self.context.store.record_download(
            doc.id, sha256=sha256, size=len(body), content_type=content_type
        )
        self.spider.counts[counts.DOCUMENTS_DOWNLOADED] += 1
        self.spider.counts[counts.BYTES_DOWNLOADED] += len(body)

    def _problem(self, response: Response, doc: Document) -> str | None:
        if not 200 <= response.status < 300:
            return f"HTTP {response.status} {reason_phrase(response.status)}: {response.url}"
        kind = _header_type(response) or ""
        if "json" in kind and "json" not in (doc.content_type or ""):
            try:
                data = json.loads(response.body)
            except ValueError:
                return None
            message = self.spider.detect_error(data)
            if message is not None:
                return f"not a file, the supplier answered {message!r}: {response.url}"
        return None

    def _describe(self, exc: Exception, request: Request) -> str:
        name, url = type(exc).__name__, request.url
        # over the file cap: streamed past it, announced past it, or decoded past it
        oversized = too_large(exc, request, self.context.settings)
        if oversized is not None:
            return str(oversized)  # "file too large: ..." (a permanent failure)
        if "redirection" in str(exc):
            return f"too many redirects (more than {REDIRECT_LIMIT}): {url}"
        if "Timeout" in name:
            return f"timed out after {self.context.settings.request_timeout:g} s: {url}"
        return f"{name}: {str(exc) or 'download failed'}: {url}"

    def _failed(self, doc: Document, message: str, *, report: bool = True) -> None:
        self.context.store.record_download_failure(doc.id, message)
        if report:
            self.spider.record_error(message, count=counts.DOWNLOAD_FAILED)
        else:
            self.spider.counts[counts.DOWNLOAD_FAILED] += 1


def _retry_at(state: DocumentState) -> datetime:
    when = state.downloaded_at or datetime.now(UTC)
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when + RETRY_FAILED_AFTER


def _header_type(response: Response) -> str | None:
    raw = response.headers.get("Content-Type")
    if not raw:
        return None
    return raw.decode("latin-1").split(";", 1)[0].strip().lower() or None
