"""The extraction stage: the options and memory limit the settings ask for, and what it stores
(status, truncation, warnings), as the API shows it and the index searches it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from normalize.records import Document, ExtractionStatus, Organization, Supplier
from search_api import create_app
from tests.normalize.extract import builders
from vindplaats.engine import open_engine
from vindplaats.errors import ConfigError
from vindplaats.harvest.extract import extract_pending, extractor_from, options_from
from vindplaats.harvest.index import index_documents, pending_ids
from vindplaats.settings import Settings, load_settings
from vindplaats.sources import build_source
from vindplaats.store import open_blobs, open_store
from vindplaats.store.base import Store


def test_embedded_by_default() -> None:
    options = options_from(load_settings(extractor="embedded", tika_url=None))
    assert options.backend == "embedded" and options.tika_url is None


def test_tika_server_settings_pass_through() -> None:
    settings = load_settings(
        extractor="tika-server", tika_url="http://tika:9998", extract_timeout=90, ocr_language="nld"
    )
    options = options_from(settings)
    assert (options.backend, options.tika_url) == ("tika-server", "http://tika:9998")
    assert (options.timeout, options.ocr_language) == (90, "nld")


def test_embedded_with_a_tika_url_keeps_it_for_xfa() -> None:
    options = options_from(load_settings(extractor="embedded", tika_url="http://tika:9998"))
    assert (options.backend, options.tika_url) == ("embedded", "http://tika:9998")


def test_tika_server_without_url_names_the_setting() -> None:
    with pytest.raises(ConfigError, match="VINDPLAATS_TIKA_URL"):
        options_from(load_settings(extractor="tika-server", tika_url=None))


def test_invalid_tika_url_names_the_setting() -> None:
    with pytest.raises(ConfigError, match="invalid VINDPLAATS_TIKA_URL"):
        options_from(load_settings(tika_url="ftp://tika:9998"))


# -- the stage: truncation and warnings stored, shown by the API, kept pages searchable --------

FRUIT = ["appel", "banaan", "citroen", "dadel", "erwt", "framboos", "granaatappel", "hazelnoot"]


@dataclass
class Harvested:
    settings: Settings
    store: Store
    ids: dict[str, str]


def _harvested(tmp_path: Path, files: dict[str, Path], **overrides: Any) -> Harvested:
    """A store holding one downloaded document per file (as a crawl leaves them)."""
    settings = load_settings(data_dir=tmp_path / "data", **overrides)
    store, blobs = open_store(settings), open_blobs(settings)
    store.upsert_source(
        build_source(key="testdam", name="Testdam", supplier="notubiz", notubiz_organisation_id="9")
    )
    org = Organization.build(Supplier.NOTUBIZ, "testdam", "9", name="Gemeente Testdam")
    store.upsert_record(org)
    ids: dict[str, str] = {}
    for native, path in files.items():
        doc = Document.build(
            Supplier.NOTUBIZ,
            "testdam",
            native,
            title=f"Stuk {native}",
            original_url=f"https://example.org/files/{path.name}",
            content_type="application/pdf",
            organization_id=org.id,
        )
        store.upsert_record(doc)
        data = path.read_bytes()
        store.record_download(
            doc.id, sha256=blobs.put(data), size=len(data), content_type="application/pdf"
        )
        ids[native] = doc.id
    return Harvested(settings, store, ids)


def test_truncated_documents_and_warnings_are_stored_shown_and_searchable(
    tmp_path: Path,
) -> None:
    long_pdf = builders.text_pdf(
        tmp_path / "lang.pdf",
        [[f"Pagina {n} gaat over de {word}."] for n, word in enumerate(FRUIT, 1)],
    )
    scan = builders.scanned_pdf(tmp_path / "scan.pdf", [None, ["Gescande pagina zonder tekst"]])
    short = builders.text_pdf(tmp_path / "kort.pdf", [["Een kort besluit over de kers."]])
    harvested = _harvested(
        tmp_path, {"lang": long_pdf, "scan": scan, "kort": short}, extract_max_pages=5, ocr=False
    )
    store, ids = harvested.store, harvested.ids
    summary = extract_pending(harvested.settings, store, open_blobs(harvested.settings))
    assert summary.counts == {"extraction_truncated": 1, "extraction_ok": 2}
    assert summary.errors == []

    state = store.get_document_state(ids["lang"])
    assert state.extraction_status is ExtractionStatus.TRUNCATED
    pages = [p.number for p in store.get_pages(ids["lang"])]
    assert state.page_count == 5 and pages == [1, 2, 3, 4, 5]
    truncation = state.extraction_truncation
    assert truncation is not None
    assert (truncation.pages_kept, truncation.pages_total) == (5, 8)
    assert store.get_document_state(ids["kort"]).extraction_truncation is None
    assert store.get_document_state(ids["scan"]).extraction_warnings == [
        "ocr disabled: 1 page(s) without a text layer"
    ]
    assert store.document_counts("testdam")["extraction_truncated"] == 1

    engine = open_engine(harvested.settings)
    try:
        report = index_documents(store, engine, pending_ids(store))
    finally:
        engine.close()
    assert report.indexed == 3 and not report.failed

    with TestClient(create_app(harvested.settings)) as client:
        body = client.get(f"/api/documents/{ids['lang']}").json()
        extraction = body["extraction"]
        assert extraction["status"] == "truncated"
        assert extraction["truncation"]["pages_kept"] == 5
        assert extraction["truncation"]["pages_total"] == 8
        assert extraction["truncation"]["max_pages"] == 5
        assert "kept 5 of 8 pages" in extraction["truncation"]["message"]
        assert body["page_count"] == 5 and len(body["pages"]) == 5
        scanned = client.get(f"/api/documents/{ids['scan']}").json()["extraction"]
        assert scanned["warnings"] == ["ocr disabled: 1 page(s) without a text layer"]
        assert scanned["truncation"] is None and scanned["status"] == "ok"

        def found(word: str) -> list[str]:
            answer = client.get("/api/search", params={"q": word})
            assert answer.status_code == 200, answer.text
            return [hit["id"] for hit in answer.json()["hits"]]

        assert found("erwt") == [ids["lang"]]  # page 5: kept
        assert found("hazelnoot") == []  # page 8: cut off
        assert found("kers") == [ids["kort"]]


def test_memory_limit_setting_reaches_the_worker(tmp_path: Path) -> None:
    """A text bomb (a small DOCX holding 150 MB of text) under a 768 MiB limit fails with the
    memory error; the next document is still extracted."""
    bomb = builders.text_bomb_docx(tmp_path / "bom.docx", 150_000_000)
    assert bomb.stat().st_size < 2_000_000
    short = builders.text_pdf(tmp_path / "kort.pdf", [["Een kort besluit over de kers."]])
    harvested = _harvested(tmp_path, {"bom": bomb, "kort": short}, extract_memory_limit="768MiB")
    summary = extract_pending(harvested.settings, harvested.store, open_blobs(harvested.settings))
    assert summary.counts == {"extraction_failed": 1, "extraction_ok": 1}
    state = harvested.store.get_document_state(harvested.ids["bom"])
    assert state.extraction_status is ExtractionStatus.FAILED
    assert state.extraction_error is not None
    assert state.extraction_error.startswith("exceeded the extraction memory limit of 768 MiB")
    assert "exceeded the extraction memory limit of 768 MiB" in summary.errors[0]


def test_caps_and_memory_limit_come_from_the_settings() -> None:
    settings = load_settings(extract_max_pages=7, extract_max_chars=12_345)
    options = options_from(settings)
    assert (options.max_pages, options.max_chars) == (7, 12_345)
    assert extractor_from(load_settings(extract_memory_limit="2GiB")).memory_limit == 2 * 1024**3
    assert extractor_from(load_settings()).memory_limit >= 1024**3  # a quarter of RAM, >= 1 GiB


def test_bad_caps_name_the_setting() -> None:
    with pytest.raises(ConfigError, match="VINDPLAATS_EXTRACT_MEMORY_LIMIT"):
        load_settings(extract_memory_limit="1MB")
    with pytest.raises(ConfigError, match="VINDPLAATS_EXTRACT_MAX_PAGES"):
        load_settings(extract_max_pages=0)
