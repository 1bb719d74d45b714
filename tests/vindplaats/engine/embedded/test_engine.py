"""The embedded engine end to end: indexing accounting, replace, delete, count, hit fields,
page-level hits, and an index shared by processes one after another and side by side."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
import tantivy

from mappings import FIELDS
from tests.vindplaats.engine.conftest import ids, make_doc, natives, search
from vindplaats.engine import open_engine
from vindplaats.engine.base import Engine, IndexDoc
from vindplaats.engine.embedded import EmbeddedEngine
from vindplaats.engine.embedded.schema import _add_mapped
from vindplaats.errors import EngineError
from vindplaats.harvest.rebuild import rebuild_index
from vindplaats.settings import load_settings


def test_satisfies_the_engine_protocol_and_open_engine_uses_it(tmp_path: Path) -> None:
    engine: Engine = open_engine(load_settings(data_dir=tmp_path))
    try:
        assert isinstance(engine, EmbeddedEngine)
        assert engine.name == "embedded"
        assert engine.count() == 0
    finally:
        engine.close()


def test_index_reports_exact_accounting_and_keeps_going(engine: EmbeddedEngine) -> None:
    good = [make_doc(1, "begroting"), make_doc(2, "motie")]
    too_old = make_doc(3, "jeugdzorg", date=date(1500, 1, 1))
    bad_id = make_doc(4, "woningbouw", id="document with spaces")
    not_a_doc = IndexDoc.model_construct(id="document:ibabs:delft:5", title=None, pages=[])
    report = engine.index([good[0], too_old, bad_id, not_a_doc, good[1]])
    assert report.submitted == 5
    assert report.indexed == 2
    assert set(report.failed) == {too_old.id, "document with spaces", "document:ibabs:delft:5"}
    assert "1500-01-01" in report.failed[too_old.id]
    assert "whitespace" in report.failed["document with spaces"]
    assert "title" in report.failed["document:ibabs:delft:5"]
    assert engine.count() == 2
    assert natives(search(engine)) == {"1", "2"}


def test_items_that_are_not_documents_are_recorded_not_fatal(engine: EmbeddedEngine) -> None:
    items: list[Any] = [{"id": "document:ibabs:delft:1"}, None, make_doc(2)]
    report = engine.index(items)
    assert (report.submitted, report.indexed) == (3, 1)
    assert report.failed == {"#0": "not an IndexDoc: dict", "#1": "not an IndexDoc: NoneType"}


def test_reindexing_the_same_id_replaces_it(engine: EmbeddedEngine) -> None:
    engine.index([make_doc(1, "oude tekst over begroting", "tweede pagina")])
    engine.index([make_doc(1, "nieuwe tekst over jeugdzorg", title="Vervangen")])
    assert engine.count() == 1
    assert search(engine, "begroting").total == 0
    hit = search(engine, "jeugdzorg").hits[0]
    assert (hit.title, hit.page_count) == ("Vervangen", 1)
    assert search(engine, "pagina").total == 0  # the old second page is gone too


def test_duplicates_in_one_batch_keep_the_last(engine: EmbeddedEngine) -> None:
    report = engine.index([make_doc(1, "eerste"), make_doc(1, "laatste")])
    assert (report.submitted, report.indexed, report.failed) == (2, 2, {})
    assert engine.count() == 1
    assert search(engine, "laatste").total == 1
    assert search(engine, "eerste").total == 0


def test_a_rejected_replacement_keeps_the_indexed_version(engine: EmbeddedEngine) -> None:
    engine.index([make_doc(1, "begroting")])
    report = engine.index([make_doc(1, "jeugdzorg", date=date(2300, 1, 1))])
    assert report.indexed == 0 and make_doc(1).id in report.failed
    assert search(engine, "begroting").total == 1


def test_delete_removes_documents_and_ignores_unknown_ids(engine: EmbeddedEngine) -> None:
    engine.index([make_doc(n, "begroting") for n in range(1, 4)])
    engine.delete([make_doc(2).id, "document:ibabs:delft:nope", ""])
    engine.delete([])
    assert engine.count() == 2
    assert natives(search(engine, "begroting")) == {"1", "3"}


def test_hits_carry_the_document_fields(engine: EmbeddedEngine) -> None:
    doc = make_doc(
        7,
        "pagina een",
        "pagina twee over jeugdzorg",
        "",
        title="Raadsvoorstel jeugdzorg",
        organization="Zoetermeer",
        source_key="zoetermeer",
        supplier="notubiz",
        document_type="motie",
        document_type_label="Moties Zoetermeer",
        woo_category="3.3.2c",
        committee="Commissie Samenleving",
        motion_result="aangenomen",
        date=date(2023, 5, 17),
        added=datetime(2026, 1, 2, 10, 30, 5, 999_000, tzinfo=timezone(timedelta(hours=1))),
        meeting_id="meeting:notubiz:zoetermeer:9",
        file_name="motie.pdf",
        content_type="application/pdf",
    )
    engine.index([doc])
    hit = search(engine, "jeugdzorg").hits[0]
    assert hit.model_dump(exclude={"score", "pages"}) == {
        "id": doc.id,
        "title": "Raadsvoorstel jeugdzorg",
        "organization": "Zoetermeer",
        "source_key": "zoetermeer",
        "supplier": "notubiz",
        "document_type": "motie",
        "document_type_label": "Moties Zoetermeer",
        "woo_category": "3.3.2c",
        "committee": "Commissie Samenleving",
        "motion_result": "aangenomen",
        "date": date(2023, 5, 17),
        "added": datetime(2026, 1, 2, 9, 30, 5, tzinfo=UTC),  # in UTC, to the second
        "meeting_id": "meeting:notubiz:zoetermeer:9",
        "file_name": "motie.pdf",
        "page_count": 3,
    }
    assert hit.score > 0


def test_a_word_only_on_page_three_finds_the_document_with_that_page(
    engine: EmbeddedEngine,
) -> None:
    pages = [
        "Inleiding.",
        "Over verkeer en parkeren.",
        "De <b>kosten</b> van jeugdzorg & meer.",
        "Slot.",
    ]
    engine.index([make_doc(1, *pages), make_doc(2, "Alleen verkeer.")])
    result = search(engine, "jeugdzorg")
    assert ids(result) == [make_doc(1).id]
    page = result.hits[0].pages[0]
    assert page.number == 3
    assert page.snippet == "De &lt;b&gt;kosten&lt;/b&gt; van <mark>jeugdzorg</mark> &amp; meer."


def test_best_pages_come_first_and_pages_per_hit_limits_them(engine: EmbeddedEngine) -> None:
    filler = "de raad vergadert over het voorstel van het college"
    pages = [
        f"begroting {filler} {filler}",
        f"niets {filler} {filler}",
        f"begroting {filler} begroting {filler} begroting",
        f"{filler} {filler} begroting",
    ]
    engine.index([make_doc(1, *pages)])
    numbers = [p.number for p in search(engine, "begroting", pages_per_hit=10).hits[0].pages]
    assert numbers[0] == 3 and sorted(numbers) == [1, 3, 4]
    assert [p.number for p in search(engine, "begroting", pages_per_hit=1).hits[0].pages] == [3]
    assert search(engine, "begroting", pages_per_hit=0).hits[0].pages == []


def test_pages_match_any_query_word_when_words_are_on_different_pages(
    engine: EmbeddedEngine,
) -> None:
    engine.index([make_doc(1, "over de begroting", "iets anders", "over jeugdzorg")])
    hit = search(engine, "begroting jeugdzorg").hits[0]
    assert sorted(p.number for p in hit.pages) == [1, 3]


def test_an_index_with_another_schema_is_refused(index_dir: Path) -> None:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("something_else", stored=True)
    index_dir.mkdir()
    tantivy.Index(builder.build(), path=str(index_dir))
    with pytest.raises(EngineError, match="run `vindplaats index rebuild`"):
        EmbeddedEngine(index_dir)


def test_an_index_of_an_older_field_list_says_to_rebuild_and_rebuild_fixes_it(
    tmp_path: Path,
) -> None:
    settings = load_settings(data_dir=tmp_path / "data")
    builder = tantivy.SchemaBuilder()
    new = {"document_type_label", "woo_category", "organization_key", "committee_key"}
    new |= {"publisher", "publisher_key", "publisher_uri", "woo_document_type", "woo_theme"}
    new |= {"woo_judgement", "woo_ground"}  # the Woo fields of search
    for field in FIELDS:
        if field.name not in new:
            _add_mapped(builder, field)
    builder.add_text_field("kind", tokenizer_name="raw", index_option="basic")  # as before
    settings.index_dir.mkdir(parents=True)
    tantivy.Index(builder.build(), path=str(settings.index_dir))
    with pytest.raises(EngineError, match=r"schema mismatch.*run `vindplaats index rebuild`"):
        EmbeddedEngine(settings.index_dir)
    rebuild_index(settings)
    with EmbeddedEngine(settings.index_dir) as engine:
        assert engine.count() == 0


def test_a_writer_held_elsewhere_makes_writes_wait_then_fail(index_dir: Path) -> None:
    engine = EmbeddedEngine(index_dir, writer_wait_seconds=0.3)
    engine.index([make_doc(1, "begroting")])
    other = tantivy.Index.open(str(index_dir)).writer(heap_size=15_000_000, num_threads=1)
    try:
        with pytest.raises(EngineError, match="another process"):
            engine.index([make_doc(2, "begroting")])
        assert search(engine, "begroting").total == 1  # reading goes on meanwhile
    finally:
        other.wait_merging_threads()
    assert engine.index([make_doc(2, "begroting")]).indexed == 1
    engine.close()


def test_a_closed_engine_refuses_work(engine: EmbeddedEngine) -> None:
    engine.close()
    with pytest.raises(EngineError, match="closed"):
        search(engine, "begroting")
    with pytest.raises(EngineError, match="closed"):
        engine.index([make_doc(1)])


def _run(code: str) -> None:
    subprocess.run([sys.executable, "-c", textwrap.dedent(code)], check=True, timeout=120)


def test_processes_share_the_index(index_dir: Path) -> None:
    """A reader opened first sees what another process commits later, and a writer in this
    process does not block the next process from writing."""
    with EmbeddedEngine(index_dir) as reader:
        reader.index([make_doc(1, "begroting")])
        _run(
            f"""
            from pathlib import Path
            from tests.vindplaats.engine.conftest import make_doc
            from vindplaats.engine.embedded import EmbeddedEngine
            engine = EmbeddedEngine(Path({str(index_dir)!r}), writer_wait_seconds=5)
            report = engine.index([make_doc(2, "begroting in een ander proces")])
            assert report.indexed == 1, report
            engine.delete([make_doc(1).id])
            """
        )
        assert natives(search(reader, "begroting")) == {"2"}
        assert reader.count() == 1
