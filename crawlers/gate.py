"""The supplier gate of a crawl: request budgets and supplier blocks, applied to every request.

`SupplierGate` (one per crawl) admits each request of the spider's supplier: refused at once
when the supplier is blocked (here or, through the store, by any other process), else sent no
sooner than its budget allows (`vindplaats.budgets`). It inspects each response: a block
(`crawlers.blocks`) is recorded in the store for the cooling-off period, the spider closes
(reason `supplier_blocked`) and every further request to the supplier is dropped with
`SupplierBlockedRequest`; a 429/503 with `Retry-After` holds the supplier's budgets shared in the
store for that long, so the other crawls pause too (`RetryAfterMiddleware` delays the retry and
slows this crawl's download slot).

Where: `BudgetedDownloadHandler` (Scrapy's HTTP/1.1 handler, for http and https) admits each
request right before it is sent and inspects the response right when it arrives. Waiting in a
downloader middleware would happen before Scrapy's per-host download slot, which can hold
requests back and then let several go together, closing the gaps the budget made; and a block
seen after the slot has let the next request go would come one request late.
`SupplierGateMiddleware` drops the requests of a blocked supplier before they queue.

Waiting never blocks the reactor (Deferred-based delays); the store is used from one thread of
the gate's own (a thread pool of one), in order.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlsplit
from weakref import WeakKeyDictionary

from scrapy import signals
from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler
from scrapy.utils.defer import deferred_from_coro, maybe_deferred_to_future
from twisted.internet.defer import Deferred, DeferredList, fail
from twisted.internet.task import deferLater
from twisted.internet.threads import deferToThreadPool
from twisted.python.threadpool import ThreadPool

from crawlers.blocks import BlockDetector, describe
from crawlers.middlewares import BACKOFF_STATUSES, RefusedRequest, retry_after_seconds
from crawlers.settings import our_settings
from crawlers.sizes import RECEIVED_META, count_received, too_large
from vindplaats.budgets import KINDS, Budget, Budgets, request_kind
from vindplaats.settings import Settings
from vindplaats.store import Store, open_store
from vindplaats.store.models import SupplierBlock

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response

logger = logging.getLogger(__name__)
T = TypeVar("T")
CLOSE_REASON = "supplier_blocked"


class SupplierBlockedRequest(RefusedRequest):
    """A request not sent because its supplier has blocked us (reported once, by the gate)."""


class SupplierGate:
    def __init__(self, crawler: Crawler, settings: Settings) -> None:
        self.crawler = crawler
        self.settings = settings
        self.budgets = Budgets(settings.budgets, settings.budget_scope)
        self.detector = BlockDetector(settings.block_403_limit)
        self.blocked: str | None = None  # why this crawl stopped calling the supplier
        self._pool = ThreadPool(minthreads=1, maxthreads=1, name="vindplaats-gate")
        self._store: Store | None = None
        self._pending: set[Deferred[Any]] = set()
        self._closed = False
        self._holds = 0  # Retry-After holds seen; a request waiting meanwhile queues again
        crawler.signals.connect(self.close, signal=signals.spider_closed)

    @property
    def supplier(self) -> str | None:
        supplier = getattr(self.crawler.spider, "supplier", None)
        return None if supplier is None else str(supplier)

    # -- before sending -------------------------------------------------------------------------
    async def admit(self, request: Request) -> None:
        """Return when `request` may go out; SupplierBlockedRequest when it must not."""
        supplier = self.supplier
        if supplier is None:
            return
        self.refuse_if_blocked(request)
        kind = request_kind(request.meta)
        budget = self.budgets.get(supplier, kind, urlsplit(request.url).hostname)
        reservation = self._reservation(supplier, kind, budget)
        delayed = False
        while True:
            holds = self._holds
            wait, block = await maybe_deferred_to_future(self._call(_admit, supplier, reservation))
            if block is not None:
                self._blocked_elsewhere(block)
            self.refuse_if_blocked(request)
            if wait > 0:
                delayed = True
                await _sleep(wait)
                self.refuse_if_blocked(request)
            if self._holds == holds:
                break  # else a Retry-After came meanwhile: take a new place after it
        if delayed:
            self._count("budget_delays")

    def refuse_if_blocked(self, request: Request) -> None:
        if self.blocked is not None:
            raise SupplierBlockedRequest(request.url, self.blocked)

    def _reservation(
        self, supplier: str, kind: str, budget: Budget | None
    ) -> tuple[str, float] | None:
        return None if budget is None else (self.budgets.name(supplier, kind), budget.interval)

    # -- after receiving ------------------------------------------------------------------------
    def inspect(self, request: Request, response: Response) -> None:
        """Raise SupplierBlockedRequest when `response` shows a block; hold the budgets on a
        Retry-After."""
        supplier = self.supplier
        if supplier is None:
            return
        content_type = (response.headers.get("Content-Type") or b"").decode("latin-1")
        kind = request_kind(request.meta)
        reason = self.detector.check(response.status, content_type, response.body, kind)
        if reason is not None:
            self._block(supplier, reason, request.url)
            self.refuse_if_blocked(request)
        if response.status in BACKOFF_STATUSES:
            wait = retry_after_seconds(response.headers.get("Retry-After"))
            if wait is not None:
                self._hold(supplier, urlsplit(request.url).hostname, wait)

    def _hold(self, supplier: str, host: str | None, seconds: float) -> None:
        """Every budget of the supplier (API and downloads) that applies to `host` waits."""
        held = [kind for kind in KINDS if self.budgets.get(supplier, kind, host) is not None]
        for kind in held:
            self._call(_hold, self.budgets.name(supplier, kind), seconds)
        if held:
            self._holds += 1

    def _block(self, supplier: str, reason: str, url: str) -> None:
        if self.blocked is not None:
            return
        until = datetime.now(UTC) + timedelta(seconds=self.settings.block_cooldown)
        where = urlsplit(url)._replace(query="", fragment="").geturl()  # no query: no secrets
        self.blocked = (
            f"supplier {supplier} blocked us: {reason} ({where}); no requests to it until "
            f"about {until:%Y-%m-%d %H:%M} UTC"
        )
        logger.error("%s", self.blocked)
        recorded = self._call(_record_block, supplier, self.settings.block_cooldown, reason)
        recorded.addCallbacks(self._recorded, self._not_recorded)
        self._stop()

    def _recorded(self, block: SupplierBlock) -> None:
        self._fatal(describe(block))

    def _not_recorded(self, failure: Any) -> None:
        self._fatal(f"{self.blocked} (could not record the block: {failure.value!r})")

    def _blocked_elsewhere(self, block: SupplierBlock) -> None:
        if self.blocked is None:
            self.blocked = describe(block)
            self._fatal(self.blocked)
            self._stop()

    def _fatal(self, message: str) -> None:
        spider: Any = self.crawler.spider
        if spider is not None and hasattr(spider, "fatal"):
            spider.fatal(message)

    def _count(self, name: str) -> None:
        spider: Any = self.crawler.spider
        if spider is not None and hasattr(spider, "counts"):
            spider.counts[name] += 1

    def _stop(self) -> None:
        engine = self.crawler.engine
        if engine is None or engine.spider is None:
            return
        closing = deferred_from_coro(engine.close_spider_async(reason=CLOSE_REASON))
        if isinstance(closing, Deferred):
            closing.addErrback(lambda f: logger.error("closing the spider failed: %s", f.value))

    # -- the store, in the gate's thread ----------------------------------------------------------
    def _call(self, func: Callable[..., T], *args: Any) -> Deferred[T]:
        reactor: Any = _reactor()

        if self._closed:
            return fail(RuntimeError("the supplier gate is closed"))
        if not self._pool.started:
            self._pool.start()
            reactor.addSystemEventTrigger("during", "shutdown", self._stop_pool)
        done = deferToThreadPool(reactor, self._pool, self._in_thread, func, *args)
        self._pending.add(done)

        def settled(result: Any) -> Any:
            self._pending.discard(done)
            return result

        done.addBoth(settled)
        return done

    def _in_thread(self, func: Callable[..., T], *args: Any) -> T:
        if self._store is None:
            self._store = open_store(self.settings)
        return func(self._store, *args)

    async def close(self) -> None:
        """Finish pending store calls, close the store (in its thread), stop the thread."""
        try:
            pending = DeferredList(list(self._pending), consumeErrors=True)
            await maybe_deferred_to_future(pending)
            if self._store is not None:
                await maybe_deferred_to_future(self._call(_close_store))
        finally:
            self._stop_pool()

    def _stop_pool(self) -> None:
        self._closed = True
        if self._pool.started:
            self._pool.stop()


def _admit(
    store: Store, supplier: str, reservation: tuple[str, float] | None
) -> tuple[float, SupplierBlock | None]:
    block = store.supplier_block(supplier)
    if block is not None or reservation is None:
        return 0.0, block
    return store.reserve_request(*reservation), None


def _hold(store: Store, name: str, seconds: float) -> None:
    store.hold_requests(name, seconds)


def _record_block(store: Store, supplier: str, seconds: float, reason: str) -> SupplierBlock:
    return store.block_supplier(supplier, seconds, reason)


def _close_store(store: Store) -> None:
    store.close()


async def _sleep(seconds: float) -> None:
    await maybe_deferred_to_future(deferLater(_reactor(), seconds, lambda: None))


def _reactor() -> Any:
    """The installed reactor (imported late: importing it early would install the default)."""
    from twisted.internet import reactor

    return reactor


_gates: WeakKeyDictionary[Crawler, SupplierGate] = WeakKeyDictionary()


def supplier_gate(crawler: Crawler) -> SupplierGate:
    """The crawl's gate, made on first use."""
    gate = _gates.get(crawler)
    if gate is None:
        gate = _gates[crawler] = SupplierGate(crawler, our_settings(crawler))
    return gate


class SupplierGateMiddleware:
    """Drops every request to a supplier that has blocked us, before it queues."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SupplierGateMiddleware:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        supplier_gate(self.crawler).refuse_if_blocked(request)


class BudgetedDownloadHandler(HTTP11DownloadHandler):
    """Scrapy's HTTP/1.1 download handler behind the supplier gate; an answer over its size
    cap fails with `AnswerTooLarge` saying why (`crawlers.sizes`)."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        crawler.signals.connect(count_received, signal=signals.bytes_received)

    async def download_request(self, request: Request) -> Response:
        gate = supplier_gate(self._crawler)
        await gate.admit(request)
        request.meta[RECEIVED_META] = 0  # a retry starts counting again
        try:
            response = await super().download_request(request)
        except Exception as exc:
            oversized = too_large(exc, request, gate.settings)
            if oversized is None:
                raise
            raise oversized from None
        gate.inspect(request, response)
        return response


__all__ = [
    "BudgetedDownloadHandler",
    "SupplierBlockedRequest",
    "SupplierGate",
    "SupplierGateMiddleware",
    "supplier_gate",
]
