"""What happened to a document's file, in Dutch words for the reader.

From the store's document state (`DocumentState`): whether the original was downloaded (or why
not: "bestand ontbreekt (404)"), how its text was obtained ("tekstlaag", "scan, tekst door OCR",
some pages by OCR), or why there is none ("tekst kon niet worden geëxtraheerd: ...", "OCR niet
beschikbaar"), whether it was cut short, and whether the source withdrew it. Reasons the
harvester recorded (in English, as the extractor writes them) are kept after the Dutch words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from normalize.records import DownloadStatus, ExtractionStatus
from vindplaats.store.models import DocumentState

OCR_UNAVAILABLE = "ocr unavailable"  # how the extractor's warning starts (normalize.extract.ocr)
_HTTP_STATUS = re.compile(r"\bHTTP (\d{3})\b")
MAX_REASON = 300


@dataclass(frozen=True)
class ExtractionWords:
    """The status line (`summary`), extra remarks, and whether the text is missing or partial."""

    summary: str
    remarks: list[str] = field(default_factory=list)
    problem: bool = False


def _reason(text: str | None) -> str:
    text = " ".join((text or "onbekende oorzaak").split())
    return text if len(text) <= MAX_REASON else text[: MAX_REASON - 1] + "…"


def _download_words(state: DocumentState) -> ExtractionWords | None:
    """The words for an original that is not there; None when it was downloaded."""
    if state.download_status == DownloadStatus.FAILED:
        status = _HTTP_STATUS.search(state.download_error or "")
        if status is not None and status.group(1) in ("404", "410"):
            return ExtractionWords(f"bestand ontbreekt ({status.group(1)})", problem=True)
        reason = _reason(state.download_error)
        return ExtractionWords(f"bestand kon niet worden gedownload: {reason}", problem=True)
    if state.download_status == DownloadStatus.PENDING:
        return ExtractionWords("bestand nog niet gedownload", problem=True)
    return None


def _page_list(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:20])
    return shown + (" …" if len(numbers) > 20 else "")


def _text_words(state: DocumentState, ocr_missing: bool) -> ExtractionWords:
    """The words for an extraction that gave text (ok or truncated)."""
    ocr = sorted(state.ocr_pages)
    if ocr and len(ocr) >= state.page_count:
        summary = "scan, tekst door OCR"
    elif ocr:
        summary = f"tekstlaag; pagina {_page_list(ocr)} gescand, tekst door OCR"
    else:
        summary = "tekstlaag"
    remarks = []
    if ocr_missing:
        remarks.append("OCR niet beschikbaar: gescande pagina's hebben geen tekst")
    if state.extraction_status == ExtractionStatus.TRUNCATED:
        cut = state.extraction_truncation
        detail = f": {_reason(cut.message)}" if cut is not None else ""
        remarks.append(f"tekst ingekort{detail}")
    return ExtractionWords(summary, remarks, problem=bool(remarks))


def extraction_words(state: DocumentState) -> ExtractionWords:
    """The state of the document's file and text in words (see the module docstring)."""
    words = _download_words(state)
    if words is None:
        status = state.extraction_status
        ocr_missing = any(w.lower().startswith(OCR_UNAVAILABLE) for w in state.extraction_warnings)
        if status == ExtractionStatus.PENDING:
            words = ExtractionWords("tekst nog niet geëxtraheerd", problem=True)
        elif status == ExtractionStatus.FAILED:
            reason = _reason(state.extraction_error)
            words = ExtractionWords(f"tekst kon niet worden geëxtraheerd: {reason}", problem=True)
        elif status == ExtractionStatus.EMPTY and ocr_missing:
            words = ExtractionWords("scan zonder tekstlaag; OCR niet beschikbaar", problem=True)
        elif status == ExtractionStatus.EMPTY:
            words = ExtractionWords("geen tekst gevonden: het bestand is leeg", problem=True)
        else:
            words = _text_words(state, ocr_missing)
    if state.withdrawn:
        remarks = ["ingetrokken: de bron publiceert dit document niet meer", *words.remarks]
        words = ExtractionWords(words.summary, remarks, problem=True)
    return words


__all__ = ["ExtractionWords", "extraction_words"]
