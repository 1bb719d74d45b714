"""Harvests against the sandbox in the harvest tests: settings for crawling it at full speed,
and every id the search index finds afterwards."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from vindplaats.engine import open_engine
from vindplaats.engine.base import SearchQuery
from vindplaats.settings import Settings, load_settings


def sandbox_settings(data_dir: Path, backfill_from: date, **more: Any) -> Settings:
    """Settings for harvesting the loopback sandbox without delays or OCR; a first harvest
    starts at `backfill_from` (the first day of the sample world)."""
    return load_settings(
        **more,
        data_dir=data_dir,
        allow_private_networks=True,
        download_delay=0,
        autothrottle=False,
        ocr=False,
        backfill_from=backfill_from,
    )


def searchable_ids(settings: Settings) -> set[str]:
    """Every id the search index finds, page by page."""
    engine = open_engine(settings)
    found: set[str] = set()
    cursor: str | None = None
    try:
        while True:
            query = SearchQuery(size=100, facets=False, pages_per_hit=0, cursor=cursor)
            result = engine.search(query)
            found |= {hit.id for hit in result.hits}
            cursor = result.next_cursor
            if cursor is None or not result.hits:
                return found
    finally:
        engine.close()
