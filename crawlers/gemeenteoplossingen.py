"""`GoSpider`: harvests one GemeenteOplossingen (GO) installation (REST/JSON).

Every municipality runs its own installation: the source's `base_url` (catalogue column, e.g.
`https://raad.<gemeente>.nl/api`) is required, `api_version` is `v1` (default) or `v2`.

Flow, one step after the other so the outcome never depends on arrival order: `v1/dmus`
(committees) → the meetings of the window (v1: one array; v2: pages of `{result: {totalCount,
meetings}}`, followed with `limit`/`offset` by the rule of `crawlers.go_paging`, which stops
on an empty, repeated or short page whatever the server does with the paging parameters and
counts the pages read as `meeting_pages`) →
`v1/documents` (documents published in the window that are on no agenda). Meetings carry
their agenda items and documents inline; files download from
`<base>/v1/meetings/<meetingId>/documents/<documentId>` (on an agenda) or
`<base>/v1/documents/<documentId>` (outside agendas). Inactive meetings are counted as
`skipped_inactive`; items with an empty `sortorder` as `skipped_non_agenda_items` (their files
stay on the meeting).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, time
from typing import Any

from scrapy.http import Request, Response
from twisted.python.failure import Failure

from crawlers import go_paging as paging
from crawlers import go_parse as parse
from crawlers.base import BaseSupplierSpider
from crawlers.contexts import Context
from crawlers.counts import (
    MEETING_PAGES,
    MEETING_PAGES_ODD,
    SKIPPED_INACTIVE,
    SKIPPED_NON_AGENDA_ITEMS,
)
from crawlers.go_parse import Json
from crawlers.spider_records import Output
from normalize.cleaners import AMSTERDAM
from normalize.records import Committee, Meeting, Supplier
from vindplaats.errors import SourceError
from vindplaats.sources import Source


class GoSpider(BaseSupplierSpider):
    name = "gemeenteoplossingen"
    supplier = Supplier.GEMEENTEOPLOSSINGEN
    page_size = 100  # v2 meetings asked per page (`limit`)
    max_pages = 1000

    def __init__(self, source: Source, *args: Any, **kwargs: Any) -> None:
        super().__init__(source, *args, **kwargs)
        self.version = parse.api_version(source.api_version) or "v1"
        self.organization_id = self.record_id("organization", source.key)
        self.committees: dict[str, str] = {}
        self._meetings: set[str] = set()

    def check_source(self, source: Source) -> None:
        super().check_source(source)
        if parse.api_version(source.api_version) is None:
            raise SourceError(
                f"source {source.key!r}: api_version {source.api_version!r} is not a "
                "GemeenteOplossingen API version (use v1 or v2)"
            )

    # -- organisation and committees --------------------------------------------------------
    def first_requests(self) -> Iterator[Request]:
        yield self.api_request(self.api_url("v1/dmus"), self.parse_dmus, errback=self.no_dmus)

    def parse_dmus(self, response: Response) -> Output:
        data = self.api_data(response)
        yield from self.organization_record(response.url)
        for dmu in parse.rows(data, "dmus")[0] if data is not None else []:
            if parse.ident(dmu) is None:
                self.record_error(f"a committee without id in {response.url}")
            yield from self.committee(dmu, response.url)
        yield self.meetings_request(0, 1)

    def no_dmus(self, failure: Failure) -> Output:
        self.request_failed(failure)
        yield from self.organization_record(failure.request.url)  # type: ignore[attr-defined]
        yield self.meetings_request(0, 1)

    def committee(self, dmu: Json, url: str) -> Output:
        native = parse.ident(dmu)
        if native is None or native in self.committees:
            return
        fields = parse.committee_fields(dmu)
        self.committees[native] = fields["name"]
        record = self.build(
            Committee, native, **fields, organization_id=self.organization_id, source_url=url
        )
        if record is not None:
            yield record

    def detect_error(self, data: Any) -> str | None:
        """Besides the shared forms: the v2 envelope's own `status`/`code`/`messages`."""
        return parse.envelope_error(data) or super().detect_error(data)

    # -- meetings ---------------------------------------------------------------------------
    def meetings_request(self, offset: int, page: int, first_len: int = 0) -> Request:
        start = datetime.combine(self.window_from, time.min, AMSTERDAM)
        end = datetime.combine(self.window_until, time(23, 59, 59), AMSTERDAM)
        if self.version == "v1":
            url = self.api_url(
                "v1/meetings", date_from=int(start.timestamp()), date_to=int(end.timestamp())
            )
        else:
            url = self.api_url(
                "v2/meetings",
                date_from=self.window_from.isoformat(),
                date_to=self.window_until.isoformat(),
                limit=self.page_size,
                offset=offset,
            )
        kwargs = {"offset": offset, "page": page, "first_len": first_len}
        return self.api_request(
            url, self.parse_meetings, errback=self.no_meetings, cb_kwargs=kwargs
        )

    def parse_meetings(
        self, response: Response, offset: int, page: int, first_len: int = 0
    ) -> Output:
        data = self.api_data(response)
        if data is not None and not parse.is_list_answer(data, "meetings"):
            self.supplier_error(response, "the answer holds no meeting list")
            data = None
        if data is None:
            if page == 1:
                self.fatal(f"the meeting list could not be read: {response.url}")
            else:
                yield self.documents_request()
            return
        meetings, total = parse.rows(data, "meetings")
        new = 0
        for meeting in meetings:
            native = parse.ident(meeting)
            if native is None:
                self.record_error(f"meeting without id in {response.url}")
            elif native not in self._meetings:
                self._meetings.add(native)
                new += 1
                yield from self.meeting(native, meeting, response.url)
        if self.version == "v2":
            self.counts[MEETING_PAGES] += 1
            first_len = len(meetings) if page == 1 else first_len
            step = paging.next_page(
                page=page,
                offset=offset,
                limit=self.page_size,
                first_len=first_len,
                got=len(meetings),
                new=new,
                seen=len(self._meetings),
                total=total,
            )
            if step.error is not None:
                self.record_error(f"{step.error}: {response.url}")
            if step.note is not None:
                self.counts[MEETING_PAGES_ODD] += 1
                self.logger.info("%s: %s", step.note, response.url)
            if step.next_offset is not None:
                if page < self.max_pages:
                    yield self.meetings_request(step.next_offset, page + 1, first_len)
                    return
                self.record_error(
                    f"the meeting list still went on after {page} pages; stopped: {response.url}"
                )
        yield self.documents_request()

    def no_meetings(self, failure: Failure) -> Output:
        request: Request = failure.request  # type: ignore[attr-defined]
        message = self.describe_failure(failure)
        if request.cb_kwargs.get("page") == 1:
            self.fatal(message or f"the meeting list could not be read: {request.url}")
            return
        if message is not None:
            self.record_error(message)
        yield self.documents_request()

    def meeting(self, native: str, meeting: Json, url: str) -> Output:
        if parse.flag(meeting.get("inactive")):
            self.counts[SKIPPED_INACTIVE] += 1
            return
        dmu = parse.dmu_of(meeting)
        dmu_id = parse.ident(dmu)
        if dmu_id is not None:
            yield from self.committee(dmu, url)
        committee_id = self.record_id("committee", dmu_id) if dmu_id else None
        points, others, missing = parse.agenda_points(meeting)
        if missing:
            self.record_error(f"meeting {native}: {missing} agenda item(s) without id in {url}")
        self.counts[SKIPPED_NON_AGENDA_ITEMS] += len(others)
        own = parse.documents_of(meeting) + [d for o in others for d in parse.documents_of(o)]
        ids = {"committee_id": committee_id, "document_ids": self.document_ids(own)}
        record = self.owned_record(Meeting, native, url, **parse.meeting_fields(meeting), **ids)
        if record is None:
            return
        yield record
        context = Context.of_meeting(record)
        yield from self.sight_documents(own, context, native, url)
        for point in points:
            docs = parse.documents_of(point.data)
            doc_ids = self.document_ids(docs)
            fields = parse.item_fields(point)
            item = self.agenda_item_record(point.native_id, context, doc_ids, url, **fields)
            if item is not None:
                yield item
                yield from self.sight_documents(docs, context.via_item(item.id), native, url)

    # -- documents --------------------------------------------------------------------------
    def document_ids(self, docs: list[Json]) -> list[str]:
        return self.record_ids("document", (parse.ident(d) for d in docs))

    def sight_documents(self, docs: list[Json], context: Context, meeting: str, url: str) -> Output:
        for doc in docs:
            native = parse.ident(doc)
            if native is None:
                self.record_error(f"meeting {meeting}: a document without id in {url}")
                continue
            link = f"{self.base_url}/v1/meetings/{meeting}/documents/{native}"
            yield from self.sight_document(native, context, (parse.file_fields(doc), link, url))

    def document_fields(
        self, native: str, payload: tuple[Json, str, str], context: Context
    ) -> dict[str, Any]:
        fields, link, url = payload
        return {**fields, "original_url": link, "source_url": url}

    def documents_request(self) -> Request:
        url = self.api_url(
            "v1/documents",
            publicationDate_from=f"{self.window_from.isoformat()}T00:00:00",
            publicationDate_to=f"{self.window_until.isoformat()}T23:59:59",
        )
        return self.api_request(url, self.parse_documents)

    def parse_documents(self, response: Response) -> Output:
        data = self.api_data(response)
        for doc in parse.rows(data, "documents")[0] if data is not None else []:
            native = parse.ident(doc)
            if native is None:
                self.record_error(f"a document without id in {response.url}")
            elif native not in self._documents:  # on an agenda: harvested with its meeting
                link = f"{self.base_url}/v1/documents/{native}"
                fields = parse.loose_document_fields(doc)
                yield from self.sight_document(native, Context(), (fields, link, response.url))
