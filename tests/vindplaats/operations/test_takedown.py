"""Taking a record down and restoring it: the reason is required, both are audited under the
record's organisation, the index pass removes a taken-down document (also after a re-harvest
changed it) and a restore puts it back in the index at once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from normalize.records import Document, ExtractionStatus, Page, Supplier
from vindplaats.engine.base import SearchQuery
from vindplaats.engine.embedded import EmbeddedEngine
from vindplaats.errors import NotFound
from vindplaats.harvest.index import index_documents, pending_ids
from vindplaats.operations.takedown import (
    TakedownRefused,
    remove_from_index,
    restore,
    take_down,
    takedowns_of,
)
from vindplaats.settings import load_settings
from vindplaats.sources import build_source
from vindplaats.store import Store, open_store

ORG = "organization:notubiz:alkmaar:1"


def _doc(title: str = "Besluit op bezwaar") -> Document:
    return Document.build(
        Supplier.NOTUBIZ,
        "alkmaar",
        7,
        title=title,
        original_url="https://example.org/7.pdf",
        organization_id=ORG,
    )


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(load_settings(data_dir=tmp_path))
    opened.upsert_source(
        build_source(key="alkmaar", name="Alkmaar", supplier="notubiz", notubiz_organisation_id="1")
    )
    doc = _doc()
    opened.upsert_record(doc)
    opened.record_extraction(
        doc.id, status=ExtractionStatus.OK, pages=[Page(number=1, text="bezwaar")], agent="t"
    )
    yield opened
    opened.close()


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[EmbeddedEngine]:
    with EmbeddedEngine(tmp_path / "index") as opened:
        yield opened


def _found(engine: EmbeddedEngine) -> list[str]:
    return [hit.id for hit in engine.search(SearchQuery(q="bezwaar")).hits]


@pytest.mark.parametrize("reason", [None, "", "  ", "ab", "\x00\x01x", "x" * 1001])
def test_a_takedown_needs_a_reason(store: Store, reason: str | None) -> None:
    with pytest.raises(TakedownRefused):
        take_down(store, _doc().id, reason=reason or "", actor="cli")
    assert store.taken_down_ids() == frozenset()


@pytest.mark.parametrize("record_id", ["document:notubiz:alkmaar:999", "garbage", ""])
def test_unknown_records_are_not_found(store: Store, record_id: str) -> None:
    with pytest.raises(NotFound):
        take_down(store, record_id, reason="BSN op pagina 2", actor="cli")
    with pytest.raises(NotFound):
        restore(store, record_id, actor="cli")


def test_takedown_and_restore_are_audited_and_kept(store: Store) -> None:
    doc_id = _doc().id
    down = take_down(store, doc_id, reason="  BSN op pagina 2\x07 ", actor="editor@alkmaar.nl")
    assert down.reason == "BSN op pagina 2" and down.taken_by == "editor@alkmaar.nl"
    take_down(store, doc_id, reason="nog eens", actor="admin@x.nl")  # down already
    assert [t.record_id for t in takedowns_of(store, ["alkmaar"])] == [doc_id]
    restored = restore(store, doc_id, actor="admin@x.nl")
    assert not restored.takedown.active and restored.indexed is False
    with pytest.raises(NotFound):
        restore(store, doc_id, actor="admin@x.nl")
    entries = store.audit_entries("alkmaar")
    assert [(e.action, e.actor) for e in entries] == [
        ("document.restore", "admin@x.nl"),
        ("document.takedown", "editor@alkmaar.nl"),
    ]
    assert entries[1].subject == doc_id and entries[1].detail == {"reason": "BSN op pagina 2"}
    assert store.get_record(doc_id).id == doc_id  # it stays in the store


def test_a_bsn_typed_into_the_reason_is_not_kept(store: Store) -> None:
    down = take_down(store, _doc().id, reason="BSN 123456782 op pagina 2", actor="cli")
    assert down.reason == "BSN [BSN] op pagina 2"
    assert "123456782" not in repr(store.audit_entries("alkmaar"))


def test_the_index_loses_it_a_reharvest_keeps_it_out_a_restore_brings_it_back(
    store: Store, engine: EmbeddedEngine
) -> None:
    doc_id = _doc().id
    index_documents(store, engine, pending_ids(store))
    assert _found(engine) == [doc_id]
    take_down(store, doc_id, reason="BSN op pagina 1", actor="cli")
    assert pending_ids(store) == [doc_id]  # the next index pass removes it
    assert remove_from_index(store, engine, doc_id)
    assert _found(engine) == [] and pending_ids(store) == []
    store.upsert_record(_doc("Besluit op bezwaar (gewijzigd)"))  # a later harvest changes it
    index_documents(store, engine, pending_ids(store))
    assert _found(engine) == []
    restored = restore(store, doc_id, actor="cli", engine=engine)
    assert restored.indexed and _found(engine) == [doc_id]
