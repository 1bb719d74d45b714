"""The dossier stage of a harvest run: Woo-besluit dossiers assembled from the source's Woo
documents once their files are downloaded (`normalize.dossier_build`).

Each run groups the source's current (not withdrawn) Woo documents by their DiWoo relations,
reads each dossier's inventory files from their stored originals (`documents.sha256` → the
content-addressed original in the blob store), joins the rows to the harvested documents and
saves every dossier (an unchanged one is an unchanged row). An inventory file whose original is
the same as the stored dossier read is not parsed again. A dossier the documents no longer
form (its decision letter withdrawn, its documents regrouped) is marked withdrawn, kept in the
store like every withdrawn record; one formed again is current again.

An unreadable inventory (not a spreadsheet, no header, over a cap, not downloaded) is a
recorded problem of its dossier, counted as `dossier_inventory_failed`; it does not fail the
run (the publisher's file is the problem, and re-reading cannot fix it). A dossier that cannot
be built or saved at all is an error of the run (`dossier_failed`, the run `partial`), its
stored version kept; the other dossiers are assembled all the same.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from normalize.dossier import Dossier
from normalize.dossier_build import (
    ReadInventory,
    build_dossier,
    dossier_id,
    not_readable,
    read_result,
    reused,
)
from normalize.dossier_groups import woo_besluit_groups
from normalize.dossier_join import LinkIndex
from normalize.inventory import InventoryLimits, read_inventory
from normalize.records import Document, DownloadStatus
from vindplaats.errors import NotFound
from vindplaats.store.base import Store
from vindplaats.store.blobs import BlobStore


@dataclass
class DossierReport:
    counts: Counter[str] = field(default_factory=Counter)
    dossier_ids: list[str] = field(default_factory=list)  # the dossiers saved, in order
    errors: list[str] = field(default_factory=list)  # dossiers that could not be built


def assemble_dossiers(
    store: Store, blobs: BlobStore, source_key: str, *, limits: InventoryLimits | None = None
) -> DossierReport:
    """Assemble, save and count the dossiers of one source (see the module docstring)."""
    limits = limits or InventoryLimits()
    report = DossierReport()
    for name in ("dossiers", "dossiers_changed", "dossier_inventory_failed", "dossier_rows",
                 "dossier_rows_joined", "dossier_failed", "withdrawn_dossiers"):  # fmt: skip
        report.counts[name] = 0
    gone = store.withdrawn_record_ids("document", source_key)
    documents = [
        d
        for d in store.iter_records("document", source_key)
        if isinstance(d, Document) and d.woo is not None and d.id not in gone
    ]
    stored = {d.id: d for d in store.iter_records("dossier", source_key) if isinstance(d, Dossier)}
    links = LinkIndex(documents)
    current: set[str] = set()
    for group in woo_besluit_groups(documents):
        key = dossier_id(group)
        current.add(key)  # one that fails below keeps its stored version, not withdrawn
        try:
            reads = [
                _read(store, blobs, doc, stored.get(key), limits) for doc in group.inventories()
            ]
            dossier = build_dossier(group, reads, links)
            changed = store.save_dossier(dossier)
        except Exception as exc:  # one dossier that cannot be built is an error, not the end
            report.counts["dossier_failed"] += 1
            report.errors.append(f"dossier {key}: {type(exc).__name__}: {exc}")
            continue
        report.counts["dossiers_changed"] += int(changed)
        report.dossier_ids.append(dossier.id)
        report.counts["dossiers"] += 1
        report.counts["dossier_inventory_failed"] += sum(1 for r in reads if not r.readable)
        report.counts["dossier_rows"] += dossier.join_counts.rows
        report.counts["dossier_rows_joined"] += dossier.join_counts.joined
    already = store.withdrawn_record_ids("dossier", source_key)
    stale = sorted(i for i in stored if i not in current and i not in already)
    if stale:
        store.mark_withdrawn(stale)
        report.counts["withdrawn_dossiers"] += len(stale)
    return report


def _read(
    store: Store,
    blobs: BlobStore,
    doc: Document,
    previous: Dossier | None,
    limits: InventoryLimits,
) -> ReadInventory:
    """The inventory file `doc` as read from its stored original (or as the stored dossier
    read that same original), or why it cannot be read."""
    try:
        state = store.get_document_state(doc.id)
    except NotFound:
        return not_readable(doc, "not_downloaded", "no download recorded yet")
    if state.download_status == DownloadStatus.FAILED:
        return not_readable(doc, "not_downloaded", f"the download failed: {state.download_error}")
    if state.download_status != DownloadStatus.OK or state.sha256 is None:
        return not_readable(doc, "not_downloaded", "not downloaded yet")
    again = reused(previous, doc.id, state.sha256)
    if again is not None:
        return again
    path = blobs.path(state.sha256)
    try:
        size = path.stat().st_size
        if size > limits.max_bytes:
            return not_readable(
                doc, "too_large", f"{size} bytes, more than the cap of {limits.max_bytes} bytes"
            )
        data = path.read_bytes()
    except OSError as exc:
        return not_readable(doc, "missing", f"the stored original is missing: {exc.strerror}")
    return read_result(doc, state.sha256, read_inventory(data, limits=limits))


__all__ = ["DossierReport", "assemble_dossiers"]
