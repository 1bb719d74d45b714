"""`Store.iter_documents_with_states`: every document of one source with its state, in id order,
read page by page (the Woo-index export streams an organisation's documents through it)."""

from __future__ import annotations

from normalize.records import Document, Meeting, Organization, Supplier
from vindplaats.sources import build_source
from vindplaats.store import Store


def _document(source: str, native: str) -> Document:
    return Document.build(Supplier.NOTUBIZ, source, native, title=f"Stuk {native}",
                          original_url=f"https://example.org/{source}/{native}.pdf",
                          organization_id=f"organization:notubiz:{source}:1")  # fmt: skip


def test_every_document_of_the_source_once_in_id_order(empty_store: Store) -> None:
    store = empty_store
    for key in ("aadorp", "zedorp"):
        store.upsert_source(build_source(key=key, name=key, supplier="notubiz",
                                         notubiz_organisation_id="1"))  # fmt: skip
        store.upsert_record(Organization.build(Supplier.NOTUBIZ, key, 1, name=key))
    mine = [_document("aadorp", str(n)) for n in range(23)]
    for doc in mine:
        store.upsert_record(doc)
    for n in range(5):  # another source's documents, and other records around them
        store.upsert_record(_document("zedorp", str(n)))
    store.upsert_record(
        Meeting.build(
            Supplier.NOTUBIZ,
            "aadorp",
            9,
            name="Raad",
            organization_id="organization:notubiz:aadorp:1",
        )
    )
    store.record_download(mine[3].id, sha256="a" * 64, size=10, content_type="application/pdf")
    store.mark_withdrawn([mine[4].id])
    found = list(store.iter_documents_with_states("aadorp", page_size=5))
    assert [doc.id for doc, _ in found] == sorted(doc.id for doc in mine)
    states = {doc.id: state for doc, state in found}
    assert all(state is not None and state.id == doc_id for doc_id, state in states.items())
    downloaded = states[mine[3].id]
    assert downloaded is not None and downloaded.sha256 == "a" * 64
    withdrawn = states[mine[4].id]
    assert withdrawn is not None and withdrawn.withdrawn
    assert found[0][0] == store.get_record(found[0][0].id)
    assert list(store.iter_documents_with_states("nergens")) == []
