"""The extraction contract: `ExtractOptions` in, `ExtractionResult` out, and the caps on pages/text.

Every way an extraction can end (text, no text, any failure) is an `ExtractionResult`; nothing
in this package raises for bad input.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from normalize.records import ExtractionStatus, Page

# Tesseract language codes joined by "+": "nld", "nld+eng", "chi_sim". Never an option switch.
_LANGUAGE = r"^[A-Za-z][A-Za-z0-9_]*(\+[A-Za-z][A-Za-z0-9_]*)*$"


class ExtractOptions(BaseModel):
    """How to extract one file. Frozen, so one instance can be shared by a whole batch."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    timeout: float = Field(default=120.0, gt=0, le=86_400, description="Hard limit per file (s).")
    ocr: bool = Field(default=True, description="OCR pages without a text layer, and images.")
    ocr_language: str = Field(default="nld", pattern=_LANGUAGE, description="Tesseract languages.")
    max_pages: int = Field(default=5000, ge=1, description="Pages beyond are dropped (warning).")
    max_chars: int = Field(default=50_000_000, ge=1, description="Text beyond is cut (warning).")
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


def finish(
    texts: list[tuple[str, bool]],
    *,
    options: ExtractOptions,
    agent: str,
    route: str,
    content_type: str | None,
    warnings: list[str],
) -> ExtractionResult:
    """Build the result from (page text, ocr) pairs: apply the caps and derive the status."""
    warnings = list(warnings)
    if len(texts) > options.max_pages:
        warnings.append(
            f"document has {len(texts)} pages; pages after {options.max_pages} were dropped"
        )
        texts = texts[: options.max_pages]
    pages: list[Page] = []
    budget = options.max_chars
    for number, (text, ocr) in enumerate(texts, start=1):
        if len(text) > budget:
            warnings.append(f"text truncated at {options.max_chars} characters")
            pages.append(Page(number=number, text=text[:budget], ocr=ocr))
            break
        budget -= len(text)
        pages.append(Page(number=number, text=text, ocr=ocr))
    has_text = any(page.text for page in pages)
    return ExtractionResult(
        status=ExtractionStatus.OK if has_text else ExtractionStatus.EMPTY,
        pages=pages,
        agent=agent,
        route=route,
        content_type=content_type,
        warnings=warnings,
    )
