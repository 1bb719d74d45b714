"""Dossiers in the store (SQLite, and PostgreSQL in CI): saved as records of type `dossier`
with their documents, found from any of their documents, unchanged when saved the same, gone
from a document's dossiers when withdrawn, removed with their source."""

from __future__ import annotations

from normalize.dossier import Dossier
from normalize.records import Supplier
from tests.normalize import dossier_samples as S
from vindplaats.sources import build_source
from vindplaats.store import Store
from vindplaats.store.sql_core import SQLCore


def dossier(*doc_ids: str, title: str = "Besluit op het Woo-verzoek") -> Dossier:
    return Dossier.build(
        Supplier.DIWOO,
        S.SOURCE,
        S.LETTER_URL,
        title=title,
        organization_id=S.ORGANIZATION.id,
        decision_document_id=doc_ids[0],
        document_ids=list(doc_ids),
    )


def docs(n: int) -> list[str]:
    return [f"document:diwoo:vws:{S.SITE}/{i}.pdf" for i in range(1, n + 1)]


def rows(store: Store) -> int:
    assert isinstance(store, SQLCore)
    return int(store._one("SELECT COUNT(*) AS n FROM dossier_documents")["n"])


def test_a_dossier_is_a_record_found_from_each_of_its_documents(empty_store: Store) -> None:
    store = empty_store
    store.upsert_source(build_source(key=S.SOURCE, name="VWS", supplier="diwoo"))
    first = dossier(*docs(3))
    assert store.save_dossier(first) is True
    assert store.get_record(first.id) == first
    assert list(store.iter_records("dossier", S.SOURCE)) == [first]
    assert store.count_records(S.SOURCE) == {"dossier": 1}
    assert all(store.dossiers_of(d) == [first.id] for d in docs(3))
    assert store.save_dossier(first) is False  # the same content: unchanged
    smaller = dossier(*docs(2), title="Besluit op het Woo-verzoek (herzien)")
    assert store.save_dossier(smaller) is True
    assert store.dossiers_of(docs(3)[2]) == [] and rows(store) == 2
    store.mark_withdrawn([first.id])
    assert store.dossiers_of(docs(1)[0]) == []  # a withdrawn dossier is no document's dossier
    assert store.withdrawn_since(first.id) is not None
    store.save_dossier(smaller)  # formed again: current again
    assert store.dossiers_of(docs(1)[0]) == [first.id]


def test_purging_the_source_removes_its_dossiers(store: Store) -> None:
    store.upsert_source(build_source(key=S.SOURCE, name="VWS", supplier="diwoo"))
    store.save_dossier(dossier(*docs(4)))
    store.remove_source(S.SOURCE, purge=True)
    assert store.count_records(S.SOURCE) == {} and rows(store) == 0
