"""The reader `/documenten/{id}` over a real store with real originals (`reader_sample`): what a
reader sees of a document's metadata, belonging, file status, pages and the query's hits."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

import lxml.html
import pytest
from lxml.html import HtmlElement
from starlette.testclient import TestClient

from normalize.records import DownloadStatus, ExtractionStatus, Truncation
from search_api import create_app
from search_api.web.extraction_words import extraction_words
from tests.search_api.web.reader_sample import (
    HOSTILE_TEXT,
    HOSTILE_TITLE,
    ReaderSample,
    build_reader_sample,
)
from vindplaats.store.models import DocumentState


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> ReaderSample:
    return build_reader_sample(tmp_path_factory.mktemp("reader"))


@pytest.fixture(scope="module")
def client(sample: ReaderSample) -> Iterator[TestClient]:
    with TestClient(create_app(sample.settings)) as test_client:
        yield test_client


def reader_url(doc_id: str) -> str:
    return "/documenten/" + quote(doc_id, safe=":")


def open_reader(client: TestClient, doc_id: str, q: str | None = None) -> HtmlElement:
    response = client.get(reader_url(doc_id), params={"q": q} if q else None)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    return lxml.html.fromstring(response.text)


def text_of(element: HtmlElement) -> str:
    return " ".join(element.text_content().split())


def facts(page: HtmlElement) -> dict[str, str]:
    """The metadata lists as label → value."""
    found: dict[str, str] = {}
    for dt in page.cssselect("dl.meta dt"):
        dd = dt.getnext()
        found[text_of(dt)] = text_of(dd)
    return found


def test_an_unknown_document_is_a_dutch_404_page(client: TestClient) -> None:
    for path in ("/documenten/document:notubiz:leesdam:nergens", "/documenten/geen-kenmerk"):
        response = client.get(path)
        assert response.status_code == 404
        assert response.headers["content-type"].startswith("text/html")
        page = lxml.html.fromstring(response.text)
        assert page.get("lang") == "nl"
        assert "niet gevonden" in text_of(page.cssselect("h1")[0])


def test_the_reader_shows_the_metadata_and_where_the_document_belongs(
    client: TestClient, sample: ReaderSample
) -> None:
    page = open_reader(client, sample.ids["nota"])
    shown = facts(page)
    assert shown["Organisatie"] == "Gemeente Leesdam"
    assert shown["Datum"] == "1 maart 2025"
    assert shown["Documenttype"] == "Raadsvoorstel"
    assert shown["Commissie"] == "Gemeenteraad"
    assert shown["Bestandsnaam"] == "nota-woningbouw.pdf"
    assert shown["Bestandstype"] == "application/pdf"
    assert shown["Grootte"].endswith(" kB")
    assert shown["Leverancier"] == "NotuBiz"
    assert shown["Vergadering"] == "Raadsvergadering (4 maart 2025)"
    assert shown["Agendapunt"] == "7 Woningbouw"
    links = {text_of(a): a.get("href") for a in page.cssselect("a")}
    assert links["Raadsvergadering (4 maart 2025)"] == f"/vergaderingen/{sample.meeting_id}"
    assert links["Gemeente Leesdam"] == "/organisaties/leesdam"
    assert links["Origineel bij de bron"] == "https://example.org/leesdam/nota.pdf"
    assert links["Opgeslagen kopie"] == f"/api/documents/{sample.ids['nota']}/file"
    cached = client.get(links["Opgeslagen kopie"])
    assert cached.content == sample.nota_pdf


def test_every_page_has_an_anchor_a_heading_and_its_image_beside_its_text(
    client: TestClient, sample: ReaderSample
) -> None:
    page = open_reader(client, sample.ids["nota"])
    sections = page.cssselect("section.page")
    assert [s.get("id") for s in sections] == ["pagina-1", "pagina-2", "pagina-3", "pagina-4"]
    for number, section in enumerate(sections, start=1):
        assert text_of(section.cssselect("h3")[0]).startswith(f"Pagina {number}")
        image = section.cssselect("img")[0]
        assert image.get("src") == f"{reader_url(sample.ids['nota'])}/pagina/{number}.png"
        assert image.get("loading") == "lazy"
        assert image.get("alt") == f"Pagina {number} van {HOSTILE_TITLE}"
        assert (image.get("width"), image.get("height")) == ("827", "1170")  # A4 at 100 dpi
    assert "De woningbouwplannen voor 2026" in text_of(sections[2])
    nav = {text_of(a): a.get("href") for a in sections[1].cssselect("p.page-nav a")}
    assert nav["← vorige pagina"] == "#pagina-1"
    assert nav["volgende pagina →"] == "#pagina-3"
    assert "volgende pagina →" not in text_of(sections[3])


def test_the_query_is_marked_and_the_pages_with_hits_are_listed(
    client: TestClient, sample: ReaderSample
) -> None:
    page = open_reader(client, sample.ids["nota"], q="woningbouwplannen")
    assert text_of(page.cssselect("#treffers")[0]) == "Treffers op pagina 3"
    assert page.cssselect("#treffers a")[0].get("href") == "#pagina-3"
    marked = {
        s.get("id"): [text_of(m) for m in s.cssselect("mark")]
        for s in page.cssselect("section.page")
    }
    assert marked == {
        "pagina-1": [],
        "pagina-2": [],
        "pagina-3": ["woningbouwplannen"],
        "pagina-4": [],
    }
    stemmed = open_reader(client, sample.ids["nota"], q="begrotingen -gemeente")
    assert text_of(stemmed.cssselect("#treffers")[0]) == "Treffers op pagina 2"
    assert {text_of(m) for m in stemmed.cssselect("#pagina-2 mark")} == {"begroting"}
    assert not stemmed.cssselect("#pagina-1 mark")  # an excluded word is not marked
    none = open_reader(client, sample.ids["nota"], q="zwembad")
    assert "Geen treffers voor „zwembad”" in text_of(none.cssselect("#treffers")[0])
    plain = open_reader(client, sample.ids["nota"])
    assert not plain.cssselect("#treffers") and not plain.cssselect("mark")


def test_hostile_text_in_the_title_the_pages_and_the_query_is_escaped(
    client: TestClient, sample: ReaderSample
) -> None:
    hostile_query = '"><script>alert(2)</script> woningbouwplannen'
    response = client.get(reader_url(sample.ids["nota"]), params={"q": hostile_query})
    assert response.status_code == 200
    assert "<script>alert" not in response.text
    assert HOSTILE_TEXT not in response.text
    page = lxml.html.fromstring(response.text)
    assert text_of(page.cssselect("h1")[0]) == HOSTILE_TITLE
    assert HOSTILE_TEXT in text_of(page.cssselect("#pagina-3 .page-text")[0])
    assert page.cssselect("#reader-q")[0].get("value") == hostile_query
    scripts = [s.get("src") for s in page.cssselect("script")]
    assert all(src and src.startswith("/static/reader.js") for src in scripts)


@pytest.mark.parametrize(
    ("name", "summary"),
    [
        ("nota", "tekstlaag"),
        ("scan", "scan, tekst door OCR"),
        ("missing", "bestand ontbreekt (404)"),
        ("failed", "tekst kon niet worden geëxtraheerd: the PDF is damaged: no trailer"),
    ],
)
def test_the_extraction_status_is_in_words(
    client: TestClient, sample: ReaderSample, name: str, summary: str
) -> None:
    page = open_reader(client, sample.ids[name])
    assert text_of(page.cssselect("section.file p.status")[0]) == f"Status: {summary}"


def test_a_missing_file_has_no_cached_copy_and_no_pages(
    client: TestClient, sample: ReaderSample
) -> None:
    page = open_reader(client, sample.ids["missing"])
    links = [text_of(a) for a in page.cssselect("section.file a")]
    assert links == ["Origineel bij de bron"]
    assert not page.cssselect("section.page")
    assert "Er is geen tekst van dit document." in text_of(page)


def test_a_withdrawn_document_says_so(client: TestClient, sample: ReaderSample) -> None:
    page = open_reader(client, sample.ids["withdrawn"])
    assert "Ingetrokken: de bron publiceert dit document niet meer" in text_of(page)
    assert "Oude tekst." in text_of(page.cssselect("#pagina-1")[0])


def test_a_document_that_is_no_pdf_shows_its_text_without_images(
    client: TestClient, sample: ReaderSample
) -> None:
    page = open_reader(client, sample.ids["motie"], q="woningbouw")
    assert not page.cssselect("img")
    assert "het origineel is geen PDF" in text_of(page.cssselect("section.file")[0])
    assert [text_of(m) for m in page.cssselect("#pagina-1 mark")] == ["woningbouw"]


def test_a_woo_publication_shows_its_woo_fields_and_dossier(
    client: TestClient, sample: ReaderSample
) -> None:
    page = open_reader(client, sample.ids["woo"])
    shown = facts(page)
    assert shown["Publicerende organisatie"] == "ministerie van Volksgezondheid, Welzijn en Sport"
    assert shown["Informatiecategorie"] == "Woo-verzoeken en -besluiten"
    assert shown["Documentsoort"] == "advies"
    assert shown["Creatiedatum"] == "3 november 2025"
    assert shown["Documenthandelingen"] == "vaststelling op 3 november 2025"
    assert shown["Oordeel"] == "deels openbaar"
    assert shown["Weigeringsgronden"] == "5.1.2e"
    assert shown["Woo-dossier"] == "Woo-besluit vaccinatiecampagnes"
    dossier = page.xpath("//a[normalize-space()='Woo-besluit vaccinatiecampagnes']")[0]
    assert dossier.get("href") == f"/dossiers/{sample.dossier_id}"


def test_without_poppler_the_reader_shows_text_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh = build_reader_sample(tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path / "no-tools"))
    with TestClient(create_app(fresh.settings)) as without:
        page = open_reader(without, fresh.ids["nota"])
        assert not page.cssselect("img")
        assert "poppler-utils ontbreekt" in text_of(page.cssselect("section.file")[0])
        assert len(page.cssselect("section.page")) == 4
        image = without.get(f"{reader_url(fresh.ids['nota'])}/pagina/1.png")
    assert image.status_code == 503
    assert image.headers["content-type"].startswith("text/plain")
    assert "poppler-utils" in image.text


def test_a_pdf_that_cannot_be_read_shows_why_it_has_no_images(
    client: TestClient, sample: ReaderSample
) -> None:
    page = open_reader(client, sample.ids["failed"])
    assert not page.cssselect("img")
    note = text_of(page.cssselect("section.file")[0])
    assert "Geen pagina-afbeeldingen: het PDF-bestand kon niet worden gelezen." in note


def _state(**fields: object) -> DocumentState:
    now = datetime(2025, 1, 1, tzinfo=UTC)
    base: dict[str, object] = {
        "id": "document:notubiz:leesdam:x",
        "source_key": "leesdam",
        "original_url": "https://example.org/x.pdf",
        "version_key": "1",
        "first_seen": now,
        "last_seen": now,
        "download_status": DownloadStatus.OK,
        "extraction_status": ExtractionStatus.OK,
    }
    return DocumentState.model_validate({**base, **fields})


@pytest.mark.parametrize(
    ("fields", "summary", "remarks"),
    [
        (
            {"page_count": 5, "ocr_pages": [2, 4]},
            "tekstlaag; pagina 2, 4 gescand, tekst door OCR", [],
        ),
        (
            {"extraction_status": ExtractionStatus.EMPTY,
             "extraction_warnings": ["ocr unavailable: tesseract not found"]},
            "scan zonder tekstlaag; OCR niet beschikbaar", [],
        ),
        (
            {"page_count": 3, "extraction_warnings": ["ocr unavailable: pdftoppm not found"]},
            "tekstlaag", ["OCR niet beschikbaar: gescande pagina's hebben geen tekst"],
        ),
        (
            {"extraction_status": ExtractionStatus.TRUNCATED, "page_count": 2,
             "extraction_truncation": Truncation(pages_kept=2, pages_total=9, characters_kept=10,
                                                 max_pages=2, message="kept the first 2 pages")},
            "tekstlaag", ["tekst ingekort: kept the first 2 pages"],
        ),
        (
            {"download_status": DownloadStatus.FAILED,
             "download_error": "too large: 600 MB exceeds the cap"},
            "bestand kon niet worden gedownload: too large: 600 MB exceeds the cap", [],
        ),
        ({"download_status": DownloadStatus.PENDING}, "bestand nog niet gedownload", []),
        (
            {"withdrawn": True, "page_count": 1}, "tekstlaag",
            ["ingetrokken: de bron publiceert dit document niet meer"],
        ),
    ],
)  # fmt: skip
def test_each_file_state_has_its_words(
    fields: dict[str, object], summary: str, remarks: list[str]
) -> None:
    words = extraction_words(_state(**fields))
    assert (words.summary, words.remarks) == (summary, remarks)
