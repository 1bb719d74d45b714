"""The human summary printed by `vindplaats extract FILE`."""

from __future__ import annotations

from normalize.extract import ExtractionResult
from normalize.extract.cli import describe
from normalize.records import ExtractionStatus, Page


def test_describe_lists_pages_route_agent_and_warnings() -> None:
    result = ExtractionResult(
        status=ExtractionStatus.OK,
        pages=[Page(number=1, text="abc"), Page(number=2, text="scan tekst", ocr=True)],
        agent="extractous 0.3.0 (Apache Tika 2.9.2) + tesseract 5.3.0",
        route="embedded-tika+ocr",
        content_type="application/pdf",
        warnings=["iets"],
    )
    text = describe(result)
    assert "status:       ok" in text
    assert "route:        embedded-tika+ocr" in text
    assert "agent:        extractous 0.3.0 (Apache Tika 2.9.2) + tesseract 5.3.0" in text
    assert "warning:      iets" in text
    assert "pages:        2 (1 OCR), 13 characters" in text
    assert "  page 1:        3 chars" in text
    assert "  page 2:       10 chars  ocr" in text


def test_describe_shows_the_error() -> None:
    result = ExtractionResult(
        status=ExtractionStatus.FAILED,
        agent="extractous 0.3.0 (Apache Tika 2.9.2)",
        route="none",
        error="extraction timed out after 120 s",
    )
    text = describe(result)
    assert "status:       failed" in text
    assert "error:        extraction timed out after 120 s" in text
    assert "pages:        0 (0 OCR), 0 characters" in text
