"""`IbabsBase`: what every part of the iBabs spider shares: SOAP requests and result checks
(`Status`/`Message`), the not-whitelisted state, record ids, and documents with their context.

A document can be listed by a meeting, an agenda item and a register entry; it is one record
whose context is chosen by `crawlers.contexts` (the same feed gives the same record whatever the
arrival order). Confidential documents are skipped and counted as `skipped_non_public`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from scrapy.http import Request, Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from crawlers.base import BaseSupplierSpider
from crawlers.contexts import Context
from crawlers.counts import API_RESPONSES, SKIPPED_NON_PUBLIC
from crawlers.ibabs_lists import EntryBase
from crawlers.ibabs_parse import IbabsDocument, document_fields
from crawlers.soap import (
    Outcome,
    SoapResponseError,
    SoapResult,
    Value,
    describe_fault,
    read_result,
    soap_request,
)
from crawlers.spider_records import Output
from normalize.records import Supplier
from vindplaats.sources import Source


def whitelist_message(site: str, answer: str | None) -> str:
    return (
        f"not whitelisted by iBabs for site {site!r}: ask the municipality to consent to "
        f"harvesting (iBabs answered: {answer or 'no access'})"
    )


class IbabsBase(BaseSupplierSpider):
    supplier = Supplier.IBABS
    api_headers: ClassVar[dict[str, str]] = {"Accept": "text/xml"}

    def __init__(self, source: Source, *args: Any, **kwargs: Any) -> None:
        super().__init__(source, *args, **kwargs)
        self.site = str(source.ibabs_sitename)
        self.include = source.include_pattern
        self.exclude = source.exclude_pattern
        self.shared = bool(self.include or self.exclude)  # a site serving several municipalities
        self.organization_id = self.ref_id("organization", source.key) or ""
        self.no_access = False
        self.participants: set[str] = set()  # UniqueIds of invitees/attendees of own meetings
        self.people: set[str] = set()  # user ids of the persons this source keeps (lowercase)
        self.entry_contexts: dict[str, Context] = {}  # entry id → where an agenda lists it
        self.linked: dict[str, EntryBase] = {}  # entry id → the entry as an agenda lists it
        self.entries_requested: set[str] = set()  # entry ids asked with GetListEntry

    # -- SOAP ---------------------------------------------------------------------------------
    def soap(
        self, operation: str, params: Mapping[str, Value], callback: Any, **kwargs: Any
    ) -> Request:
        kwargs.setdefault("errback", self.soap_failed)
        headers = {**self.api_headers, **kwargs.pop("headers", {})}
        return soap_request(
            self.base_url, operation, params, callback=callback, headers=headers, **kwargs
        )

    def result(self, response: Response) -> SoapResult | None:
        """The operation's result when it can be used (OK or a normal empty answer); None after
        recording why not (unsafe or broken XML, a supplier error, no access to the site)."""
        operation = str(response.meta.get("soap_operation", "?"))
        try:
            result = read_result(response.body, operation)
        except SoapResponseError as exc:
            self.record_error(f"{operation} for site {self.site!r}: {exc} ({response.url})")
            return None
        outcome = result.outcome
        if outcome is Outcome.NO_ACCESS:
            self.not_whitelisted(result.message)
            return None
        if outcome is Outcome.ERROR:
            answer = result.message or "no message"
            self.record_error(f"{operation} for site {self.site!r}: iBabs answered {answer!r}")
            return None
        self.counts[API_RESPONSES] += 1
        return result

    def not_whitelisted(self, answer: str | None) -> None:
        if not self.no_access:
            self.no_access = True
            self.fatal(whitelist_message(self.site, answer))

    def failure_message(self, failure: Failure) -> str | None:
        """A failed SOAP request in plain words, naming the operation (and the SOAP fault)."""
        message = self.describe_failure(failure)
        if message is None:
            return None
        request = getattr(failure, "request", None)
        operation = request.meta.get("soap_operation", "?") if request is not None else "?"
        exc = failure.value
        fault = describe_fault(exc.response.body) if isinstance(exc, HttpError) else None
        return f"{operation}: {message}" + (f" (SOAP fault: {fault})" if fault else "")

    def soap_failed(self, failure: Failure) -> None:
        message = self.failure_message(failure)
        if message is not None:
            self.record_error(message)

    # -- documents ----------------------------------------------------------------------------
    def public_documents(self, found: list[IbabsDocument]) -> list[IbabsDocument]:
        docs = []
        for doc in found:
            if doc.confidential:
                self.counts[SKIPPED_NON_PUBLIC] += 1
            elif self.clean_link(doc.url) is None or self.ref_id("document", doc.id) is None:
                self.record_error(f"document {doc.id!r} has no usable PublicDownloadURL, skipped")
            else:
                docs.append(doc)
        return docs

    def document_ids(self, docs: list[IbabsDocument]) -> list[str]:
        return list(dict.fromkeys(self.ref_id("document", d.id) or "" for d in docs))

    def sight_documents(self, docs: list[IbabsDocument], context: Context, url: str) -> Output:
        for doc in docs:
            yield from self.sight_document(doc.id, context, (doc, url))

    def document_fields(
        self, native: str, payload: tuple[IbabsDocument, str], context: Context
    ) -> dict[str, Any]:
        doc, url = payload
        return {
            **document_fields(doc),
            "document_type": context.register_name,
            "original_url": self.clean_link(doc.url),
            "source_url": url,
        }

    # -- register entries listed on agendas ---------------------------------------------------
    def link_entry(self, entry: EntryBase, context: Context) -> None:
        key = entry.entry_id.lower()
        self.linked.setdefault(key, entry)
        known = self.entry_contexts.get(key)
        if known is None or context.rank() < known.rank():
            self.entry_contexts[key] = context
