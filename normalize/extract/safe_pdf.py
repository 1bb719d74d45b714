"""The non-XML path for PDFs with XFA forms: pypdf's text extraction, page by page.

pypdf reads page content streams only; it never parses the XFA packet (that would only happen
through `PdfReader.xfa`, which this module does not touch), so the XFA entity flaw cannot fire.
The XFA form's own field data is not extracted: a dynamic XFA form without page content comes
out as its placeholder page text, or empty (and then OCR'd like any page without text).
"""

from __future__ import annotations

from pypdf import PdfReader

from normalize.extract.pages import clean_text
from normalize.extract.xfa import describe

XFA_WARNING = "XFA form: extracted without Tika (CVE-2025-66516)"


def page_texts(reader: PdfReader, max_pages: int, max_chars: int) -> tuple[list[str], list[str]]:
    """Text of every page (pages past `max_pages`, or after `max_chars` is reached, come back
    empty so the page count stays true), and warnings for pages that failed."""
    texts: list[str] = []
    warnings: list[str] = []
    total = 0
    for number, page in enumerate(reader.pages, start=1):
        if number > max_pages or total > max_chars:
            texts.append("")
            continue
        try:
            text = clean_text(page.extract_text())
        except Exception as exc:
            warnings.append(f"page {number}: text could not be extracted ({describe(exc)})")
            text = ""
        total += len(text)
        texts.append(text)
    return texts, warnings
