"""End to end through the worker: formats, pages, bad input, caps, the convenience function."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import normalize.extract
from normalize.extract import AGENT, ExtractionResult, ExtractOptions, Extractor, extract_file
from normalize.records import ExtractionStatus

from . import builders

THREE_PAGES = [
    ["Pagina een: de gemeenteraad vergadert.", "Agendapunt over de begroting."],
    ["Pagina twee: het college van burgemeester en wethouders."],
    ["Pagina drie: het windmolenpark Zuiderveld.", "Tweede regel met ë en ü."],
]


@pytest.fixture(scope="module")
def three_pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return builders.text_pdf(tmp_path_factory.mktemp("pdf") / "drie.pdf", THREE_PAGES)


def test_public_api_is_exactly_the_contract() -> None:
    assert sorted(normalize.extract.__all__) == sorted(
        ["AGENT", "ExtractOptions", "ExtractionResult", "Extractor", "extract_file"]
    )
    assert AGENT.startswith("extractous ") and "(Apache Tika 2.9.2)" in AGENT


def test_pdf_pages_keep_their_own_text(extractor: Extractor, three_pages: Path) -> None:
    result = extractor.extract(three_pages)
    assert result.status is ExtractionStatus.OK
    assert result.route == "embedded-tika"
    assert result.agent == AGENT
    assert result.content_type == "application/pdf"
    assert [page.number for page in result.pages] == [1, 2, 3]
    assert "Zuiderveld" in result.pages[2].text
    assert all("Zuiderveld" not in page.text for page in result.pages[:2])
    assert "ë en ü" in result.pages[2].text
    assert not any(page.ocr for page in result.pages)


def test_paragraphs_become_blank_lines_and_spaces_collapse(
    extractor: Extractor, tmp_path: Path
) -> None:
    path = builders.word(
        tmp_path / "voorstel.docx",
        ["Raadsvoorstel   over de   fietsenstalling.", "Tweede alinea: de wethouder."],
    )
    result = extractor.extract(path)
    assert result.status is ExtractionStatus.OK
    assert "wordprocessingml" in (result.content_type or "")
    assert len(result.pages) == 1
    assert result.pages[0].text == (
        "Raadsvoorstel over de fietsenstalling.\n\nTweede alinea: de wethouder."
    )


def test_html_and_text_are_one_page(extractor: Extractor, tmp_path: Path) -> None:
    page = tmp_path / "nieuws.html"
    page.write_text(
        "<html><head><title>Kop</title><script>var x = 1;</script></head><body><h1>Nieuws</h1>"
        "<p>De raad &amp; het college.</p><ul><li>een</li><li>twee</li></ul></body></html>"
    )
    text = tmp_path / "notulen.txt"
    text.write_text("Notulen van de raad.\n\nBesluit: aangenomen.\n", encoding="utf-8")
    html_result = extractor.extract(page)
    text_result = extractor.extract(text)
    assert [p.text for p in html_result.pages] == [
        "Nieuws\n\nDe raad & het college.\n\neen\n\ntwee"
    ]
    assert [p.text for p in text_result.pages] == ["Notulen van de raad.\n\nBesluit: aangenomen."]


def test_wrong_extension_is_judged_by_content(
    extractor: Extractor, three_pages: Path, tmp_path: Path
) -> None:
    disguised = tmp_path / "eigenlijk-een-pdf.docx"
    disguised.write_bytes(three_pages.read_bytes())
    result = extractor.extract(disguised)
    assert result.status is ExtractionStatus.OK
    assert len(result.pages) == 3


def test_bad_files_fail_clearly_and_the_batch_goes_on(
    extractor: Extractor, three_pages: Path, tmp_path: Path
) -> None:
    corrupt = tmp_path / "kapot.pdf"
    corrupt.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 40)
    empty = tmp_path / "leeg.pdf"
    empty.write_bytes(b"")
    locked = builders.encrypted_pdf(tmp_path / "slot.pdf", three_pages, "geheim")
    truncated = tmp_path / "afgebroken.pdf"
    truncated.write_bytes(three_pages.read_bytes()[:700])
    unknown = tmp_path / "ruis.bin"
    unknown.write_bytes(bytes((i * 7919) % 251 for i in range(4000)))
    expected = {
        corrupt: "unreadable PDF",
        empty: "empty (0 bytes)",
        locked: "encrypted",
        unknown: "unsupported or unrecognised file type",
        tmp_path / "bestaat-niet.pdf": "file not found",
        tmp_path: "not a regular file",
    }
    for path, message in expected.items():
        result = extractor.extract(path)
        assert result.status is ExtractionStatus.FAILED, path
        assert result.error and message in result.error, result.error
        assert result.pages == []
    cut = extractor.extract(truncated)
    assert cut.status in set(ExtractionStatus) and (cut.error or cut.pages)
    assert extractor.extract(three_pages).status is ExtractionStatus.OK


def test_page_cap_keeps_the_first_pages_and_says_so(extractor: Extractor, tmp_path: Path) -> None:
    pages = [[f"Pagina {n} van het verslag."] for n in range(1, 13)]
    path = builders.text_pdf(tmp_path / "twaalf.pdf", pages)
    result = extractor.extract(path, ExtractOptions(max_pages=5))
    assert result.status is ExtractionStatus.TRUNCATED
    assert [page.number for page in result.pages] == [1, 2, 3, 4, 5]
    assert result.pages[4].text == "Pagina 5 van het verslag."
    truncation = result.truncation
    assert truncation is not None
    assert (truncation.pages_kept, truncation.pages_total) == (5, 12)
    assert (truncation.max_pages, truncation.max_characters) == (5, None)
    assert truncation.characters_kept == sum(len(page.text) for page in result.pages)
    assert "page cap (5): kept 5 of 12 pages" in truncation.message


def test_text_cap_cuts_text_and_says_so(extractor: Extractor, three_pages: Path) -> None:
    result = extractor.extract(three_pages, ExtractOptions(max_chars=100))
    assert result.status is ExtractionStatus.TRUNCATED
    assert sum(len(page.text) for page in result.pages) == 100
    assert result.pages[0].text.startswith("Pagina een")
    truncation = result.truncation
    assert truncation is not None
    assert (truncation.pages_kept, truncation.pages_total) == (2, 3)
    assert (truncation.characters_kept, truncation.max_characters) == (100, 100)
    assert truncation.max_pages is None


def test_a_document_within_the_caps_is_whole(extractor: Extractor, three_pages: Path) -> None:
    text = extractor.extract(three_pages).text
    result = extractor.extract(three_pages, ExtractOptions(max_pages=3, max_chars=len(text)))
    assert result.status is ExtractionStatus.OK and result.truncation is None


def test_extract_file_needs_no_setup(three_pages: Path, tmp_path: Path) -> None:
    first = extract_file(three_pages)
    again = extract_file(str(three_pages), ExtractOptions(max_pages=1))
    assert isinstance(first, ExtractionResult)
    assert len(first.pages) == 3 and len(again.pages) == 1
    assert extract_file(tmp_path / "nergens.pdf").status is ExtractionStatus.FAILED


def test_extractor_can_be_reused_after_close(three_pages: Path) -> None:
    extractor = Extractor()
    assert extractor.start() is not None
    extractor.close()
    assert extractor.extract(three_pages).status is ExtractionStatus.OK
    extractor.close()


def test_relative_paths_are_resolved_in_the_caller(
    extractor: Extractor, three_pages: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(three_pages.parent)
    assert extractor.extract(Path(os.path.basename(three_pages))).status is ExtractionStatus.OK


def test_tika_output_is_capped_too(extractor: Extractor, tmp_path: Path) -> None:
    line = "De raad besluit over de begroting van het jaar en de motie van de fractie {}."
    pages = [[line.format(p * 40 + n) for n in range(40)] for p in range(10)]
    path = builders.text_pdf(tmp_path / "dik.pdf", pages)
    result = extractor.extract(path, ExtractOptions(max_chars=2000))
    assert result.status is ExtractionStatus.TRUNCATED
    assert sum(len(page.text) for page in result.pages) == 2000
    truncation = result.truncation
    assert truncation is not None and truncation.max_characters == 2000
    # Tika stopped writing after the first page or so; the page tree still knows all ten
    assert truncation.pages_total == 10 and truncation.pages_kept < 10
