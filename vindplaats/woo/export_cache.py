"""The Woo-index export the API serves: built once per state of the store, then read as files.

A sitemap's contents depend on every document before it (sitemaps are cut by size), so the API
does not render one sitemap per request: `served_export(...)` writes the organisation's whole
export (without the originals, which the API serves from the store) under
`<data dir>/woo-index/<organisation>/<fingerprint>/` and answers from there. The fingerprint
covers what changes an export: the public base URL, the organisation's last harvest run and its
record and document counts (by kind and state), and the records taken down. Building holds an
exclusive lock per organisation, so several API workers build it once; a reader never sees
half an export (it is built beside and renamed into place); of the exports of older states the
newest is kept (a request may still be sending from it) and the rest removed. What a build
leaves out is logged with the reasons (`vindplaats export woo-index` lists each document).
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import shutil
from pathlib import Path

from vindplaats.errors import NotFound
from vindplaats.settings import Settings
from vindplaats.sources import Source
from vindplaats.store import BlobStore
from vindplaats.store.base import Store
from vindplaats.woo.export import write_export
from vindplaats.woo.export_layout import MARKER

EXPORT_FORMAT = 2  # raise when the export's shape changes, so cached exports are rebuilt
CACHE_DIR = "woo-index"
log = logging.getLogger("vindplaats.woo")


def public_root(settings: Settings, organisation: str) -> str:
    """`<VINDPLAATS_PUBLIC_BASE_URL>/woo/<organisation>`; NotFound when it is not set."""
    if not settings.public_base_url:
        raise NotFound(
            "the Woo-index export is not served here: VINDPLAATS_PUBLIC_BASE_URL is not set"
        )
    return f"{settings.public_base_url}/woo/{organisation}"


def served_source(store: Store, organisation: str) -> Source:
    try:
        return store.get_source(organisation)
    except NotFound:
        raise NotFound(f"unknown organisation {organisation!r}") from None


def fingerprint(store: Store, source: Source, root_url: str) -> str:
    run = store.last_run(source.key)
    facts = {
        "format": EXPORT_FORMAT,
        "root": root_url,
        "run": None if run is None else [run.id, str(run.status), str(run.ended_at)],
        "records": store.count_records(source.key),
        "documents": store.document_counts(source.key),
        "taken_down": sorted(store.taken_down_ids()),  # a takedown or restore: built again
    }
    return hashlib.sha256(json.dumps(facts, sort_keys=True).encode()).hexdigest()[:20]


def served_export(store: Store, blobs: BlobStore, settings: Settings, organisation: str) -> Path:
    """The directory holding the current export of `organisation` (built when needed)."""
    root_url = public_root(settings, organisation)
    source = served_source(store, organisation)
    base = settings.data_dir / CACHE_DIR / source.key
    target = base / fingerprint(store, source, root_url)
    if (target / MARKER).is_file():
        return target
    base.mkdir(parents=True, exist_ok=True)
    with (base.parent / f".{source.key}.lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if not (target / MARKER).is_file():
                report = write_export(store, blobs, source.key, root_url, target, files=False)
                skipped = ", ".join(f"{n} {why}" for why, n in sorted(report.skipped.items()))
                log.info(
                    "built the Woo-index export of %s: %d of %d documents in %d sitemaps%s",
                    source.key, report.exported, report.documents, report.sitemaps,
                    f"; left out: {skipped}" if skipped else "",
                )  # fmt: skip
                _remove_others(base, keep=target.name)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    return target


def _remove_others(base: Path, keep: str) -> None:
    """Remove the exports of older states but the newest of them, which a request that began
    before the new one was in place may still be sending a file from."""
    others = [p for p in base.iterdir() if p.is_dir() and p.name != keep and p.name[:1] != "."]
    others.sort(key=lambda p: p.stat().st_mtime, reverse=True)
    for other in others[1:]:
        shutil.rmtree(other, ignore_errors=True)


__all__ = ["fingerprint", "public_root", "served_export", "served_source"]
