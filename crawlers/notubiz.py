"""`NotubizSpider`: harvests one NotuBiz organisation (REST/JSON, `api.notubiz.nl`).

Flow: `/organisations` (attribute id → label map; fallback `entity_type_settings`) → `gremia`
(committees) → `/events` pages in the window and the register list
(`crawlers.notubiz_register_items`) → `/events/meetings/{id}` (meeting, agenda tree, documents)
→ the register items each meeting and agenda item links to. Non-public events and "No rights to
see this meeting" answers are counted as `skipped_non_public`. What the parts share (the
organisation, error answers, documents): `crawlers.notubiz_base`.

NotuBiz has no modified-since filter (`/events` selects by meeting date): with `modified_since`,
the events before the window are listed too and only those whose `last_modified` is later are
fetched (`crawlers.incremental`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from scrapy.http import Request, Response
from twisted.python.failure import Failure

from crawlers.contexts import Context
from crawlers.counts import SKIPPED_NON_PUBLIC
from crawlers.incremental import changed_after, scan_range
from crawlers.notubiz_base import Output
from crawlers.notubiz_parse import (
    AgendaNode,
    agenda_fields,
    agenda_nodes,
    is_confidential,
    is_council,
    listing,
    meeting_fields,
    native_id,
    organisation_labels,
    settings_labels,
)
from crawlers.notubiz_register_items import NotubizRegisterItems
from normalize.cleaners import clean_datetime, clean_text
from normalize.records import Committee, Meeting
from vindplaats.sources import Source


class NotubizSpider(NotubizRegisterItems):
    name = "notubiz"

    def __init__(self, source: Source, *args: Any, **kwargs: Any) -> None:
        super().__init__(source, *args, **kwargs)
        self.listed = False
        self.organisations_read = False
        self.gremia: dict[str, str] = {}
        self._meetings: set[str] = set()

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
        yield self.modules_request()

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
        context = Context.of_meeting(record)
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
        context = meeting.via_item(item.id)
        yield from self.sight_documents(docs, context, url)
        yield from self.module_items(node.data, context)
