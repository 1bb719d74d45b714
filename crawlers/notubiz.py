"""`NotubizSpider`: harvests one NotuBiz organisation (REST/JSON, `api.notubiz.nl`).

Flow: `/organisations` (attribute id → label map; fallback `entity_type_settings`) → `gremia`
(committees) → `/events` pages in the window and `/organisations/{id}/modules` (the registers:
NotuBiz's `name` and the municipality's `custom_name`) →
`/events/meetings/{id}` (meeting, agenda tree, documents) → every `module_items[].self` (links
are always `modules/0/items/<id>`; the item's `module_id` names its register). Each register's
items in the window are also listed (`/organisations/{id}/modules/{m}/items?date_from&date_to`,
paged by `pagination{list_start, list_end, total_results}`), so entries no meeting links to are
harvested too. Items of a motion register (`Register.holds_motions`, or a Type attribute saying
Motie/Amendement) are Motions too (`crawlers.notubiz_motions`), counted as `motions`. Non-public
events and "No rights to see this meeting" answers are counted as `skipped_non_public`. NotuBiz
answers errors as HTTP 200 with `{"message", "error_code"}`.

NotuBiz has no modified-since filter (`/events` selects by meeting date): with `modified_since`,
the events before the window are listed too and only those whose `last_modified` is later are
fetched (`crawlers.incremental`).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any, ClassVar
from urllib.parse import urlencode, urlsplit

from scrapy.http import Request, Response
from twisted.python.failure import Failure

from crawlers.base import BaseSupplierSpider
from crawlers.contexts import Context, ContextTracker
from crawlers.counts import SKIPPED_NON_PUBLIC
from crawlers.incremental import changed_after, scan_range
from crawlers.notubiz_motions import TYPE_IDS, TYPE_LABELS, kind_of, motion_fields
from crawlers.notubiz_parse import (
    AgendaNode,
    agenda_fields,
    agenda_nodes,
    document_fields,
    is_confidential,
    is_council,
    listing,
    meeting_fields,
    native_id,
    organisation_labels,
    settings_labels,
)
from crawlers.notubiz_registers import (
    Register,
    item_module_id,
    register_item_fields,
    registers,
)
from normalize.cleaners import clean_datetime, clean_int, clean_text
from normalize.records import (
    Committee,
    Meeting,
    RegisterEntry,
    Supplier,
)
from vindplaats.sources import Source

Json = dict[str, Any]
Output = Iterator[Any]


class NotubizSpider(BaseSupplierSpider):
    name = "notubiz"
    supplier = Supplier.NOTUBIZ
    default_query: ClassVar[dict[str, str]] = {"format": "json", "version": "1.17.0"}
    rebase_hosts = frozenset({"api.notubiz.nl"})
    skip_messages = ("No rights to see this meeting",)
    max_pages = 1000

    def __init__(self, source: Source, *args: Any, **kwargs: Any) -> None:
        super().__init__(source, *args, **kwargs)
        self.organisation = str(source.notubiz_organisation_id)
        self.organization_id = self.record_id("organization", self.organisation)
        self.labels: dict[str, str] = {}
        self.listed = False
        self.organisations_read = False
        self.gremia: dict[str, str] = {}
        self._meetings: set[str] = set()
        self._entries: ContextTracker[None] = ContextTracker()
        self._entry_data: dict[str, tuple[str, Json, list[Json], str]] = {}
        self._motion_data: dict[str, Json] = {}  # module item key → Motion fields
        self.registers: dict[str, Register] = {}
        self._linked: set[str] = set()  # register items fetched through a meeting's link
        self.modules_read = False  # until then, register items wait in `_pending`
        self._pending: list[tuple[Json, str]] = []
        self._entry_dates: dict[str, datetime] = {}  # register entry id → its own date

    def organization_native(self) -> str:
        return self.organisation

    def detect_error(self, data: Any) -> str | None:
        """Besides the shared forms: NotuBiz's `{"message": ..., "error_code": <number>}`."""
        if isinstance(data, dict) and data.get("error_code") and data.get("message"):
            return f"{data['message']} (error_code {data['error_code']})"
        return super().detect_error(data)

    # -- organisation, attribute labels, committees -----------------------------------------
    def first_requests(self) -> Iterator[Request]:
        yield self.api_request(
            self.api_url("organisations"), self.parse_organisations, errback=self.no_organisations
        )

    def parse_organisations(self, response: Response) -> Output:
        data = self.api_data(response)
        if data is not None:
            self.organisations_read = True
            self.listed, self.labels = organisation_labels(data, self.organisation)
        if self.listed:
            yield from self.organization_record(response.url)
        if self.labels:
            yield from self.committee_requests()
        else:
            yield self.settings_request()

    def no_organisations(self, failure: Failure) -> Output:
        self.request_failed(failure)
        yield self.settings_request()

    def settings_request(self) -> Request:
        url = self.api_url(f"organisations/{self.organisation}/entity_type_settings")
        return self.api_request(url, self.parse_settings, errback=self.no_settings)

    def parse_settings(self, response: Response) -> Output:
        data = self.api_data(response)
        if data is None:
            yield from self.settings_unreadable(response.url)
            return
        self.labels = settings_labels(data)
        if not self.listed:
            yield from self.organization_record(response.url)
        yield from self.committee_requests()

    def no_settings(self, failure: Failure) -> Output:
        self.request_failed(failure)
        yield from self.settings_unreadable(failure.request.url)  # type: ignore[attr-defined]

    def settings_unreadable(self, url: str) -> Output:
        if not self.organisations_read:
            self.fatal(f"the NotuBiz API at {self.base_url} could not be read")
            return
        if not self.listed:
            self.fatal(
                f"unknown NotuBiz organisation {self.organisation} at {self.base_url}: it is not "
                f"listed in /organisations and {url} could not be read"
            )
            return
        self.record_error(f"no attribute labels for organisation {self.organisation}: {url}")
        yield from self.committee_requests()

    def committee_requests(self) -> Output:
        url = self.api_url(f"organisations/{self.organisation}/gremia")
        yield self.api_request(url, self.parse_gremia, errback=self.no_gremia)

    def parse_gremia(self, response: Response) -> Output:
        data = self.api_data(response)
        for gremium in listing(data, "gremia", "gremium") if data is not None else []:
            ident, title = native_id(gremium), clean_text(gremium.get("title"))
            if ident is None or ident in self.gremia:
                continue
            self.gremia[ident] = title or f"Gremium {ident}"
            committee = self.build(
                Committee,
                ident,
                name=self.gremia[ident],
                organization_id=self.organization_id,
                is_council=is_council(title),
                source_url=response.url,
            )
            if committee is not None:
                yield committee
        yield from self.listing_requests()

    def no_gremia(self, failure: Failure) -> Output:
        self.request_failed(failure)
        yield from self.listing_requests()

    # -- events and meetings ----------------------------------------------------------------
    def listing_requests(self) -> Output:
        """The window's events (with `modified_since`, also those before it: the scan), then
        the register list (asked after the events; items wait for it, see `register_item`)."""
        yield self.events_request(1)
        if scan_range(self) is not None:
            yield self.events_request(1, scan=True)
        url = self.api_url(f"organisations/{self.organisation}/modules")
        yield self.api_request(url, self.parse_modules, errback=self.no_modules, priority=-1)

    def parse_modules(self, response: Response) -> Output:
        """The registers; then every register's items in the window and the items that
        waited for the register names."""
        data = self.api_data(response)
        self.registers = registers(data) if data is not None else {}
        yield from self.modules_known()
        for module_id in self.registers:
            yield self.register_page_request(module_id, 1)

    def no_modules(self, failure: Failure) -> Output:
        self.request_failed(failure)
        yield from self.modules_known()

    def modules_known(self) -> Output:
        self.modules_read = True
        pending, self._pending = self._pending, []
        for item, url in pending:
            yield from self.register_item(item, url)

    def events_request(self, page: int, scan: bool = False) -> Request:
        dates = scan_range(self) if scan else None
        first, last = dates or (self.window_from, self.window_until)
        url = self.api_url(
            "events",
            organisation_id=self.organisation,
            date_from=f"{first.isoformat()} 00:00:00",
            date_to=f"{last.isoformat()} 23:59:59",
            page=page,
        )
        kwargs = {"page": page, "scan": scan}
        return self.api_request(url, self.parse_events, errback=self.no_events, cb_kwargs=kwargs)

    def parse_events(self, response: Response, page: int, scan: bool = False) -> Output:
        data = self.api_data(response)
        if data is None:
            if page == 1 and not scan:
                self.fatal(f"the meeting list could not be read: {response.url}")
            return
        events = listing(data, "events", "event")
        for event in events:
            ident = native_id(event)
            if ident is None:
                self.record_error(f"event without id in {response.url}")
            elif scan and not changed_after(self, clean_datetime(event.get("last_modified"))):
                continue
            elif event.get("permission_group", "public") != "public" or is_confidential(event):
                self.counts[SKIPPED_NON_PUBLIC] += 1
            elif ident not in self._meetings:
                self._meetings.add(ident)
                url = self.api_url(f"events/meetings/{ident}")
                yield self.api_request(url, self.parse_meeting)
        pagination = data.get("pagination") if isinstance(data, dict) else None
        more = isinstance(pagination, dict) and bool(pagination.get("has_more_pages"))
        if more and events and page < self.max_pages:
            yield self.events_request(page + 1, scan)

    def no_events(self, failure: Failure) -> None:
        message = self.describe_failure(failure)
        request: Request = failure.request  # type: ignore[attr-defined]
        if request.cb_kwargs.get("page") == 1 and not request.cb_kwargs.get("scan"):
            self.fatal(message or f"the meeting list could not be read: {request.url}")
        elif message is not None:
            self.record_error(message)

    def parse_meeting(self, response: Response) -> Output:
        data = self.api_data(response)
        if data is None:
            return
        meeting = data.get("meeting", data) if isinstance(data, dict) else None
        ident = native_id(meeting) if isinstance(meeting, dict) else None
        if not isinstance(meeting, dict) or ident is None:
            self.supplier_error(response, "no meeting in the response")
            return
        if meeting.get("permission_group", "public") != "public":
            self.counts[SKIPPED_NON_PUBLIC] += 1
            return
        gremium = meeting.get("gremium") if isinstance(meeting.get("gremium"), dict) else None
        gremium_id = native_id(gremium) if gremium else None
        committee_id = self.record_id("committee", gremium_id) if gremium_id else None
        title = clean_text(gremium.get("title")) if gremium else None
        fields = meeting_fields(meeting, self.labels, title or self.gremia.get(gremium_id or ""))
        self.see_modified(fields["last_modified"])
        meeting_id = self.record_id("meeting", ident)
        docs = self.public_documents(listing(meeting, "documents", "document"))
        record = self.build(
            Meeting,
            ident,
            **fields,
            organization_id=self.organization_id,
            committee_id=committee_id,
            document_ids=self.document_ids(docs),
            source_url=response.url,
        )
        if record is None:
            return
        yield record
        context = Context(meeting_id, None, committee_id, record.start)
        yield from self.sight_documents(docs, context, response.url)
        yield from self.module_items(meeting, context)
        for node in agenda_nodes(meeting):
            yield from self.agenda_item(node, context, response.url)

    def agenda_item(self, node: AgendaNode, meeting: Context, url: str) -> Output:
        docs = self.public_documents(listing(node.data, "documents", "document"))
        fields = agenda_fields(node, self.labels)
        self.see_modified(fields["last_modified"])
        parent = self.record_id("agenda_item", node.parent) if node.parent else None
        item = self.agenda_item_record(
            node.native_id, meeting, self.document_ids(docs), url, **fields, parent_id=parent
        )
        if item is None:
            return
        yield item
        context = Context(meeting.meeting_id, item.id, meeting.committee_id, meeting.meeting_date)
        yield from self.sight_documents(docs, context, url)
        yield from self.module_items(node.data, context)

    # -- documents --------------------------------------------------------------------------
    def public_documents(self, found: list[Json]) -> list[Json]:
        """The documents to harvest: with an id and not confidential (those are counted)."""
        docs = []
        for doc in found:
            if native_id(doc) is None:
                self.record_error(f"document without id: {clean_text(doc.get('title'))}")
            elif is_confidential(doc):
                self.counts[SKIPPED_NON_PUBLIC] += 1
            elif self.clean_link(doc.get("url")) is None:
                ident, link = native_id(doc), doc.get("url")
                self.record_error(f"document {ident} has no usable url ({link!r}), skipped")
            else:
                docs.append(doc)
        return docs

    def document_ids(self, docs: list[Json]) -> list[str]:
        return list(dict.fromkeys(self.record_id("document", native_id(d) or "") for d in docs))

    def sight_documents(self, docs: list[Json], context: Context, url: str) -> Output:
        for doc in docs:
            yield from self.sight_document(native_id(doc) or "", context, (doc, url))

    def document_fields(
        self, native: str, payload: tuple[Json, str], context: Context
    ) -> dict[str, Any] | None:
        doc, url = payload
        fields = document_fields(doc)
        self.see_modified(fields["modified"])
        link = self.clean_link(doc.get("url"))
        if link is None:
            self.record_error(f"document {native} has no usable url ({doc.get('url')!r}): {url}")
            return None
        fields["document_type"] = fields["document_type"] or context.register_name
        if fields["date"] is None and context.register_entry_id is not None:
            fields["date"] = self._entry_dates.get(context.register_entry_id)
        return {**fields, "original_url": link, "source_url": url}

    # -- registers (module items) -----------------------------------------------------------
    def register_page_request(self, module_id: str, page: int) -> Request:
        url = self.api_url(
            f"organisations/{self.organisation}/modules/{module_id}/items",
            date_from=f"{self.window_from.isoformat()} 00:00:00",
            date_to=f"{self.window_until.isoformat()} 23:59:59",
            page=page,
        )
        kwargs = {"module_id": module_id, "page": page}
        return self.api_request(url, self.parse_register_page, cb_kwargs=kwargs)

    def parse_register_page(
        self, response: Response, module_id: str, page: int, start: int = -1
    ) -> Output:
        """One page of a register's items. The next page is asked as `page=N+1` and only while
        `list_end < total_results`, the page has items and `list_start` moved on (a server
        that ignores `page` would otherwise repeat the first page for ever)."""
        data = self.api_data(response)
        if data is None:
            return
        items = listing(data, "items", "item")
        for item in items:
            yield from self.register_item(item, response.url)
        pagination = data.get("pagination") if isinstance(data, dict) else None
        if not isinstance(pagination, dict) or not items or page >= self.max_pages:
            return
        first = clean_int(pagination.get("list_start"))
        end = clean_int(pagination.get("list_end"))
        total = clean_int(pagination.get("total_results"))
        if first is None or end is None or total is None or first <= start or end >= total:
            return
        request = self.register_page_request(module_id, page + 1)
        request.cb_kwargs["start"] = first
        yield request

    def module_items(self, holder: Json, context: Context) -> Output:
        """The register items a meeting or agenda item links to (`modules/0/items/<id>`)."""
        for ref in listing(holder, "module_items", "module_item"):
            url = self.clean_link(ref.get("self"))
            ident = native_id(ref) or (
                urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1] if url else None
            )
            if url is None or not ident:
                self.record_error(f"module item without a usable link: {ref.get('self')!r}")
                continue
            key = ident
            better = self._entries.add(key, context, None)
            if key not in self._linked:  # fetched even when a listing brought it: the same
                self._linked.add(key)  # requests whatever arrives first
                link = urlsplit(url)._replace(query="", fragment="").geturl()
                request_url = f"{link}?{urlencode(self.default_query)}"
                yield self.api_request(request_url, self.parse_module_item, cb_kwargs={"key": key})
            if better and key in self._entry_data:
                yield from self.register_entry(key)

    def parse_module_item(self, response: Response, key: str) -> Output:
        data = self.api_data(response)
        if data is None:
            return
        item = data.get("item", data) if isinstance(data, dict) else None
        if not isinstance(item, dict) or native_id(item) is None:
            self.supplier_error(response, "no register item in the response")
            return
        if key not in self._entry_data:  # a register listing may have brought it already
            yield from self.register_item(item, response.url)

    def register_item(self, item: Json, url: str) -> Output:
        """Read one item (from a listing or on its own) and emit its entry in its best context;
        `url` (where it was read) names it in errors only."""
        key = native_id(item)
        if key is None:
            self.record_error(f"register item without id in {url}")
            return
        if key in self._entry_data:
            return
        if not self.modules_read:  # its register's name and kind are not known yet
            self._pending.append((item, url))
            return
        module_id = item_module_id(item)
        register = self.registers.get(module_id or "")
        # the item's own address, whether it came from a listing or a meeting's link: the same
        # record whatever answer arrived first
        url = self.api_url(f"modules/{module_id or 0}/items/{key}")
        fields, docs, attributes = register_item_fields(item, self.labels, register)
        self.see_modified(fields.pop("last_modified"))
        self._entry_data[key] = (key, fields, self.public_documents(docs), url)
        kind = kind_of(attributes.text(TYPE_IDS, TYPE_LABELS))
        if (register.holds_motions if register is not None else kind is not None) or (
            register is None and kind_of(fields["register_name"]) is not None
        ):
            names = (register.title, register.name) if register is not None else ()
            self._motion_data[key] = motion_fields(item, fields, attributes, docs, names)
        if self._entries.add(key, Context(), None):
            yield from self.register_entry(key)

    def register_entry(self, key: str) -> Output:
        context, _ = self._entries.best(key)
        self._entries.emitted(key, context)
        ident, fields, docs, url = self._entry_data[key]
        entry = self.build(
            RegisterEntry,
            ident,
            **fields,
            organization_id=self.organization_id,
            meeting_id=context.meeting_id,
            agenda_item_id=context.agenda_item_id,
            document_ids=self.document_ids(docs),
            source_url=url,
        )
        if entry is None:
            return
        if entry.date is not None:
            self._entry_dates[entry.id] = entry.date
        yield entry
        doc_context = context.via_entry(entry.id, fields["register_name"])
        yield from self.sight_documents(docs, doc_context, url)
        yield from self.motion(key, entry, context)

    def motion(self, key: str, entry: RegisterEntry, context: Context) -> Output:
        """The Motion an entry of a motion register is too (same native id)."""
        fields = self._motion_data.get(key)
        if fields is None:
            return
        record = self.motion_record(entry.native_id, fields, entry, context, entry.source_url)
        if record is not None:
            yield record
