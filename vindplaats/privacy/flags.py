"""What the extraction stage does with a finding: flag the document for review, or lift the
flag when a new extraction no longer finds anything (`vindplaats.harvest.extract`)."""

from __future__ import annotations

from collections.abc import Sequence

from normalize.records import Page
from vindplaats.privacy.bsn import Finding, scan_pages
from vindplaats.store.base import Store

REASON_BSN = "bsn"


def scan_extracted(pages: Sequence[Page]) -> Finding:
    """BSNs on extracted pages, by their own page numbers."""
    per_page: dict[int, int] = {}
    for page in pages:
        found = scan_pages([page.text])
        if found.count:
            per_page[page.number] = per_page.get(page.number, 0) + found.count
    return Finding(per_page)


def check_extracted(
    store: Store, document_id: str, source_key: str, pages: Sequence[Page]
) -> Finding:
    """Flag the document when its pages hold BSNs (detail: pages and count); lift an earlier
    BSN flag when they no longer do. Returns the finding (never the numbers)."""
    found = scan_extracted(pages)
    if found.count:
        store.flag_document(document_id, source_key, REASON_BSN, found.detail())
    else:
        flag = store.get_flag(document_id)
        if flag is not None and flag.reason == REASON_BSN:
            store.unflag_document(document_id)
    return found


__all__ = ["REASON_BSN", "check_extracted", "scan_extracted"]
