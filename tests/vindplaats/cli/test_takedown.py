"""`vindplaats takedown|restore|takedowns list`, as an operator runs them: the record leaves
the index at once and stays in the store, the list shows it, unusable input exits 2."""

from __future__ import annotations

import json
from pathlib import Path

from normalize.records import Document, ExtractionStatus, Page, Supplier
from tests.vindplaats.cli.runner import run_cli
from vindplaats.engine import open_engine
from vindplaats.engine.base import SearchQuery
from vindplaats.harvest.index import index_documents, pending_ids
from vindplaats.settings import load_settings
from vindplaats.sources import build_source
from vindplaats.store import open_store

DOC = Document.build(
    Supplier.NOTUBIZ,
    "alkmaar",
    7,
    title="Besluit op bezwaar",
    original_url="https://example.org/7.pdf",
    organization_id="organization:notubiz:alkmaar:1",
)


def _indexed(data_dir: Path) -> None:
    settings = load_settings(data_dir=data_dir)
    store = open_store(settings)
    store.upsert_source(
        build_source(key="alkmaar", name="Alkmaar", supplier="notubiz", notubiz_organisation_id="1")
    )
    store.upsert_record(DOC)
    store.record_extraction(
        DOC.id, status=ExtractionStatus.OK, pages=[Page(number=1, text="bezwaar")], agent="t"
    )
    engine = open_engine(settings)
    index_documents(store, engine, pending_ids(store))
    engine.close()
    store.close()


def _found(data_dir: Path) -> int:
    engine = open_engine(load_settings(data_dir=data_dir))
    try:
        return engine.search(SearchQuery(q="bezwaar")).total
    finally:
        engine.close()


def test_takedown_list_and_restore(tmp_path: Path) -> None:
    _indexed(tmp_path)
    assert _found(tmp_path) == 1
    done = run_cli("takedown", DOC.id, "--reason", "BSN op pagina 1", data_dir=tmp_path)
    assert done.code == 0, done.err
    assert f"taken down: {DOC.id}" in done.out
    assert _found(tmp_path) == 0  # out of the index at once
    listed = run_cli("takedowns", "list", "--json", data_dir=tmp_path)
    [row] = json.loads(listed.out)
    assert (row["id"], row["reason"], row["taken_by"]) == (DOC.id, "BSN op pagina 1", "cli")
    assert "BSN op pagina 1" in run_cli("takedowns", "list", data_dir=tmp_path).out
    back = run_cli("restore", DOC.id, "--actor", "beheer@alkmaar.nl", data_dir=tmp_path)
    assert back.code == 0 and f"restored: {DOC.id}" in back.out
    assert _found(tmp_path) == 1
    assert "no records taken down" in run_cli("takedowns", "list", data_dir=tmp_path).out
    history = json.loads(run_cli("takedowns", "list", "--all", "--json", data_dir=tmp_path).out)
    assert history[0]["restored_by"] == "beheer@alkmaar.nl"


def test_unusable_input_exits_2(tmp_path: Path) -> None:
    _indexed(tmp_path)
    short = run_cli("takedown", DOC.id, "--reason", " ", data_dir=tmp_path)
    assert short.code == 2 and "a reason is required" in short.err
    unknown = run_cli(
        "takedown", "document:notubiz:alkmaar:999", "--reason", "BSN", data_dir=tmp_path
    )
    assert unknown.code == 2 and "unknown id" in unknown.err
    assert run_cli("restore", DOC.id, data_dir=tmp_path).code == 2  # not taken down
    assert "Traceback" not in short.err + unknown.err
