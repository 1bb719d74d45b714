"""Bounded extraction: page and text caps end in status `truncated` with what was kept, on every
route; the worker's memory limit turns a text bomb into a clear failure; warnings are bounded."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from normalize.extract import ExtractOptions, Extractor
from normalize.extract.cli import describe
from normalize.extract.embedded import parse_abandoned, run_tika
from normalize.extract.memory import GIB, MIB, default_limit, human, machine_memory
from normalize.extract.result import MAX_WARNING_CHARS, MAX_WARNINGS, bounded, finish
from normalize.records import ExtractionStatus
from tests.services import TIKA, service_url

from . import builders

TWELVE = [[f"Pagina {n} van het verslag over de begroting."] for n in range(1, 13)]


@pytest.fixture(scope="module")
def twelve_pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return builders.text_pdf(tmp_path_factory.mktemp("limits") / "twaalf.pdf", TWELVE)


def test_the_cli_summary_says_what_was_kept(extractor: Extractor, twelve_pages: Path) -> None:
    text = describe(extractor.extract(twelve_pages, ExtractOptions(max_pages=4)))
    assert "status:       truncated" in text
    assert "truncated:    truncated at the page cap (4): kept 4 of 12 pages" in text


def test_both_caps_at_once(extractor: Extractor, twelve_pages: Path) -> None:
    result = extractor.extract(twelve_pages, ExtractOptions(max_pages=6, max_chars=60))
    truncation = result.truncation
    assert result.status is ExtractionStatus.TRUNCATED and truncation is not None
    assert (truncation.max_pages, truncation.max_characters) == (6, 60)
    assert (truncation.pages_kept, truncation.pages_total) == (2, 12)
    # the cut falls after "Pagina 2 van het ": pages keep no trailing space
    assert truncation.characters_kept == sum(len(page.text) for page in result.pages) == 59


def test_a_docx_cut_at_the_text_cap(extractor: Extractor, tmp_path: Path) -> None:
    paragraphs = [f"Alinea {n}: de raad besluit over de begroting." for n in range(400)]
    path = builders.word(tmp_path / "lang.docx", paragraphs)
    result = extractor.extract(path, ExtractOptions(max_chars=3000))
    truncation = result.truncation
    assert result.status is ExtractionStatus.TRUNCATED and truncation is not None
    assert result.text.startswith("Alinea 0: de raad besluit")
    assert truncation.characters_kept == 3000 == len(result.text)
    assert truncation.pages_kept == 1 and truncation.max_characters == 3000


def test_xfa_route_is_capped_the_same_way(extractor: Extractor, tmp_path: Path) -> None:
    source = builders.text_pdf(tmp_path / "bron.pdf", TWELVE[:6])
    xfa = builders.xfa_pdf(tmp_path / "formulier.pdf", source, builders.canary(tmp_path))
    result = extractor.extract(xfa, ExtractOptions(max_pages=2))
    assert result.route == "xfa-safe-pdf"
    truncation = result.truncation
    assert result.status is ExtractionStatus.TRUNCATED and truncation is not None
    assert (truncation.pages_kept, truncation.pages_total) == (2, 6)
    assert [page.text for page in result.pages] == [
        "Pagina 1 van het verslag over de begroting.",
        "Pagina 2 van het verslag over de begroting.",
    ]


def test_a_text_bomb_fails_at_the_memory_limit_and_the_next_file_is_extracted(
    tmp_path: Path, twelve_pages: Path
) -> None:
    bomb = builders.text_bomb_docx(tmp_path / "bom.docx", 150_000_000)
    with Extractor(ExtractOptions(timeout=120), memory_limit=768 * MIB) as extractor:
        result = extractor.extract(bomb)
        assert result.status is ExtractionStatus.FAILED
        assert result.error is not None
        assert result.error.startswith(
            f"exceeded the extraction memory limit of 768 MiB ({768 * MIB} bytes)"
        )
        after = extractor.extract(twelve_pages)
    assert after.status is ExtractionStatus.OK and len(after.pages) == 12


def test_the_same_bomb_within_a_larger_limit_ends_truncated(tmp_path: Path) -> None:
    """With room enough the bomb is parsed, and its text is cut at the text cap."""
    bomb = builders.text_bomb_docx(tmp_path / "bom.docx", 20_000_000)
    with Extractor(ExtractOptions(timeout=120, max_chars=1_000_000)) as extractor:
        result = extractor.extract(bomb)
    truncation = result.truncation
    assert result.status is ExtractionStatus.TRUNCATED and truncation is not None
    assert truncation.characters_kept == 1_000_000 and truncation.max_characters == 1_000_000
    assert result.text.startswith("De raad besluit. De raad besluit.")


def test_memory_limit_defaults_to_a_quarter_of_the_machine() -> None:
    assert Extractor().memory_limit == default_limit() == max(machine_memory() // 4, GIB)
    assert Extractor(memory_limit=3 * GIB).memory_limit == 3 * GIB
    with pytest.raises(ValueError, match="below 512 MiB"):
        Extractor(memory_limit=100 * MIB)
    assert (human(GIB), human(768 * MIB), human(3 * GIB // 2)) == ("1 GiB", "768 MiB", "1.5 GiB")


def test_warnings_are_bounded() -> None:
    many = [f"pagina {n}: OCR mislukt" for n in range(50)]
    kept = bounded([*many, many[0], "x" * 5000])
    assert len(kept) == MAX_WARNINGS
    assert kept[:3] == ["pagina 0: OCR mislukt", "pagina 1: OCR mislukt", "pagina 2: OCR mislukt"]
    assert kept[-1] == "… and 32 more warnings"
    assert all(len(warning) <= MAX_WARNING_CHARS for warning in kept)
    assert bounded(["y" * 5000]) == ["y" * (MAX_WARNING_CHARS - 1) + "…"]


def test_tika_server_route_is_capped_too(twelve_pages: Path) -> None:
    options = ExtractOptions(timeout=60, backend="tika-server", tika_url=service_url(TIKA))
    with Extractor(options) as extractor:
        result = extractor.extract(twelve_pages, options.model_copy(update={"max_pages": 3}))
        cut = extractor.extract(twelve_pages, options.model_copy(update={"max_chars": 100}))
    assert result.route == "tika-server", result.error
    assert result.status is ExtractionStatus.TRUNCATED and result.truncation is not None
    assert (result.truncation.pages_kept, result.truncation.pages_total) == (3, 12)
    assert cut.status is ExtractionStatus.TRUNCATED and cut.truncation is not None
    assert cut.truncation.max_characters == 100
    assert 80 < cut.truncation.characters_kept == len("".join(p.text for p in cut.pages)) <= 100


def test_reading_stops_at_the_deadline_and_the_document_says_so(twelve_pages: Path) -> None:
    """Past its deadline the Tika stream is no longer read: what came so far is kept, and the
    result is truncated at the time limit (the worker is replaced after such a file)."""
    out = run_tika(twelve_pages, 50_000_000, deadline=time.monotonic())
    assert out.timed_out and not out.truncated and parse_abandoned()
    options = ExtractOptions(timeout=90)
    result = finish(
        [(text, False) for text in out.pages],
        options=options,
        agent="test",
        route="embedded-tika",
        content_type="application/pdf",
        warnings=out.warnings,
        timed_out=out.timed_out,
        pages_total=12,
    )
    truncation = result.truncation
    assert truncation is not None and truncation.time_limit == 90
    assert truncation.pages_total == 12 and truncation.pages_kept < 12
    assert "the time limit (90 s)" in truncation.message
