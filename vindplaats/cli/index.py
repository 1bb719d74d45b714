"""`vindplaats index rebuild`: rebuild the search index from the store, without downtime.

Searches keep working throughout: the new index is built beside the old one and swapped in
atomically (an alias swap on Elasticsearch, a directory switch for the embedded engine). No
search fails or sees a partial index: an old embedded version is removed only once no process
has it open any more (a server still searching it keeps it until a later rebuild).
"""

from __future__ import annotations

import argparse
import sys

from vindplaats.cli.output import print_json
from vindplaats.settings import Settings


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "index",
        help="manage the search index (rebuild it from the store)",
        description="Manage the search index of VINDPLAATS_ENGINE.",
    )
    actions = parser.add_subparsers(dest="index_action", metavar="ACTION", required=True)
    rebuild = actions.add_parser(
        "rebuild",
        help="build a new index from the store and swap it in atomically",
        description="Build a new index from every stored document (no recrawl), then switch "
        "searches to it atomically; harvests that run meanwhile are caught up before the switch, "
        "and running searches are never interrupted. Exit status 1 when some documents could "
        "not be indexed (they are listed).",
    )
    rebuild.add_argument("--json", action="store_true", help="Print the report as JSON.")
    rebuild.set_defaults(func=run_rebuild)


def run_rebuild(args: argparse.Namespace, settings: Settings) -> int:
    from vindplaats.harvest.rebuild import rebuild_index

    def progress(done: int, total: int) -> None:
        print(f"index rebuild: {done}/{total} documents", file=sys.stderr, flush=True)

    report = rebuild_index(settings, on_progress=progress)
    if args.json:
        print_json(report.model_dump(mode="json"))
    else:
        print(
            f"Rebuilt the {settings.engine} index: {report.indexed} of {report.submitted} "
            f"documents indexed, {len(report.failed)} failed."
        )
        for doc_id, reason in sorted(report.failed.items()):
            print(f"  - {doc_id}: {reason}")
    return 1 if report.failed else 0
