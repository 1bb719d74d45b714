"""Human summary of one extraction, for `vindplaats extract FILE`."""

from __future__ import annotations

from normalize.extract.result import ExtractionResult


def describe(result: ExtractionResult) -> str:
    """Status, route, agent, content type, error, truncation and warnings, then one line per
    page: number, characters and whether the text came from OCR."""
    total = sum(len(page.text) for page in result.pages)
    ocr_pages = sum(1 for page in result.pages if page.ocr)
    lines = [
        f"status:       {result.status.value}",
        f"route:        {result.route}",
        f"agent:        {result.agent}",
        f"content type: {result.content_type or 'unknown'}",
    ]
    if result.error:
        lines.append(f"error:        {result.error}")
    if result.truncation:
        lines.append(f"truncated:    {result.truncation.message}")
    lines.extend(f"warning:      {warning}" for warning in result.warnings)
    lines.append(f"pages:        {len(result.pages)} ({ocr_pages} OCR), {total} characters")
    width = len(str(len(result.pages)))
    for page in result.pages:
        flag = "  ocr" if page.ocr else ""
        lines.append(f"  page {page.number:>{width}}: {len(page.text):>8} chars{flag}")
    return "\n".join(lines)
