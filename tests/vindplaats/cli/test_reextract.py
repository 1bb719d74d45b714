"""`vindplaats reextract`: after installing the OCR programs, the documents stored as "ocr
unavailable" (and those that failed or came out empty) are extracted again from the stored
originals and re-indexed, without a recrawl."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from search_api import create_app
from tests.vindplaats.cli import ocr_tools
from tests.vindplaats.cli.harvested import KEY, OTHER, Harvested, harvested
from vindplaats.leasing import source_lease
from vindplaats.settings import load_settings


@pytest.fixture
def data(tmp_path: Path) -> Iterator[Harvested]:
    with harvested(tmp_path) as done:
        yield done


def scan_state(data: Harvested) -> tuple[str, list[str]]:
    store = data.store()
    try:
        state = store.get_document_state(data.doc_id(data.world.scanned_document_id))
    finally:
        store.close()
    return state.extraction_status.value, state.extraction_warnings


def api_extraction(data: Harvested) -> dict[str, object]:
    """The extraction part of the scan's GET /api/documents/{id}."""
    with TestClient(create_app(load_settings(data_dir=data.data_dir))) as client:
        answer = client.get(f"/api/documents/{data.doc_id(data.world.scanned_document_id)}")
    assert answer.status_code == 200, answer.text
    extraction: dict[str, object] = answer.json()["extraction"]
    return extraction


def test_installing_ocr_then_reextract_makes_the_scan_searchable(
    data: Harvested, tmp_path: Path
) -> None:
    word = data.world.scanned_word
    status, warnings = scan_state(data)
    assert status == "empty" and any(w.startswith("ocr unavailable") for w in warnings)
    assert json.loads(data.cli("search", word, "--json").out)["total"] == 0
    shown = api_extraction(data)  # the API tells why the scan has no text
    assert shown["status"] == "empty"
    assert "ocr unavailable: tesseract not found" in shown["warnings"]  # type: ignore[operator]

    dry = data.cli("reextract", "--status", "ocr_unavailable", "--dry-run")
    assert dry.code == 0, dry.err
    assert dry.out.strip() == f"would re-extract 1 documents (ocr_unavailable): {KEY} 1"

    path = ocr_tools.path_with(ocr_tools.install(tmp_path / "bin", f"Brief over {word}"))
    done = data.cli("reextract", KEY, "--status", "ocr-unavailable", env={"PATH": path})
    assert done.code == 0, done.out + done.err
    assert done.out.startswith(f"Re-extracted 1 documents of {KEY} from their stored originals: ")
    assert "1 ok, 0 failed" in done.out and "indexed 1, 0 failed" in done.out
    assert "'ocr unavailable' now: 0 documents" in done.out
    status, warnings = scan_state(data)
    assert status == "ok" and not any(w.startswith("ocr unavailable") for w in warnings)
    shown = api_extraction(data)
    assert shown["status"] == "ok" and shown["ocr_pages"] == [1]
    found = json.loads(data.cli("search", word, "--json").out)
    assert [hit["id"] for hit in found["hits"]] == [data.doc_id(data.world.scanned_document_id)]
    # no crawl: still the one harvest run
    assert len(json.loads(data.cli("runs", "list", "--json").out)) == 1


def test_broken_files_stay_failed_and_exit_1(data: Harvested) -> None:
    done = data.cli("reextract", "--status", "failed", "--json")
    assert done.code == 1, done.err
    summary = json.loads(done.out)
    assert summary["selected"] == 2 and summary["by_source"] == {KEY: 2}
    assert summary["extraction_failed"] == 2 and summary["indexed"] == 2
    assert len(summary["errors"]) == 2
    assert all(e.startswith("extract document:notubiz:voorbeeldstad:") for e in summary["errors"])
    text = data.cli("reextract", KEY, "--status", "failed")
    assert text.code == 1 and "0 ok, 2 failed" in text.out and "errors (2):" in text.out


def test_nothing_to_do_and_refusals(data: Harvested) -> None:
    nothing = data.cli("reextract", OTHER)
    assert nothing.code == 0, nothing.err
    assert (
        nothing.out.strip() == f"nothing to re-extract of {OTHER} (failed, empty, ocr_unavailable)"
    )
    for args, message in (
        (("reextract", "nowhere"), "unknown source 'nowhere'"),
        (("reextract", "--status", "broken"), "broken is not one of failed, empty, truncated"),
    ):
        result = data.cli(*args)
        assert result.code == 2, (args, result.err)
        assert message in result.err and "Traceback" not in result.err


def test_refused_while_the_source_is_being_harvested(data: Harvested) -> None:
    store = data.store()
    try:
        assert store.acquire_lease(source_lease(KEY), "worker-elsewhere-1", 600)
        refused = data.cli("reextract", KEY)
        assert refused.code == 2
        assert "while it is being harvested (by worker-elsewhere-1)" in refused.err
        status, _ = scan_state(data)
        assert status == "empty"  # nothing was touched
    finally:
        store.close()


def test_documents_left_pending_are_finished(data: Harvested) -> None:
    """An interrupted re-extraction leaves documents pending: the next one does them."""
    native = min(data.world.expected(KEY).text_layer_document_ids)
    store = data.store()
    try:
        assert store.reset_extraction([data.doc_id(native)]) == 1
    finally:
        store.close()
    done = data.cli("reextract", KEY, "--status", "truncated", "--json")
    assert done.code == 0, done.out + done.err
    summary = json.loads(done.out)
    assert (summary["selected"], summary["extraction_ok"], summary["indexed"]) == (1, 1, 1)
    store = data.store()
    try:
        assert store.get_document_state(data.doc_id(native)).extraction_status == "ok"
    finally:
        store.close()
