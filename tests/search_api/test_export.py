"""`GET /api/export`: a 5,000-hit result set streams completely as CSV and NDJSON with the
documented columns (read back with `csv` and `json`), in the search's order, with absolute
links; the row cap cuts it and the headers say so; spreadsheet formulas are defused; bad
parameters are 400 JSON errors. Over a real store and a real embedded tantivy index."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from normalize.records import Document, Organization, Supplier
from search_api import create_app
from search_api.routes_export import COLUMNS
from vindplaats.engine import open_engine
from vindplaats.harvest.index import document_index_doc
from vindplaats.settings import Settings, load_settings
from vindplaats.sources import build_source
from vindplaats.store import open_store

COUNT = 5000
KEY = "exportstad"
ORG = Organization.build(Supplier.NOTUBIZ, KEY, 1, name="Exportstad")
FIRST_DAY = datetime(2020, 1, 1, 12, tzinfo=UTC)
FORMULA_TITLE = '=HYPERLINK("https://kwaad.example";"klik")'


@dataclass
class Exported:
    settings: Settings
    ids: list[str]  # every document, the first one downloaded, the last one titled a formula


def document(number: int) -> Document:
    return Document.build(
        Supplier.NOTUBIZ,
        KEY,
        number,
        title=FORMULA_TITLE if number == COUNT else f"Raadsbrief {number} over de begroting",
        original_url=f"https://api.notubiz.nl/document/{number}/1",
        date=FIRST_DAY + timedelta(days=number),
        organization_id=ORG.id,
    )


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Exported:
    """5,000 documents of one source in the store and the index; only the first downloaded."""
    settings = load_settings(data_dir=tmp_path_factory.mktemp("export-data"))
    store = open_store(settings)
    docs = [document(n) for n in range(1, COUNT + 1)]
    with store.transaction():
        store.upsert_source(
            build_source(
                key=KEY, name="Exportstad", supplier="notubiz", notubiz_organisation_id="1"
            )
        )
        store.upsert_record(ORG)
        for doc in docs:
            store.upsert_record(doc)
        store.record_download(docs[0].id, sha256="a" * 64, size=3, content_type="application/pdf")
    store.close()
    engine = open_engine(settings)
    try:
        for start in range(0, COUNT, 500):
            batch = [
                document_index_doc(d, "Exportstad", None, [f"Tekst van brief {d.native_id}."])
                for d in docs[start : start + 500]
            ]
            assert engine.index(batch).indexed == len(batch)
    finally:
        engine.close()
    return Exported(settings, [d.id for d in docs])


@pytest.fixture(scope="module")
def client(exported: Exported) -> Iterator[TestClient]:
    with TestClient(create_app(exported.settings)) as test_client:
        yield test_client


def csv_rows(content: bytes, delimiter: str = ",") -> list[dict[str, str]]:
    assert content.startswith(b"\xef\xbb\xbf")  # the byte order mark spreadsheets look for
    text = content.decode("utf-8-sig")
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")  # RFC 4180 line ends
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    assert tuple(reader.fieldnames or ()) == COLUMNS
    return list(reader)


def test_the_whole_result_set_streams_as_csv(client: TestClient, exported: Exported) -> None:
    answer = client.get("/api/export", params={"format": "csv", "sort": "date_asc"})
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/csv; charset=utf-8")
    assert answer.headers["content-disposition"].startswith('attachment; filename="vindplaats-')
    assert answer.headers["x-vindplaats-total"] == str(COUNT)
    assert answer.headers["x-vindplaats-exported"] == str(COUNT)
    rows = csv_rows(answer.content)
    assert [r["id"] for r in rows] == exported.ids  # all of them, oldest first
    first = rows[0]
    assert first["url"] == "http://testserver/documenten/" + exported.ids[0]
    assert first["api_url"] == "http://testserver/api/documents/" + exported.ids[0]
    assert first["file_url"] == first["api_url"] + "/file"  # only a downloaded file has one
    assert rows[1]["file_url"] == ""
    assert first["original_url"] == "https://api.notubiz.nl/document/1/1"
    assert first["title"] == "Raadsbrief 1 over de begroting"
    assert (first["organization"], first["source"], first["supplier"]) == (
        "Exportstad",
        KEY,
        "notubiz",
    )
    assert first["date"] == "2020-01-02"
    assert (first["page_count"], first["best_page"]) == ("1", "")  # no words: no best page


def test_ndjson_has_the_same_columns(client: TestClient, exported: Exported) -> None:
    answer = client.get("/api/export", params={"format": "ndjson", "q": "brief"})
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("application/x-ndjson")
    lines = [json.loads(line) for line in answer.text.splitlines()]
    assert answer.headers["x-vindplaats-total"] == str(COUNT)
    assert len(lines) == COUNT
    assert all(tuple(line) == COLUMNS for line in lines)
    assert {line["id"] for line in lines} == set(exported.ids)
    hit = lines[0]
    assert hit["best_page"] == 1 and hit["page_count"] == 1
    assert hit["snippet"].startswith("Tekst van brief") and "<mark>" not in hit["snippet"]
    assert hit["file_url"] is None or hit["file_url"].endswith("/file")


def test_the_cap_cuts_the_export_and_the_headers_say_so(exported: Exported) -> None:
    capped = exported.settings.model_copy(update={"export_max_rows": 1234})
    with TestClient(create_app(capped)) as client:
        answer = client.get("/api/export?format=csv&sort=date_desc")
    assert answer.headers["x-vindplaats-total"] == str(COUNT)
    assert answer.headers["x-vindplaats-exported"] == "1234"
    rows = csv_rows(answer.content)
    assert [r["id"] for r in rows] == exported.ids[::-1][:1234]  # the first of its order


def test_a_search_page_url_exports_its_whole_result_set(client: TestClient) -> None:
    """Paging and display parameters of /api/search are accepted and do not narrow it."""
    answer = client.get(
        "/api/export",
        params={"format": "ndjson", "q": "begroting", "size": "5", "pages": "0", "facets": "false"},
    )
    assert answer.status_code == 200
    assert answer.headers["x-vindplaats-total"] == str(COUNT - 1)  # the formula is no letter
    assert len(answer.text.splitlines()) == COUNT - 1


def test_formulas_are_defused_and_semicolons_offered(client: TestClient) -> None:
    answer = client.get("/api/export?format=csv&separator=semicolon&q=HYPERLINK")
    rows = csv_rows(answer.content, delimiter=";")
    assert [r["title"] for r in rows] == ["'" + FORMULA_TITLE]
    plain = client.get("/api/export?format=ndjson&q=HYPERLINK").text
    assert json.loads(plain)["title"] == FORMULA_TITLE  # JSON is data, not a spreadsheet


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("format=xml", "format"),
        ("format=csv&separator=tab", "separator"),
        ("format=csv&date_from=2024-02-01&date_to=2024-01-01", "date_from"),
        ("format=csv&motion_result=gewonnen", "motion_result"),
        ("format=csv&colour=red", "colour"),
        ("format=csv&format=ndjson", "format"),
    ],
)
def test_bad_parameters_are_400_json(client: TestClient, query: str, parameter: str) -> None:
    answer = client.get("/api/export?" + query)
    assert answer.status_code == 400
    assert answer.json()["error"]["parameter"] == parameter


def test_an_empty_result_set_is_a_header_only(client: TestClient) -> None:
    answer = client.get("/api/export?format=csv&q=onvindbaarwoord")
    assert answer.headers["x-vindplaats-total"] == "0"
    assert csv_rows(answer.content) == []
    assert client.get("/api/export?format=ndjson&q=onvindbaarwoord").content == b""


def test_links_use_the_public_base_url(exported: Exported, tmp_path: Path) -> None:
    public = exported.settings.model_copy(update={"public_base_url": "https://ori.example.nl"})
    with TestClient(create_app(public)) as client:
        line = client.get("/api/export?format=ndjson&q=HYPERLINK").json()
    assert line["url"] == "https://ori.example.nl/documenten/" + line["id"]
