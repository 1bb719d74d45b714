"""`vindplaats export woo-index ORG --out DIR --base-url URL [--json]`: the Woo-index export
of an organisation as static files.

DIR receives `robots.txt`, one `sitemapindex-diwoo-infocatNNN.xml` per information category,
their sitemaps under `sitemaps/` and the originals under `documenten/` (hard links into the
store's originals where the file system allows, else copies), every link absolute on URL: the
https address DIR will be published at. Without `--base-url`, `VINDPLAATS_PUBLIC_BASE_URL` +
`/woo/ORG` (where `vindplaats serve` publishes the same export). DIR must be new, empty or an
earlier export, which is replaced whole once the new one is complete.

Each document that cannot be exported is listed with its reason, then a summary (text: one
line each on stdout; `--json`: one object, its `skipped` array streamed first, then the counts
with `skipped_by_reason`). Exit status 0 (also when documents were skipped: they are listed),
2 for an unknown organisation, a missing or non-https base URL, an organisation without a TOOI
URI or a DIR that holds something else.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from vindplaats.cli import UsageError
from vindplaats.cli.output import clean
from vindplaats.settings import Settings
from vindplaats.store import open_blobs, open_store
from vindplaats.woo.export import ExportReport, Skipped, check_export, write_export


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "export",
        help="publish harvested documents in another standard's form",
        description="Publish an organisation's harvested documents as files another system reads.",
    )
    kinds = parser.add_subparsers(dest="export_kind", metavar="KIND", required=True)
    woo = kinds.add_parser(
        "woo-index",
        help="the Woo-index (PLOOI) export: robots.txt, DiWoo sitemap indexes, sitemaps, files",
        description="Write the Woo-index export of an organisation (a source key) as static "
        "files: robots.txt, one sitemap index per Woo information category "
        "(sitemapindex-diwoo-infocatNNN.xml), DiWoo 0.9.8 sitemaps of at most 50,000 URLs and "
        "50 MB, and the documents' files, every link absolute on --base-url. Documents that "
        "cannot be exported (no date, not downloaded, a file type the Woo-index does not "
        "accept, withdrawn) are listed with the reason.",
    )
    woo.add_argument("organisation", metavar="ORG", help="The organisation's source key.")
    woo.add_argument("--out", type=Path, required=True, metavar="DIR", help="Where to write.")
    woo.add_argument(
        "--base-url",
        metavar="URL",
        help="The https URL DIR is published at (default: VINDPLAATS_PUBLIC_BASE_URL/woo/ORG).",
    )
    woo.add_argument("--json", action="store_true", help="Print the report as JSON.")
    woo.set_defaults(func=run_woo_index)


def _root(args: argparse.Namespace, settings: Settings) -> str:
    if args.base_url:
        return str(args.base_url)
    if settings.public_base_url:
        return f"{settings.public_base_url}/woo/{args.organisation}"
    raise UsageError(
        "give --base-url URL: the https address the export will be published at "
        "(or set VINDPLAATS_PUBLIC_BASE_URL)"
    )


class _JsonSkips:
    """Streams the `skipped` array of the JSON report, one document at a time."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, skipped: Skipped) -> None:
        sys.stdout.write("\n  " if self.count == 0 else ",\n  ")
        item = {"id": skipped.document_id, "reason": skipped.reason, "message": skipped.message}
        sys.stdout.write(json.dumps(item, ensure_ascii=False))
        self.count += 1


def _print_skip(skipped: Skipped) -> None:
    print(f"skipped {clean(skipped.document_id)}: {skipped.reason}: {clean(skipped.message)}")


def _summary(report: ExportReport, out: Path) -> None:
    print(
        f"exported {report.exported:,} of {report.documents:,} documents of "
        f"{report.organisation} into {out}: {report.sitemaps:,} sitemaps in "
        f"{len(report.by_category)} categories ({report.root_url}/robots.txt)"
    )
    for category, urls in report.by_category.items():
        print(f"  {category}: {urls:,}")
    if report.skipped:
        reasons = ", ".join(f"{n:,} {reason}" for reason, n in sorted(report.skipped.items()))
        print(f"skipped {sum(report.skipped.values()):,}: {reasons}")


def run_woo_index(args: argparse.Namespace, settings: Settings) -> int:
    root = _root(args, settings)
    store = open_store(settings)
    try:
        check_export(store, args.organisation, root, args.out)
        if args.json:
            skips = _JsonSkips()
            sys.stdout.write('{"skipped": [')
            try:
                report = write_export(
                    store, open_blobs(settings), args.organisation, root, args.out, on_skip=skips
                )
            finally:
                sys.stdout.write("\n]" if skips.count else "]")
            body = json.dumps(report.as_json(), ensure_ascii=False)
            sys.stdout.write(", " + body[1:] + "\n")
            return 0
        report = write_export(
            store, open_blobs(settings), args.organisation, root, args.out, on_skip=_print_skip
        )
        _summary(report, args.out)
        return 0
    finally:
        store.close()


__all__ = ["register", "run_woo_index"]
