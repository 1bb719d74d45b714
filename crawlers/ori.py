"""`OriSpider`: harvests one publisher of the VNG ORI API (2.0.0-beta.4 or mini-ORI 1.0.0).

The source is registered with its API base (`--supplier ori --base-url https://.../ori`). Shapes
and parameters come from the official documents only (`../shared/standards/ori/`; no supplier
serves the standard publicly, see `crawlers.ori_parse`).

Flow:

1. `events?limit=1&sortOrder=desc`: whether the base serves the event-polling feed (a 200
   `PaginatedEventList`); its newest `timestamp` is the watermark of a full run.
2. With the feed and a `modified_since` (a later run): `events?fromTimestamp=<modified_since>
   &sortOrder=asc&limit=100&offset=N`, paged by offset, then only the changed resources: each
   `resourceUrl` once (only of this API), its last event winning; a DELETE withdraws the
   record (the crawl's store marks it withdrawn: a feed of changes says nothing by absence).
   An agenda item whose vergadering (or hoofdagendapunt) this run did not read has it fetched
   too, for its place.
   Such a run counts `changes_only`: what it did not read is not gone.
   The draft knows three resource types (vergaderingen, agendapunten, informatieobjecten):
   changes to the other collections are read by the next run without a watermark.
3. Otherwise: `fracties` tells the standard (a page: ORI 2.0; 404: mini-ORI, which has three
   collections) and every collection is read in turn, page by page following `next`. Without
   the feed, an ORI 2.0 run with a watermark asks `gewijzigdSinds` of vergaderingen and
   agendapunten (the collections that have it); mini-ORI has no such filter and is read in
   full every run. A complete read of every collection counts `listed_in_full`.

Paging is safe: a `next` that is not an absolute URL of the same API, a page URL asked before,
a page of only records already read, or more than `MAX_PAGES` pages of one collection end that
collection's paging (counted, an error: what came after was not read). Records are assembled
when everything is in (`crawlers.ori_build`).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from scrapy.http import Request, Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from crawlers import counts
from crawlers import ori_parse as parse
from crawlers.base import BaseSupplierSpider
from crawlers.item_stages import harvest_context
from crawlers.ori_build import OriRecords
from normalize.records import Supplier
from vindplaats.sources import Source

Output = Iterator[Any]
MAX_PAGES = 2_000  # pages of one collection (at ~20 records a page: 40,000 records)
EVENT_LIMIT = 100  # the draft's largest page
ORI2 = (
    "fracties",
    "natuurlijkpersonen",
    "fractielidmaatschappen",
    "vergaderingen",
    "agendapunten",
    "informatieobjecten",
    "indieners",
    "besluiten",
    "stemmingen",
    "aanwezigedeelnemers",
    "stemmen",
)
PARENTS = (("vergadering", "vergaderingen"), ("hoofdagendapunt", "agendapunten"))
MINI = ("vergaderingen", "agendapunten", "informatieobjecten")
SINCE = frozenset({"vergaderingen", "agendapunten"})  # the collections with gewijzigdSinds
RESOURCES = {
    "Vergadering": "vergaderingen",
    "Agendapunt": "agendapunten",
    "Informatieobject": "informatieobjecten",
}
RECORD_TYPES = {"vergaderingen": "meeting", "agendapunten": "agenda_item"}
RECORD_TYPES["informatieobjecten"] = "document"
PAGES, PAGE_LIMIT, STOPPED = counts.ORI_PAGES, counts.ORI_PAGE_LIMIT, counts.ORI_PAGING_STOPPED
EVENTS, DELETED, CHANGES_ONLY = counts.ORI_EVENTS, counts.ORI_EVENTS_DELETED, counts.CHANGES_ONLY


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


class OriSpider(OriRecords, BaseSupplierSpider):
    name = "ori"
    supplier = Supplier.ORI

    def __init__(self, source: Source, *args: Any, **kwargs: Any) -> None:
        super().__init__(source, *args, **kwargs)
        self.organization_id = self.record_id("organization", source.key)
        self.collected: dict[str, dict[str, Any]] = {}
        self.standard = ""  # "ori-2" or "mini-ori", once known
        self.has_events = False
        self.pending: list[str] = []
        self.seen_pages: set[str] = set()
        self.changes: dict[str, tuple[str, str, str]] = {}  # url → (event type, collection, id)
        self.inflight = 0
        self.started = datetime.now(UTC)

    # -- 1. the event feed? -----------------------------------------------------------------
    def first_requests(self) -> Iterator[Request]:
        url = self.api_url("events", limit=1, sortOrder="desc")
        yield self.api_request(url, self.parse_probe, errback=self.no_events)

    def parse_probe(self, response: Response) -> Output:
        data = parse.results(self.json_body(response))
        if data is not None:
            self.counts[counts.API_RESPONSES] += 1
            self.has_events = True
            newest = [parse.moment(e.get("timestamp")) for e in data[:1]]
            self.see_modified(newest[0] if newest else None)
        yield from self.after_probe()

    def no_events(self, failure: Failure) -> Output:
        exc = failure.value
        if not isinstance(exc, HttpError) or exc.response.status >= 500:
            self.request_failed(failure)  # not an answer about the feed: say so, go on
        yield from self.after_probe()

    def after_probe(self) -> Output:
        if self.has_events and self.modified_since is not None:
            yield self.events_request(0)
            return
        yield self.api_request(self.api_url("fracties"), self.parse_standard, errback=self.not_ori2)

    # -- 2. the changes since the watermark -------------------------------------------------
    def events_request(self, offset: int) -> Request:
        assert self.modified_since is not None
        url = self.api_url(
            "events",
            fromTimestamp=_stamp(self.modified_since),
            sortOrder="asc",
            limit=EVENT_LIMIT,
            offset=offset,
        )
        return self.api_request(url, self.parse_events, cb_kwargs={"offset": offset})

    def parse_events(self, response: Response, offset: int) -> Output:
        data = self.api_data(response)
        events = parse.results(data)
        if events is None:
            self.fatal(f"the event feed could not be read: {response.url}")
            return
        for event in events:
            self.see_event(event)
        total = data.get("total") if isinstance(data, dict) else None
        after = offset + len(events)
        if events and isinstance(total, int) and after < total and after // EVENT_LIMIT < MAX_PAGES:
            yield self.events_request(after)
            return
        yield from self.fetch_changes()

    def see_event(self, event: dict[str, Any]) -> None:
        self.counts[EVENTS] += 1
        at = parse.moment(event.get("timestamp"))
        url = parse.clean_text(event.get("resourceUrl"))
        collection = RESOURCES.get(str(event.get("resourceType")))
        kind = str(event.get("eventType"))
        record = parse.ident(url) if url else None
        if at is None or url is None or collection is None or record is None:
            self.record_error(f"an event that cannot be read: {str(event)[:200]}")
            return
        if not parse.same_api(url, self.base_url):
            self.record_error(f"an event names a resource outside this API: {url[:200]}")
            return
        if self.modified_since is not None and at <= self.modified_since:
            return  # seen by the run that set the watermark
        self.see_modified(at)
        self.changes.pop(url, None)  # the last event of a resource wins
        self.changes[url] = (kind, collection, record)

    def fetch_changes(self) -> Output:
        self.counts[CHANGES_ONLY] = 1  # what was not read says nothing (a feed of changes)
        for url, (kind, collection, record) in self.changes.items():
            if kind == "DELETE":
                self.withdraw(collection, record)
            else:
                yield self.resource_request(url, collection)
        if self.inflight == 0:
            yield from self.finish(full=False)

    def resource_request(self, url: str, collection: str) -> Request:
        self.inflight += 1
        return self.api_request(
            url,
            self.parse_resource,
            errback=self.resource_failed,
            cb_kwargs={"collection": collection},
        )

    def parse_resource(self, response: Response, collection: str) -> Output:
        data = self.api_data(response)
        native = parse.ident(data) if isinstance(data, dict) else None
        if isinstance(data, dict) and native:
            self.got(collection)[native] = data
        elif data is not None:
            self.supplier_error(response, f"no {collection} record")
        yield from self.resource_done()

    def resource_failed(self, failure: Failure) -> Output:
        self.request_failed(failure)
        yield from self.resource_done()

    def resource_done(self) -> Output:
        self.inflight -= 1
        if self.inflight:
            return
        yield from self.missing_parents()
        if self.inflight == 0:
            yield from self.finish(full=False)

    def missing_parents(self) -> Iterator[Request]:
        """The vergaderingen and hoofdagendapunten of changed agenda items not read yet."""
        wanted: dict[str, str] = {}
        for a in list(self.got("agendapunten").values()):
            for key, collection in PARENTS:
                ref = a.get(key)
                native = parse.ident(ref) if ref else None
                url = parse.clean_text(ref.get("url")) if isinstance(ref, dict) else None
                if native and url and native not in self.got(collection) and url not in wanted:
                    wanted[url] = collection
        for url, collection in wanted.items():
            if url not in self.seen_pages:
                self.seen_pages.add(url)
                yield self.resource_request(url, collection)

    def withdraw(self, collection: str, native: str) -> None:
        """A DELETE event: the record is marked withdrawn in the crawl's store."""
        self.counts[DELETED] += 1
        record_id = self.record_id(RECORD_TYPES[collection], native)
        crawler = getattr(self, "crawler", None)
        if crawler is not None and self.config is not None:
            harvest_context(crawler).store.mark_withdrawn([record_id])

    # -- 3. every collection, page by page ---------------------------------------------------
    def parse_standard(self, response: Response) -> Output:
        self.standard = "ori-2"
        self.pending = [c for c in ORI2 if c != "fracties"]
        yield from self.parse_page(response, "fracties", 1)

    def not_ori2(self, failure: Failure) -> Output:
        exc = failure.value
        if not (isinstance(exc, HttpError) and exc.response.status in (400, 404)):
            self.request_failed(failure)
            self.fatal(f"the ORI API at {self.base_url} does not answer")
            return
        self.standard = "mini-ori"
        self.pending = list(MINI)
        yield from self.next_collection()

    def next_collection(self) -> Output:
        if not self.pending:
            yield from self.finish(full=True)
            return
        collection = self.pending.pop(0)
        params: dict[str, str] = {}
        since = self.modified_since
        if since is not None and self.standard == "ori-2" and collection in SINCE:
            params["gewijzigdSinds"] = _stamp(since)
        url = self.api_url(collection, **params)
        self.seen_pages.add(url)
        yield self.page_request(url, collection, 1)

    def page_request(self, url: str, collection: str, number: int) -> Request:
        return self.api_request(
            url,
            self.parse_page,
            errback=self.page_failed,
            cb_kwargs={"collection": collection, "number": number},
        )

    def parse_page(self, response: Response, collection: str, number: int) -> Output:
        data = self.api_data(response)
        records = parse.results(data)
        if records is None:
            if data is not None:
                self.supplier_error(response, f"no page of {collection}")
            yield from self.next_collection()
            return
        self.counts[PAGES] += 1
        got = self.got(collection)
        new = 0
        for record in records:
            native = parse.ident(record)
            if native is None:
                self.record_error(f"a {collection} record without id: {response.url}")
            elif native not in got:
                got[native] = record
                new += 1
        link = parse.next_link(data)
        if link is not None and self.page_ok(link, collection, number, bool(records) and not new):
            self.seen_pages.add(link)
            yield self.page_request(link, collection, number + 1)
            return
        yield from self.next_collection()

    def page_ok(self, link: str, collection: str, number: int, repeated: bool) -> bool:
        """Whether to follow `next` (else why not is counted and recorded)."""
        problem = None
        if not parse.same_api(link, self.base_url):
            problem = f"its next link is not a URL of this API: {link}"
        elif link in self.seen_pages or repeated:
            problem = f"its paging repeats itself at {link}"
        elif number >= MAX_PAGES:
            self.counts[PAGE_LIMIT] += 1
            problem = f"it has more than {MAX_PAGES} pages"
        if problem is None:
            return True
        self.counts[STOPPED] += 1
        self.record_error(f"{collection} was not read to the end: {problem}")
        return False

    def page_failed(self, failure: Failure) -> Output:
        self.request_failed(failure)
        yield from self.next_collection()

    def finish(self, *, full: bool) -> Output:
        """Every answer is in: the records (and, after an unfiltered read without an error,
        `listed_in_full`)."""
        if full and not self.has_events:
            self.see_modified(self.started)  # gewijzigdSinds of the next run
        unfiltered = self.standard == "mini-ori" or self.modified_since is None
        if full and unfiltered and not self.counts[counts.ERRORS]:
            self.counts[counts.LISTED_IN_FULL] = 1
        yield from self.assemble()
