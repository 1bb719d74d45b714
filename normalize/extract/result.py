"""The extraction contract: `ExtractOptions` in, `ExtractionResult` out, and the caps on pages/text.

Every way an extraction can end (text, no text, any failure) is an `ExtractionResult`; nothing
in this package raises for bad input. A document cut at `max_pages` or `max_chars` (or whose
extractor stopped writing at the output cap) is never silently short: its status is `truncated`
and `truncation` says what was kept. Warnings are bounded (`MAX_WARNINGS` of `MAX_WARNING_CHARS`).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from normalize.records import ExtractionStatus, Page, Truncation

# Tesseract language codes joined by "+": "nld", "nld+eng", "chi_sim". Never an option switch.
_LANGUAGE = r"^[A-Za-z][A-Za-z0-9_]*(\+[A-Za-z][A-Za-z0-9_]*)*$"
MAX_WARNINGS = 20
MAX_WARNING_CHARS = 300


class ExtractOptions(BaseModel):
    """How to extract one file. Frozen, so one instance can be shared by a whole batch."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    timeout: float = Field(default=120.0, gt=0, le=86_400, description="Hard limit per file (s).")
    ocr: bool = Field(default=True, description="OCR pages without a text layer, and images.")
    ocr_language: str = Field(default="nld", pattern=_LANGUAGE, description="Tesseract languages.")
    max_pages: int = Field(
        default=20_000, ge=1, description="Pages beyond are dropped (status truncated)."
    )
    max_chars: int = Field(
        default=50_000_000, ge=1, description="Text beyond is cut (status truncated)."
    )
    backend: Literal["embedded", "tika-server"] = Field(
        default="embedded", description="Who runs Tika: extractous in-process, or a Tika server."
    )
    tika_url: str | None = Field(
        default=None,
        pattern=r"^https?://\S+$",
        description="Tika server (>= 3.2.2) URL; with backend embedded it takes the XFA PDFs.",
    )

    @model_validator(mode="after")
    def _server_needs_url(self) -> ExtractOptions:
        if self.backend == "tika-server" and not self.tika_url:
            raise ValueError("backend 'tika-server' needs tika_url")
        return self


class ExtractionResult(BaseModel):
    """The text of one file, per page, and how it was obtained."""

    model_config = ConfigDict(extra="forbid")

    status: ExtractionStatus
    pages: list[Page] = Field(default_factory=list)
    agent: str
    route: str
    content_type: str | None = None
    error: str | None = None
    warnings: list[str] = Field(default_factory=list)
    truncation: Truncation | None = None

    @property
    def text(self) -> str:
        """All pages joined by blank lines (convenience for callers that do not need pages)."""
        return "\n\n".join(page.text for page in self.pages if page.text)


def failed(
    error: str, *, agent: str, route: str, content_type: str | None = None
) -> ExtractionResult:
    return ExtractionResult(
        status=ExtractionStatus.FAILED,
        agent=agent,
        route=route,
        content_type=content_type,
        error=error,
    )


def bounded(warnings: list[str]) -> list[str]:
    """At most `MAX_WARNINGS` distinct warnings of at most `MAX_WARNING_CHARS` characters each;
    the last one counts the rest."""
    unique = list(dict.fromkeys(" ".join(w.split()) for w in warnings if w.strip()))
    cut = [w if len(w) <= MAX_WARNING_CHARS else w[: MAX_WARNING_CHARS - 1] + "…" for w in unique]
    if len(cut) > MAX_WARNINGS:
        rest = len(cut) - MAX_WARNINGS + 1
        cut = [*cut[: MAX_WARNINGS - 1], f"… and {rest} more warnings"]
    return cut


def finish(
    texts: list[tuple[str, bool]],
    *,
    options: ExtractOptions,
    agent: str,
    route: str,
    content_type: str | None,
    warnings: list[str],
    output_cut: bool = False,
    timed_out: bool = False,
    pages_total: int | None = None,
) -> ExtractionResult:
    """Build the result from (page text, ocr) pairs: apply the caps and derive the status.

    `output_cut` / `timed_out`: reading the extractor's output stopped at its output cap
    (`embedded.output_limit`) or at the deadline, so the text after the last page given is
    missing; `pages_total`: the document's real page count when known (a PDF's page tree), else
    `len(texts)` unless the output was cut.
    """
    cut = output_cut or timed_out
    total = pages_total if pages_total is not None else None if cut else len(texts)
    page_cap = len(texts) > options.max_pages
    texts = texts[: options.max_pages]
    pages: list[Page] = []
    budget = options.max_chars
    char_cap = output_cut
    for number, (text, ocr) in enumerate(texts, start=1):
        if len(text) > budget:
            char_cap = True
            pages.append(Page(number=number, text=text[:budget], ocr=ocr))
            break
        budget -= len(text)
        pages.append(Page(number=number, text=text, ocr=ocr))
    truncation = None
    if page_cap or char_cap or timed_out:
        truncation = _truncation(pages, total, options, page_cap, char_cap, timed_out)
    has_text = any(page.text for page in pages)
    status = ExtractionStatus.OK if has_text else ExtractionStatus.EMPTY
    return ExtractionResult(
        status=ExtractionStatus.TRUNCATED if truncation and has_text else status,
        pages=pages,
        agent=agent,
        route=route,
        content_type=content_type,
        warnings=bounded(warnings),
        truncation=truncation,
    )


def _truncation(
    pages: list[Page],
    total: int | None,
    options: ExtractOptions,
    page_cap: bool,
    char_cap: bool,
    timed_out: bool,
) -> Truncation:
    kept = sum(len(page.text) for page in pages)
    of = f" of {total}" if total is not None else ""
    caps = [f"the page cap ({options.max_pages})"] if page_cap else []
    if char_cap:
        caps.append(f"the text cap ({options.max_chars} characters)")
    if timed_out:
        caps.append(f"the time limit ({options.timeout:g} s)")
    noun = "page" if (total if total is not None else len(pages)) == 1 else "pages"
    message = f"truncated at {' and '.join(caps)}: kept {len(pages)}{of} {noun}, {kept} characters"
    return Truncation(
        pages_kept=len(pages),
        pages_total=total,
        characters_kept=kept,
        max_pages=options.max_pages if page_cap else None,
        max_characters=options.max_chars if char_cap else None,
        time_limit=options.timeout if timed_out else None,
        message=message,
    )
