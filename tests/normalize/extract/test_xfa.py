"""XFA PDFs never reach Tika (CVE-2025-66516), however they are packaged.

Every XFA document here carries an external entity that names a canary file. Tika 2.9.2 would
copy the canary's text into the extraction; the tests assert it never appears.
"""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest

from normalize.extract import Extractor
from normalize.extract.xfa import Verdict, check_pdf
from normalize.records import ExtractionStatus

from . import builders

XFA_WARNING = "XFA form: extracted without Tika (CVE-2025-66516)"


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("xfa")
    canary = builders.canary(tmp)
    plain = builders.text_pdf(
        tmp / "gewoon.pdf", [["Aanvraagformulier subsidie."], ["Tweede pagina: bijlagen."]]
    )
    xfa = builders.xfa_pdf(tmp / "formulier.pdf", plain, canary)
    return {
        "plain": plain,
        "xfa": xfa,
        "objstm": builders.object_stream_xfa_pdf(tmp / "objstm.pdf", canary, "Objectstroom tekst"),
        "attached": builders.with_attachment(
            tmp / "met-bijlage.pdf", plain, "formulier.pdf", xfa.read_bytes()
        ),
        "zip": builders.zip_with(tmp / "stukken.zip", {"bijlage.pdf": xfa.read_bytes()}),
        "docx": builders.zip_with(
            tmp / "brief.docx",
            {"word/embeddings/formulier.pdf": xfa.read_bytes()},
            base=builders.word(tmp / "basis.docx", ["Brief aan de raad."]),
        ),
        "email": builders.email_with_pdf(tmp / "post.eml", xfa.read_bytes(), "Zie bijlage."),
        "ole": builders.ole_like(tmp / "oud.doc", xfa.read_bytes()),
        "clean_ole": builders.ole_like(tmp / "schoon.doc", plain.read_bytes()),
        "clean_email": builders.email_with_pdf(
            tmp / "schoon.eml", plain.read_bytes(), "Zie de bijlage."
        ),
    }


def test_xfa_pdf_takes_the_safe_route(extractor: Extractor, files: dict[str, Path]) -> None:
    result = extractor.extract(files["xfa"])
    assert result.status is ExtractionStatus.OK
    assert result.route == "xfa-safe-pdf"
    assert result.agent.startswith("pypdf 7.") and "(XFA route)" in result.agent
    assert XFA_WARNING in result.warnings
    assert [page.text for page in result.pages] == [
        "Aanvraagformulier subsidie.",
        "Tweede pagina: bijlagen.",
    ]
    assert builders.CANARY not in result.text


def test_xfa_inside_a_compressed_object_stream_is_found(
    extractor: Extractor, files: dict[str, Path]
) -> None:
    assert b"/XFA" not in files["objstm"].read_bytes()
    result = extractor.extract(files["objstm"])
    assert result.route == "xfa-safe-pdf"
    assert result.pages[0].text == "Objectstroom tekst"
    assert builders.CANARY not in result.text


def test_pdf_with_an_xfa_attachment_takes_the_safe_route(
    extractor: Extractor, files: dict[str, Path]
) -> None:
    result = extractor.extract(files["attached"])
    assert result.route == "xfa-safe-pdf"
    assert "Aanvraagformulier subsidie." in result.pages[0].text
    assert builders.CANARY not in result.text


@pytest.mark.parametrize("name", ["zip", "docx", "email", "ole"])
def test_containers_holding_an_xfa_pdf_are_refused(
    extractor: Extractor, files: dict[str, Path], name: str
) -> None:
    result = extractor.extract(files[name])
    assert result.status is ExtractionStatus.FAILED
    assert result.error is not None
    assert "PDF with an XFA form" in result.error and "CVE-2025-66516" in result.error


def test_containers_with_clean_pdfs_are_extracted(
    extractor: Extractor, files: dict[str, Path]
) -> None:
    result = extractor.extract(files["clean_email"])
    assert result.status is ExtractionStatus.OK
    assert "Zie de bijlage." in result.text
    assert "Aanvraagformulier subsidie." in result.text  # Tika read the attached PDF


def test_raw_embedded_clean_pdf_is_not_refused(
    extractor: Extractor, files: dict[str, Path]
) -> None:
    result = extractor.extract(files["clean_ole"])
    assert result.error is None or "XFA" not in result.error  # Tika's verdict, not ours


def test_plain_pdf_goes_to_tika(extractor: Extractor, files: dict[str, Path]) -> None:
    assert extractor.extract(files["plain"]).route == "embedded-tika"


def test_unreadable_pdf_is_not_given_to_tika(extractor: Extractor, tmp_path: Path) -> None:
    broken = tmp_path / "stuk.pdf"
    broken.write_bytes(b"%PDF-1.7\n1 0 obj << /AcroForm 2 0 R >>\n" + b"\x00\xff" * 300)
    result = extractor.extract(broken)
    assert result.status is ExtractionStatus.FAILED
    assert result.error is not None and "XFA form cannot be ruled out" in result.error


def test_verdicts(files: dict[str, Path]) -> None:
    assert check_pdf(files["plain"].read_bytes())[0].verdict is Verdict.NONE
    assert check_pdf(files["xfa"].read_bytes())[0].verdict is Verdict.XFA
    assert check_pdf(files["objstm"].read_bytes())[0].verdict is Verdict.XFA
    escaped = files["xfa"].read_bytes().replace(b"/XFA", b"/X#46A")
    assert check_pdf(escaped)[0].verdict is Verdict.XFA
    assert check_pdf(b"%PDF-1.4\ngarbage")[0].verdict is Verdict.UNKNOWN


def test_unlisted_object_stream_with_xfa_counts(files: dict[str, Path]) -> None:
    """An object stream no cross-reference table lists (pypdf never reads it; a PDF reader that
    rebuilds a damaged file might) still makes the PDF an XFA PDF."""
    packed = zlib.compress(b"98 0 << /Fields [] /XFA 5 0 R >>")
    hidden = (
        b"\n99 0 obj\n<< /Type /ObjStm /N 1 /First 5 /Filter /FlateDecode /Length %d >>\n"
        b"stream\n%s\nendstream\nendobj\n" % (len(packed), packed)
    )
    data = files["plain"].read_bytes() + hidden
    assert b"/XFA" not in data
    assert check_pdf(data)[0].verdict is Verdict.XFA
