"""A council document to store beside Woo publications: the NotuBiz source `testdam`, its
organisation and `Begroting 2025` (a raadsvoorstel, `document:notubiz:testdam:1001`), which has
no DiWoo metadata and belongs to no dossier."""

from __future__ import annotations

from normalize.records import Document, Organization, Supplier
from vindplaats.sources import build_source
from vindplaats.store import Store


def store_council_document(store: Store) -> Document:
    """Store the source, the organisation and the document; the document."""
    store.upsert_source(
        build_source(key="testdam", name="Testdam", supplier="notubiz", notubiz_organisation_id="9")
    )
    town = Organization.build(Supplier.NOTUBIZ, "testdam", "9", name="Gemeente Testdam")
    council = Document.build(
        Supplier.NOTUBIZ,
        "testdam",
        "1001",
        title="Begroting 2025",
        original_url="https://example.org/files/1001.pdf",
        organization_id=town.id,
        document_type="Raadsvoorstel",
    )
    for record in (town, council):
        store.upsert_record(record)
    return council


__all__ = ["store_council_document"]
