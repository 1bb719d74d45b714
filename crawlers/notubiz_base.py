"""`NotubizBase`: what the parts of the NotuBiz spider share: the organisation and its attribute
labels, NotuBiz's error answers (HTTP 200 with `{"message", "error_code"}`), and documents.

A document can be listed by a meeting, an agenda item and a register item; it is one record
whose context is chosen by `crawlers.contexts`. Confidential documents are skipped and counted as
`skipped_non_public`; a document without an id or a usable url is an error. A register item's
document without a date of its own takes the item's date.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from crawlers.base import BaseSupplierSpider
from crawlers.contexts import Context
from crawlers.counts import SKIPPED_NON_PUBLIC
from crawlers.notubiz_parse import Json, document_fields, is_confidential, native_id
from crawlers.spider_records import Output
from normalize.cleaners import clean_text
from normalize.records import Supplier
from vindplaats.sources import Source


class NotubizBase(BaseSupplierSpider):
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
        self._entry_dates: dict[str, datetime] = {}  # register entry id → its own date

    def organization_native(self) -> str:
        return self.organisation

    def detect_error(self, data: Any) -> str | None:
        """Besides the shared forms: NotuBiz's `{"message": ..., "error_code": <number>}`."""
        if isinstance(data, dict) and data.get("error_code") and data.get("message"):
            return f"{data['message']} (error_code {data['error_code']})"
        return super().detect_error(data)

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
