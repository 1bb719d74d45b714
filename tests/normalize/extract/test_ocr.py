"""OCR: scanned pages and images through Tesseract (Dutch), and what happens without it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from normalize.extract import AGENT, ExtractOptions, Extractor
from normalize.records import ExtractionStatus

from . import builders

SCAN = ["De gemeenteraad besluit over het", "bestemmingsplan Zonnebloemweide."]

pytestmark = pytest.mark.usefixtures("ocr_tools")


def test_scanned_page_is_ocrd_in_dutch(extractor: Extractor, tmp_path: Path) -> None:
    path = builders.scanned_pdf(tmp_path / "scan.pdf", [SCAN])
    result = extractor.extract(path)
    assert result.status is ExtractionStatus.OK
    assert result.route == "embedded-tika+ocr"
    assert result.agent.startswith(AGENT + " + tesseract ")
    [page] = result.pages
    assert page.ocr
    assert "Zonnebloemweide" in page.text
    assert "gemeenteraad" in page.text


def test_mixed_pdf_ocrs_only_pages_without_text(extractor: Extractor, tmp_path: Path) -> None:
    path = builders.scanned_pdf(
        tmp_path / "gemengd.pdf", [None, ["Het college van burgemeester", "Kikkerpoel."], None]
    )
    result = extractor.extract(path)
    assert [page.ocr for page in result.pages] == [False, True, False]
    assert result.pages[0].text == "Tekstlaag pagina 1 over de begroting."
    assert "Kikkerpoel" in result.pages[1].text
    assert result.pages[2].text == "Tekstlaag pagina 3 over de begroting."


def test_images_are_ocrd(extractor: Extractor, tmp_path: Path) -> None:
    path = builders.png(tmp_path / "foto.png", SCAN)
    result = extractor.extract(path)
    assert result.status is ExtractionStatus.OK
    assert result.route == "ocr"
    assert result.content_type == "image/png"
    assert result.agent.startswith("tesseract ")
    assert result.pages[0].ocr and "Zonnebloemweide" in result.pages[0].text


def test_multi_page_tiff_gives_one_page_per_frame(extractor: Extractor, tmp_path: Path) -> None:
    frames = [
        builders.text_image(["Eerste blad: motie."]),
        builders.text_image(["Tweede: amendement."]),
    ]
    path = tmp_path / "scan.tiff"
    frames[0].save(path, save_all=True, append_images=frames[1:])
    result = extractor.extract(path)
    assert len(result.pages) == 2
    assert "motie" in result.pages[0].text and "amendement" in result.pages[1].text


def test_ocr_off_leaves_scans_empty_with_a_warning(extractor: Extractor, tmp_path: Path) -> None:
    path = builders.scanned_pdf(tmp_path / "scan.pdf", [SCAN])
    result = extractor.extract(path, ExtractOptions(ocr=False))
    assert result.status is ExtractionStatus.EMPTY
    assert result.pages[0].text == "" and not result.pages[0].ocr
    assert "ocr disabled: 1 page(s) without a text layer" in result.warnings


def test_missing_language_is_a_warning(extractor: Extractor, tmp_path: Path) -> None:
    path = builders.png(tmp_path / "foto.png", SCAN)
    result = extractor.extract(path, ExtractOptions(ocr_language="nld+xyz"))
    assert result.status is ExtractionStatus.EMPTY
    assert result.warnings == ["ocr unavailable: tesseract language 'xyz' not installed"]


def test_tesseract_missing_leaves_pages_empty(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tools = tmp_path / "bin"
    tools.mkdir()
    for name in ("pdftoppm",):  # everything OCR needs except tesseract
        found = next(
            Path(d) / name
            for d in os.environ["PATH"].split(os.pathsep)
            if (Path(d) / name).exists()
        )
        (tools / name).symlink_to(found)
    monkeypatch.setenv("PATH", str(tools))
    scan = builders.scanned_pdf(tmp_path / "scan.pdf", [None, SCAN])
    image = builders.png(tmp_path / "foto.png", SCAN)
    with Extractor() as extractor:
        pdf_result = extractor.extract(scan)
        image_result = extractor.extract(image)
    assert pdf_result.status is ExtractionStatus.OK
    assert [page.text == "" for page in pdf_result.pages] == [False, True]
    assert "ocr unavailable: tesseract not found" in pdf_result.warnings
    assert pdf_result.route == "embedded-tika"
    assert image_result.status is ExtractionStatus.EMPTY
    assert image_result.warnings == ["ocr unavailable: tesseract not found"]


def test_images_inside_office_files_are_not_ocrd(extractor: Extractor, tmp_path: Path) -> None:
    """Tika's own OCR stays off (only `ocr.py` runs Tesseract): text around the image only."""
    image = builders.text_image(["Ingesloten afbeelding Zwanenmeer."], size=(1654, 300))
    path = builders.word(tmp_path / "met-plaatje.docx", ["Tekst in Word."], image=image)
    result = extractor.extract(path)
    assert "Tekst in Word." in result.pages[0].text
    assert "Zwanenmeer" not in result.text
