"""The Woo-index (PLOOI) export of one organisation's documents: `export_woo_index(...)`.

An organisation is a registered source (its key, e.g. `alkmaar`); its publisher is its TOOI
URI (`organisation_publisher`). Every document of the source, council records included, is
mapped (`council_diwoo.map_document`) and written as a `<url>` of the sitemaps of its
information category (`export_sitemaps`) in the layout of `export_layout`, streamed from the
store page by page; a reference to another document of the export names that document's
`<loc>` (`export_links`; a first pass over the store finds the Woo publications' `<loc>`s). A
document that cannot be exported is counted by reason and handed to `on_skip` (the CLI lists
each), never silently left out.

`write_export(...)` builds the tree in a new directory beside the target and then puts it in
place, so a reader never sees half an export; it replaces a previous export there (a directory
carrying the export's marker file), never anything else.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from normalize.records import Organization
from normalize.tooi import value_by_uri
from normalize.woo_categories import WooCategory
from normalize.woo_metadata import Coded
from vindplaats.agenda_types import AgendaTypes
from vindplaats.catalogue import load_catalogue
from vindplaats.errors import ConfigError, NotFound
from vindplaats.sources import Source
from vindplaats.store import BlobStore
from vindplaats.store.base import Store
from vindplaats.woo.council_diwoo import Mapped, map_document
from vindplaats.woo.export_layout import MARKER, absolute, checked_root, file_path
from vindplaats.woo.export_links import Relinks, relink
from vindplaats.woo.export_sitemaps import (
    CategorySitemaps,
    Cuts,
    EntryTooLarge,
    url_entry,
    write_indexes,
)

TOO_LARGE = "too_large"


@dataclass(frozen=True)
class Skipped:
    """A document left out of the export, and why."""

    document_id: str
    title: str
    reason: str
    message: str


@dataclass
class ExportReport:
    organisation: str
    root_url: str
    documents: int = 0
    exported: int = 0
    sitemaps: int = 0
    by_category: dict[str, int] = field(default_factory=dict)  # category article -> URLs
    skipped: Counter[str] = field(default_factory=Counter)  # reason -> documents

    def as_json(self) -> dict[str, object]:
        return {
            "organisation": self.organisation,
            "root_url": self.root_url,
            "documents": self.documents,
            "exported": self.exported,
            "sitemaps": self.sitemaps,
            "by_category": self.by_category,
            "skipped_by_reason": dict(sorted(self.skipped.items())),
        }


def _catalogue_uri(key: str) -> str | None:
    return next((s.tooi_uri for s in load_catalogue() if s.key == key and s.tooi_uri), None)


def organisation_publisher(store: Store, source: Source) -> Coded:
    """The organisation's publisher value: its TOOI URI from the Organization record, the
    registered source or the catalogue; ConfigError when none is known to the TOOI lists."""
    uri: str | None = None
    name = source.name
    for record in store.iter_records("organization", source.key):
        if isinstance(record, Organization):
            name = record.name
            uri = uri or record.tooi_uri
    uri = uri or source.tooi_uri or _catalogue_uri(source.key)
    if not uri:
        raise ConfigError(
            f"organisation {source.key!r} has no TOOI URI, which the Woo-index needs as publisher: "
            f"set it with `vindplaats sources update {source.key} --tooi-uri URI`"
        )
    if value_by_uri("organisaties", uri) is None:
        raise ConfigError(
            f"the TOOI URI {uri!r} of organisation {source.key!r} is not in the TOOI "
            "organisation lists; correct it with `vindplaats sources update --tooi-uri`"
        )
    return Coded.of("organisaties", label=name, uri=uri)


def _place_file(blobs: BlobStore, sha256: str, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    source = blobs.path(sha256)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def export_woo_index(
    store: Store,
    blobs: BlobStore,
    organisation: str,
    root_url: str,
    out: Path,
    *,
    files: bool = True,
    cuts: Cuts | None = None,
    on_skip: Callable[[Skipped], None] | None = None,
) -> ExportReport:
    """Write the export of `organisation` into the (empty) directory `out`, its links on
    `root_url`; `files`: also the originals (hard links where possible). NotFound for an
    unknown organisation, ConfigError for a bad root URL or publisher."""
    root_url = checked_root(root_url)
    source = _source(store, organisation)
    publisher = organisation_publisher(store, source)
    report = ExportReport(organisation, root_url)
    cuts = cuts or Cuts()
    series: dict[WooCategory, CategorySitemaps] = {}
    types = AgendaTypes(store)
    relinks = _locs(store, source.key, publisher, types, root_url)
    down = store.taken_down_ids()  # taken-down documents are not published
    try:
        for doc, state in store.iter_documents_with_states(source.key):
            if doc.id in down:
                continue
            report.documents += 1
            mapped = map_document(types.apply(doc), state, publisher)
            sha256 = state.sha256 if state else None
            skipped = _write(
                mapped, sha256, (root_url, relinks), out, series, cuts, blobs if files else None
            )
            if skipped is not None:
                report.skipped[skipped.reason] += 1
                if on_skip is not None:
                    on_skip(skipped)
                continue
            report.exported += 1
        categories = write_indexes(out, root_url, series)
    finally:
        for sitemaps in series.values():
            sitemaps.abort()
    report.sitemaps = sum(len(series[c].written) for c in categories)
    report.by_category = {c.value: series[c].urls for c in categories}
    (out / MARKER).write_text(f"{organisation}\n", encoding="utf-8")
    return report


def _locs(
    store: Store, source_key: str, publisher: Coded, types: AgendaTypes, root_url: str
) -> Relinks:
    """The `<loc>` of each Woo publication the export lists, by its file's original URL (a
    first pass, so a reference to a document later in the export is relinked too). Only
    harvested Woo publications carry references, and they refer to each other: memory grows
    with those alone, never with the council documents."""
    locs: Relinks = {}
    down = store.taken_down_ids()
    for doc, state in store.iter_documents_with_states(source_key):
        if doc.woo is None or doc.id in down:
            continue
        mapped = map_document(types.apply(doc), state, publisher)
        if mapped.exportable and mapped.file_type is not None and doc.original_url:
            locs[doc.original_url] = absolute(root_url, file_path(doc, mapped.file_type))
    return locs


def _write(
    mapped: Mapped,
    sha256: str | None,
    links: tuple[str, Relinks],
    out: Path,
    series: dict[WooCategory, CategorySitemaps],
    cuts: Cuts,
    blobs: BlobStore | None,
) -> Skipped | None:
    doc = mapped.document
    if not mapped.exportable:
        first = mapped.problems[0]
        message = "; ".join(p.message for p in mapped.problems)
        return Skipped(doc.id, doc.title, first.reason, message)
    assert mapped.file_type is not None and mapped.lastmod is not None and sha256 is not None
    root_url, relinks = links
    path = file_path(doc, mapped.file_type)
    entry = url_entry(absolute(root_url, path), mapped.lastmod, relink(mapped.metadata, relinks))
    sitemaps = series.get(mapped.category)
    if sitemaps is None:
        sitemaps = series[mapped.category] = CategorySitemaps(out, mapped.category, cuts)
    try:
        sitemaps.add(entry, mapped.lastmod)
    except EntryTooLarge as exc:
        return Skipped(doc.id, doc.title, TOO_LARGE, f"its <url> is too large: {exc}")
    if blobs is not None:
        _place_file(blobs, sha256, out / path)
    return None


def check_export(store: Store, organisation: str, root_url: str, target: Path) -> None:
    """Refuse, before anything is written, what `write_export` would refuse."""
    checked_root(root_url)
    organisation_publisher(store, _source(store, organisation))
    _check_target(target.resolve())


def _source(store: Store, organisation: str) -> Source:
    try:
        return store.get_source(organisation)
    except NotFound:
        raise NotFound(f"unknown organisation {organisation!r} (no source with that key)") from None


def _check_target(target: Path) -> None:
    if target.exists() and (not target.is_dir() or _foreign(target)):
        raise ConfigError(
            f"{target} exists and is not an earlier Woo-index export (no {MARKER} file): "
            "choose a new or empty directory"
        )


def write_export(
    store: Store,
    blobs: BlobStore,
    organisation: str,
    root_url: str,
    target: Path,
    *,
    files: bool = True,
    cuts: Cuts | None = None,
    on_skip: Callable[[Skipped], None] | None = None,
) -> ExportReport:
    """Build the export beside `target`, then put it in place of `target` (which must not
    exist, be empty, or hold a previous export)."""
    target = target.resolve()
    _check_target(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=f".{target.name}.building-", dir=target.parent))
    building.chmod(0o755)  # published as static files: readable like any directory
    try:
        report = export_woo_index(
            store, blobs, organisation, root_url, building, files=files, cuts=cuts, on_skip=on_skip
        )
        _swap(building, target)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    return report


def _foreign(directory: Path) -> bool:
    return any(directory.iterdir()) and not (directory / MARKER).is_file()


def _swap(building: Path, target: Path) -> None:
    old = target.with_name(f".{target.name}.old-{uuid.uuid4().hex[:8]}")
    if target.exists():
        target.rename(old)
    building.rename(target)
    shutil.rmtree(old, ignore_errors=True)


__all__ = [
    "ExportReport",
    "Skipped",
    "check_export",
    "export_woo_index",
    "organisation_publisher",
    "write_export",
]
