"""`IbabsSpider`: harvests one iBabs site (SOAP 1.1, `wcf.ibabs.eu/api/Public.svc`) for a source.

Flow: `GetMeetingtypes` (committees; the catalogue's include/exclude patterns on a type's
`Description` pick the source's own types on a site shared by two municipalities) →
`GetMeetingsByDateRange` in chunks of `chunk_months` (meetings, agenda items, documents, and
which register entries each agenda item lists) → when every chunk is in: `GetUsers` (persons,
details by `GetUser`), then `GetLists` → every list's modified-since feed
(`crawlers.ibabs_registers`). Not being whitelisted for the site fails the crawl with a message
that says so; "No public meetings" for a window is a normal, empty answer.

Incremental runs: the registers are a modified-since feed (`SinceDate`), so `modified_since`
reaches back through them; meetings carry no modification date, so an ordinary run reads the
window's meetings and one rolling slice of older ones (`crawlers.ibabs_reread`: the whole
history again every N runs); a backfill reads older ones chunk by chunk.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Any

from scrapy.http import Response
from twisted.python.failure import Failure

from crawlers import ibabs_reread as reread
from crawlers.contexts import Context
from crawlers.counts import REREAD_FROM, SKIPPED_BY_PATTERN, SKIPPED_NON_PUBLIC
from crawlers.ibabs_base import IbabsBase
from crawlers.ibabs_lists import linked_entries
from crawlers.ibabs_parse import (
    MeetingType,
    agenda_fields,
    date_chunks,
    documents,
    included,
    is_confidential,
    meeting_fields,
    meeting_items,
    meeting_types,
    meetings,
    participants,
)
from crawlers.ibabs_registers import IbabsRegisters
from crawlers.soap import Element, Value, text
from crawlers.spider_records import Output
from normalize.records import Committee, Meeting
from vindplaats.errors import SourceError
from vindplaats.sources import Source
from vindplaats.store import open_store


class IbabsSpider(IbabsRegisters, IbabsBase):
    name = "ibabs"
    chunk_months = 3

    def __init__(self, source: Source, *args: Any, **kwargs: Any) -> None:
        super().__init__(source, *args, **kwargs)
        self.types: dict[str, MeetingType] = {}  # every type the site lists
        self.own_types: set[str] = set()  # ... of which the source's own
        self._pending_chunks = 0
        self._meetings: set[str] = set()

    def check_source(self, source: Source) -> None:
        super().check_source(source)  # the table's required fields: ibabs_sitename
        for label, pattern in (
            ("include", source.include_pattern),
            ("exclude", source.exclude_pattern),
        ):
            if pattern:
                try:
                    re.compile(pattern)
                except re.error as exc:
                    message = f"source {source.key!r}: invalid {label}_pattern: {exc}"
                    raise SourceError(message) from None

    # -- meeting types and the organisation ---------------------------------------------------
    def first_requests(self) -> Iterator[Any]:
        yield self.soap(
            "GetMeetingtypes",
            {"Sitename": self.site},
            self.parse_meetingtypes,
            errback=self.no_meetingtypes,
        )

    def parse_meetingtypes(self, response: Response) -> Output:
        result = self.result(response)
        if result is None:
            if not self.no_access:
                self.fatal(f"the meeting types of iBabs site {self.site!r} could not be read")
            return
        yield from self.organization_record(response.url)
        for meeting_type in meeting_types(result.element):
            self.types[meeting_type.id] = meeting_type
            if not included(meeting_type.description, self.include, self.exclude):
                continue
            self.own_types.add(meeting_type.id)
            committee = self.owned_record(
                Committee,
                meeting_type.id,
                response.url,
                name=meeting_type.label,
                is_council=meeting_type.is_council,
            )
            if committee is not None:
                yield committee
        if self.shared and not self.own_types:
            self.record_error(
                f"no meeting type of iBabs site {self.site!r} matches the source's "
                f"include/exclude patterns ({len(self.types)} types listed)"
            )
        yield from self.chunk_requests()

    def no_meetingtypes(self, failure: Failure) -> None:
        self.fatal(self.failure_message(failure) or f"iBabs site {self.site!r} could not be read")

    # -- meetings -----------------------------------------------------------------------------
    def reread_slice(self) -> tuple[date, date] | None:
        """The older slice this ordinary run re-reads (`crawlers.ibabs_reread`), or None."""
        months = self.config.ibabs_reread_months if self.config is not None else 0
        if self.config is None or self.modified_since is None or months < 1:
            return None
        found = reread.slices(self.history_from, self.window_from, months)
        if not found:
            return None
        store = open_store(self.config)
        try:
            runs = store.list_runs(self.source.key, limit=reread.RUNS_LOOKED_AT)
        finally:
            store.close()
        chosen = reread.next_slice(found, reread.cursor(r for r in runs if r.id != self.run_id))
        if chosen is not None:
            self.counts[REREAD_FROM] = reread.stamp(chosen[0])
        return chosen

    def chunk_requests(self) -> Output:
        chunks = date_chunks(self.window_from, self.window_until, self.chunk_months)
        older = self.reread_slice()
        if older is not None:
            chunks = date_chunks(*older, self.chunk_months) + chunks
        self._pending_chunks = len(chunks)
        for first, last in chunks:
            params: dict[str, Value] = {
                "Sitename": self.site,
                "StartDate": f"{first.isoformat()}T00:00:00",
                "EndDate": f"{last.isoformat()}T23:59:59",
                "MetaDataOnly": False,
            }
            yield self.soap(
                "GetMeetingsByDateRange", params, self.parse_meetings, errback=self.no_meetings
            )

    def parse_meetings(self, response: Response) -> Output:
        result = self.result(response)
        for meeting in meetings(result.element) if result is not None else []:
            yield from self.meeting(meeting, response.url)
        yield from self.chunk_done()

    def no_meetings(self, failure: Failure) -> Output:
        self.soap_failed(failure)
        yield from self.chunk_done()

    def chunk_done(self) -> Output:
        self._pending_chunks -= 1
        if self._pending_chunks == 0 and not self.no_access:
            yield from self.register_requests()

    def meeting(self, meeting: Element, url: str) -> Output:
        ident = text(meeting, "Id")
        if ident is None:
            self.record_error(f"GetMeetingsByDateRange: a meeting without Id ({url})")
            return
        if ident in self._meetings:
            return
        self._meetings.add(ident)
        type_id = text(meeting, "MeetingtypeId")
        meeting_type = self.types.get(type_id or "")
        if type_id not in self.own_types:
            if meeting_type is not None:  # a type of the other municipality on a shared site
                self.counts[SKIPPED_BY_PATTERN] += 1
                return
            if self.shared:
                self.record_error(
                    f"meeting {ident} has meeting type {type_id!r} that GetMeetingtypes does not "
                    "list: the include/exclude patterns cannot be applied, skipped"
                )
                return
        committee_id = self.ref_id("committee", type_id) if type_id in self.own_types else None
        docs = self.public_documents(documents(meeting))
        record = self.owned_record(
            Meeting,
            ident,
            url,
            **meeting_fields(meeting, meeting_type),
            committee_id=committee_id,
            document_ids=self.document_ids(docs),
        )
        if record is None:
            return
        yield record
        self.participants |= participants(meeting)
        context = Context.of_meeting(record)
        yield from self.sight_documents(docs, context, url)
        order = 0
        for item in meeting_items(meeting):
            if is_confidential(item):
                self.counts[SKIPPED_NON_PUBLIC] += 1
                continue
            yield from self.agenda_item(item, order, context, url)
            order += 1

    def agenda_item(self, item: Element, order: int, meeting: Context, url: str) -> Output:
        ident = text(item, "Id")
        if ident is None:
            self.record_error(f"an agenda item without Id in meeting {meeting.meeting_id}")
            return
        docs = self.public_documents(documents(item))
        record = self.agenda_item_record(
            ident, meeting, self.document_ids(docs), url, **agenda_fields(item, order)
        )
        if record is None:
            return
        yield record
        context = meeting.via_item(record.id)
        yield from self.sight_documents(docs, context, url)
        for entry in linked_entries(item):
            self.link_entry(entry, context)
