"""`ParlaeusSpider`: harvests one Parlaeus municipality (JSON over GET with `fn=`).

Base `https://<gemeente>.parlaeus.nl/receive/opendata` (the source's `base_url`, or built from
its `municipality_prefix`); every call carries `rid=<token>`, the source's `api_token`, which is
a secret: see `crawlers.parlaeus_auth` for how it is kept out of errors, records and logs.

Flow: `fn=cie_list` (committees; a refused token ends the crawl here as failed: "Parlaeus
refused the token for <source>") → `fn=agenda_list&since=&until=` (the window; `last_change`
feeds the watermark) → `fn=agenda_detail&agid=` per meeting (meeting, agenda points nested by
`level`, documents) and `fn=person_list` (Person records). Errors arrive as HTTP 200 with a
`status` other than 200. Links with a doubled host are repaired and counted (`repaired_links`).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any, Self
from urllib.parse import quote, urlencode, urljoin

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.http import Request, Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from crawlers import parlaeus_parse as parse
from crawlers.base import BaseSupplierSpider
from crawlers.contexts import Context
from crawlers.counts import ERRORS
from crawlers.parlaeus_auth import install_log_filter, mask_rid, without_rid
from crawlers.parlaeus_parse import Json
from crawlers.spider_records import Output
from normalize.cleaners import clean_text
from normalize.records import (
    Committee,
    Meeting,
    Person,
    Supplier,
)
from vindplaats.errors import SourceError
from vindplaats.sources import Source


class ParlaeusSpider(BaseSupplierSpider):
    name = "parlaeus"
    supplier = Supplier.PARLAEUS

    def __init__(self, source: Source, *args: Any, **kwargs: Any) -> None:
        super().__init__(source, *args, **kwargs)
        assert source.api_token is not None  # check_source
        self._token = source.api_token.get_secret_value()
        self.organization_id = self.record_id("organization", source.key)
        self.committees: dict[str, str] = {}
        self._agendas: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        spider = super().from_crawler(crawler, *args, **kwargs)
        # Scrapy replaces its root log handler after creating the spider: filter from `opened`.
        crawler.signals.connect(spider._guard_logs, signal=signals.spider_opened)
        return spider

    def _guard_logs(self, spider: Any) -> None:
        if spider is self:
            install_log_filter(self.redact)

    def check_source(self, source: Source) -> None:
        super().check_source(source)
        if source.api_token is None:
            raise SourceError(
                f"source {source.key!r}: api_token is required for parlaeus (the rid Parlaeus "
                "issues per municipality); set it with `vindplaats sources add --api-token-env`"
            )

    # -- the secret -------------------------------------------------------------------------
    def public_url(self, url: str) -> str:
        return without_rid(url)

    def redact(self, text: str) -> str:
        return self.source.redact(mask_rid(text))

    def record_error(self, message: str, *, count: str = ERRORS) -> None:
        super().record_error(self.redact(message), count=count)

    def fatal(self, message: str) -> None:
        super().fatal(self.redact(message))

    def fn_url(self, fn: str, **params: object) -> str:
        query = {"fn": fn, **{k: str(v) for k, v in params.items()}, "rid": self._token}
        return f"{self.base_url}?{urlencode(query, quote_via=quote)}"

    def token_refused(self, detail: str) -> None:
        self.fatal(
            f"Parlaeus refused the token for {self.source.key} ({detail}); check the source's "
            "api_token"
        )

    # -- answers ----------------------------------------------------------------------------
    def detect_error(self, data: Any) -> str | None:
        return parse.status_error(data) or super().detect_error(data)

    def refused_answer(self, data: Any) -> bool:
        if parse.is_token_refusal(data):
            self.token_refused(parse.status_error(data) or "refused")
            return True
        return False

    def request_failed(self, failure: Failure) -> None:
        exc = failure.value
        if isinstance(exc, HttpError) and exc.response.status in parse.TOKEN_REFUSED:
            self.token_refused(f"HTTP {exc.response.status}")
            return
        super().request_failed(failure)

    # -- committees, then meetings and persons ----------------------------------------------
    def first_requests(self) -> Iterator[Request]:
        url = self.fn_url("cie_list")
        yield self.api_request(url, self.parse_committees, errback=self.no_committees)

    def parse_committees(self, response: Response) -> Output:
        data = self.api_data(response)
        if self.fatal_error is not None:
            return
        yield from self.organization_record(response.url)
        for cie in parse.listing(data) if data is not None else []:
            native = parse.ident(cie, "cmid")
            if native is None or native in self.committees:
                continue
            fields = parse.committee_fields(cie)
            self.committees[native] = fields["name"]
            record = self.owned_record(Committee, native, without_rid(response.url), **fields)
            if record is not None:
                yield record
        yield from self.listing_requests()

    def no_committees(self, failure: Failure) -> Output:
        self.request_failed(failure)
        if self.fatal_error is None:
            yield from self.organization_record(failure.request.url)  # type: ignore[attr-defined]
            yield from self.listing_requests()

    def listing_requests(self) -> Output:
        since, until = self.window_from.strftime("%Y%m%d"), self.window_until.strftime("%Y%m%d")
        url = self.fn_url("agenda_list", since=since, until=until)
        yield self.api_request(url, self.parse_agenda_list, errback=self.no_agenda_list)
        yield self.api_request(self.fn_url("person_list"), self.parse_persons)

    def parse_persons(self, response: Response) -> Output:
        data = self.api_data(response)
        for person in parse.listing(data) if data is not None else []:
            native = parse.ident(person, "raid")
            if native is None:
                self.record_error(f"a person without raid in {response.url}")
                continue
            record = self.owned_record(
                Person, native, without_rid(response.url), **parse.person_fields(person)
            )
            if record is not None:
                yield record

    def parse_agenda_list(self, response: Response) -> Output:
        data = self.api_data(response)
        if data is None:
            if self.fatal_error is None:
                self.fatal(f"the meeting list could not be read: {response.url}")
            return
        for entry in parse.listing(data):
            native = parse.ident(entry, "agid")
            if native is None:
                self.record_error(f"a meeting without agid in {response.url}")
            elif native not in self._agendas:
                self._agendas.add(native)
                changed = parse.last_change(entry)
                self.see_modified(changed)
                url = self.fn_url("agenda_detail", agid=native)
                yield self.api_request(url, self.parse_agenda, cb_kwargs={"changed": changed})

    def no_agenda_list(self, failure: Failure) -> None:
        message = self.describe_failure(failure)
        if self.fatal_error is None:
            url = failure.request.url  # type: ignore[attr-defined]
            self.fatal(message or f"the meeting list could not be read: {url}")

    # -- one meeting ------------------------------------------------------------------------
    def parse_agenda(self, response: Response, changed: datetime | None = None) -> Output:
        data = self.api_data(response)
        if data is None:
            return
        agenda = data.get("agenda") if isinstance(data, dict) else None
        native = parse.ident(agenda, "agid") if isinstance(agenda, dict) else None
        if not isinstance(agenda, dict) or native is None:
            self.supplier_error(response, "no agenda in the response")
            return
        url = without_rid(response.url)
        cmid = parse.ident(agenda, "cmid")
        committee_id = self.record_id("committee", cmid) if cmid else None
        nodes, missing = parse.point_nodes(agenda)
        if missing:
            self.record_error(f"meeting {native}: {missing} agenda point(s) without apid: {url}")
        committee = self.committees.get(cmid or "") or clean_text(agenda.get("committeecode"))
        record = self.build(
            Meeting,
            native,
            **parse.meeting_fields(agenda, committee),
            last_modified=changed,
            organization_id=self.organization_id,
            committee_id=committee_id,
            source_url=url,
        )
        if record is None:
            return
        yield record
        meeting = Context.of_meeting(record)
        for node in nodes:
            docs = parse.documents_of(node.data)
            parent = self.record_id("agenda_item", node.parent) if node.parent else None
            fields = {**parse.point_fields(node), "parent_id": parent}
            ids = self.document_ids(docs)
            item = self.agenda_item_record(node.native_id, meeting, ids, url, **fields)
            if item is not None:
                yield item
                yield from self.sight_documents(docs, meeting.via_item(item.id), url)

    def document_ids(self, docs: list[Json]) -> list[str]:
        return self.record_ids("document", (parse.ident(d, "dcid") for d in docs))

    def sight_documents(self, docs: list[Json], context: Context, url: str) -> Output:
        for doc in docs:
            native = parse.ident(doc, "dcid")
            if native is None:
                self.record_error(f"a document without dcid: {url}")
            else:
                yield from self.sight_document(native, context, (doc, url))

    def document_fields(
        self, native: str, payload: tuple[Json, str], context: Context
    ) -> dict[str, Any] | None:
        doc, url = payload
        raw = clean_text(doc.get("link")) or ""
        if raw.startswith("/") and not raw.startswith("//"):  # relative to the host, not the API
            raw = urljoin(self.base_url, raw)
        link = self.clean_link(raw)
        if link is None:
            self.record_error(f"document {native} has no usable link ({doc.get('link')!r}): {url}")
            return None
        return {**parse.document_fields(doc), "original_url": link, "source_url": url}
