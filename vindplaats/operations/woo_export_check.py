"""Validate an organisation's Woo-index export and record the result (`Nu valideren`).

`check_woo_export(store, blobs, settings, org_key)` builds (or reuses) the export the API serves
for the organisation (`vindplaats.woo.export_cache.served_export`: robots.txt, sitemap indexes
and sitemaps, as the national harvester reads them), validates that directory with the Woo-index
validator (`vindplaats.woo.validate`: the official DiWoo XSDs and the harvest rules) and saves
the outcome with `store.save_woo_export_check`: valid or not, the number of errors, the documents
listed (`<url>` entries of the sitemaps) and the first errors as text. No network is used: the
directory is read, never fetched. An export that cannot be built is recorded as invalid with
the reason. NotFound when the export is not served here (no
`VINDPLAATS_PUBLIC_BASE_URL`) or the organisation has no source of that key.
"""

from __future__ import annotations

from vindplaats.errors import ConfigError
from vindplaats.settings import Settings
from vindplaats.store import BlobStore
from vindplaats.store.base import Store
from vindplaats.store.sql_organisations import WooExportCheck
from vindplaats.woo.export_cache import served_export
from vindplaats.woo.findings import Report
from vindplaats.woo.validate import validate

DETAIL_ERRORS = 10  # errors written into the recorded detail
UNBUILT = "the export cannot be built"


def check_woo_export(
    store: Store, blobs: BlobStore, settings: Settings, org_key: str
) -> WooExportCheck:
    """Validate the organisation's served export now and record the result. An export that
    cannot be built (the organisation has no TOOI URI to publish under) is recorded as invalid,
    with the reason."""
    try:
        directory = served_export(store, blobs, settings, org_key)
    except ConfigError as exc:
        return store.save_woo_export_check(
            org_key, valid=False, errors=1, documents=0, detail=f"{UNBUILT}: {exc}"
        )
    report = validate(str(directory), settings)
    return store.save_woo_export_check(
        org_key,
        valid=report.valid,
        errors=report.count("error"),
        documents=listed_documents(report),
        detail=error_lines(report, str(directory)),
    )


def listed_documents(report: Report) -> int:
    return sum(file.entries for file in report.files if file.kind == "sitemap")


def error_lines(report: Report, root: str) -> str:
    """The first errors, one a line: `file:line RULE message` (paths relative to the export)."""
    errors = [f for f in report.findings if f.severity == "error"][:DETAIL_ERRORS]
    lines = []
    for finding in errors:
        name = finding.file.removeprefix(root).lstrip("/")
        lines.append(f"{name}:{finding.line} {finding.rule} {finding.message}")
    return "\n".join(lines)


__all__ = ["check_woo_export", "error_lines", "listed_documents"]
