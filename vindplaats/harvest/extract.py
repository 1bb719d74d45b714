"""Harvest stage: extract text from downloaded originals whose extraction is pending.

Failures are data: each document gets status, error, agent and route; a bad file never stops
the stage. The extractor runs in an isolated worker process with a hard timeout and a memory
limit (VINDPLAATS_EXTRACT_MEMORY_LIMIT). A document cut at VINDPLAATS_EXTRACT_MAX_PAGES or
VINDPLAATS_EXTRACT_MAX_CHARS is stored as `truncated` with what was kept (its kept pages are
indexed like any other); the extractor's warnings are stored with every document. The pages
are scanned for citizen service numbers (`vindplaats.privacy`): a document holding any is
flagged for review (pages and counts only), counted as `flagged_bsn`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, Field, ValidationError

from normalize.extract import ExtractOptions, Extractor
from normalize.records import DownloadStatus, ExtractionStatus
from vindplaats.errors import ConfigError
from vindplaats.privacy.flags import check_extracted
from vindplaats.settings import PREFIX, Settings
from vindplaats.store.base import Store
from vindplaats.store.blobs import BlobStore
from vindplaats.store.models import DocumentState


class ExtractionSummary(BaseModel):
    counts: dict[str, int] = Field(default_factory=dict)
    errors: list[str] = Field(default_factory=list)


_SETTING_OF = {  # option → setting name
    "timeout": "extract_timeout",
    "backend": "extractor",
    "max_pages": "extract_max_pages",
    "max_chars": "extract_max_chars",
}


def options_from(settings: Settings) -> ExtractOptions:
    """The extraction options the settings ask for. Raises ConfigError when
    VINDPLAATS_EXTRACTOR=tika-server has no VINDPLAATS_TIKA_URL, or that URL is not http(s)."""
    if settings.extractor == "tika-server" and not settings.tika_url:
        raise ConfigError("VINDPLAATS_EXTRACTOR=tika-server needs VINDPLAATS_TIKA_URL")
    try:
        return ExtractOptions(
            timeout=settings.extract_timeout,
            ocr=settings.ocr,
            ocr_language=settings.ocr_language,
            backend=settings.extractor,
            tika_url=settings.tika_url or None,
            max_pages=settings.extract_max_pages,
            max_chars=settings.extract_max_chars,
        )
    except ValidationError as exc:
        fields = {str(error["loc"][0]) for error in exc.errors() if error["loc"]}
        fields = {_SETTING_OF.get(name, name) for name in fields}
        names = ", ".join(PREFIX + name.upper() for name in sorted(fields)) or "extraction settings"
        raise ConfigError(f"invalid {names}: {exc.errors()[0]['msg']}") from None


def extractor_from(settings: Settings) -> Extractor:
    """An extractor with the options and the memory limit the settings ask for."""
    limit = int(settings.extract_memory_limit) if settings.extract_memory_limit else None
    return Extractor(options_from(settings), memory_limit=limit)


def extract_pending(
    settings: Settings,
    store: Store,
    blobs: BlobStore,
    source_key: str | None = None,
    on_progress: Callable[[dict[str, Any]], None] | None = None,
) -> ExtractionSummary:
    states = [
        s
        for s in store.iter_document_states(
            source_key,
            download_status=DownloadStatus.OK,
            extraction_status=ExtractionStatus.PENDING,
        )
        if s.sha256
    ]
    counts: Counter[str] = Counter()
    errors: list[str] = []
    if not states:
        return ExtractionSummary()
    with extractor_from(settings) as extractor:
        for done, state in enumerate(states, start=1):
            result_status = _extract_one(store, blobs, extractor, state, counts, errors)
            counts[f"extraction_{result_status.value}"] += 1
            if on_progress:
                on_progress(
                    {
                        "done": done,
                        "total": len(states),
                        "failed": counts[f"extraction_{ExtractionStatus.FAILED.value}"],
                    }
                )
    return ExtractionSummary(counts=dict(counts), errors=errors)


def _extract_one(
    store: Store,
    blobs: BlobStore,
    extractor: Extractor,
    state: DocumentState,
    counts: Counter[str],
    errors: list[str],
) -> ExtractionStatus:
    """Extract one document and record the outcome (and a BSN flag); returns its status."""
    assert state.sha256 is not None
    path = blobs.path(state.sha256)
    if not path.is_file():
        store.record_extraction(
            state.id,
            status=ExtractionStatus.FAILED,
            pages=[],
            agent=None,
            error=f"stored original {state.sha256} is missing",
        )
        return ExtractionStatus.FAILED
    result = extractor.extract(path)
    store.record_extraction(
        state.id,
        status=result.status,
        pages=result.pages,
        agent=result.agent,
        route=result.route,
        error=result.error,
        warnings=result.warnings,
        truncation=result.truncation,
    )
    if check_extracted(store, state.id, state.source_key, result.pages).count:
        counts["flagged_bsn"] += 1
    if result.status == ExtractionStatus.FAILED:
        errors.append(f"extract {state.id} ({state.original_url}): {result.error}")
    return result.status
