"""`vindplaats sources add | list | import`: the registry of source systems."""

from __future__ import annotations

import argparse
import contextlib
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from normalize.records import OrganizationType, Supplier
from vindplaats.cli.output import print_json, table
from vindplaats.errors import SourceError, UnsafeURLError
from vindplaats.net.guard import check_url, parse_ip_literal, resolve_checked
from vindplaats.settings import Settings
from vindplaats.sources import Source, build_source, read_catalogue
from vindplaats.store import Store, open_store

# CLI option → catalogue column (ori-sources.csv), for the optional fields of `sources add`.
OPTIONAL_FIELDS = (
    ("cbs_code", "CBS municipality code, e.g. GM0361."),
    ("notubiz_organisation_id", "NotuBiz organisation id (required for NotuBiz)."),
    ("ibabs_sitename", "iBabs site name."),
    ("base_url", "API base URL override (self-hosted server, sandbox)."),
    ("tooi_uri", "TOOI identifier of the organisation."),
    ("allmanak_id", "Almanak id of the organisation."),
    ("include_pattern", "Only harvest items matching this pattern."),
    ("exclude_pattern", "Skip items matching this pattern."),
    ("api_version", "Supplier API version."),
    ("municipality_prefix", "Prefix used by the supplier for this municipality."),
)


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "sources",
        help="register and list source systems",
        description="Register the systems to harvest from, and see what was harvested.",
    )
    sub = parser.add_subparsers(dest="sources_command", metavar="{add,list,import}", required=True)

    add = sub.add_parser(
        "add",
        help="register (or update) one source",
        description="Register a source system, or update it when the key exists. Options are "
        "named like the columns of the catalogue CSV (ori-sources.csv).",
    )
    add.add_argument("--key", required=True, help="Unique lowercase key, e.g. alkmaar.")
    add.add_argument("--name", required=True, help="Organisation name, e.g. Alkmaar.")
    add.add_argument("--supplier", required=True, choices=[s.value for s in Supplier])
    add.add_argument(
        "--organisation-type",
        choices=[t.value for t in OrganizationType],
        default=OrganizationType.MUNICIPALITY.value,
        help="Kind of organisation (default: gemeente).",
    )
    for name, help_text in OPTIONAL_FIELDS:
        add.add_argument("--" + name.replace("_", "-"), dest=name, help=help_text)
    add.set_defaults(func=run_add)

    listing = sub.add_parser(
        "list",
        help="list registered sources with their last harvest",
        description="List the registered sources: supplier, last harvest run and documents.",
    )
    listing.add_argument("--json", action="store_true", help="Print JSON instead of a table.")
    listing.set_defaults(func=run_list)

    imp = sub.add_parser(
        "import",
        help="register every row of a catalogue CSV",
        description="Register (or update) every source of a CSV with the catalogue's columns "
        "(key,name,organisation_type,supplier,cbs_code,...). Nothing is stored when a line "
        "is invalid; the error names file:line.",
    )
    imp.add_argument("file", type=Path, help="The CSV file.")
    imp.set_defaults(func=run_import)


def check_base_url(source: Source, settings: Settings, resolve: bool) -> None:
    """Refuse a base URL the fetch guard would refuse (raises UnsafeURLError).

    With `resolve`, a host name is also checked on the addresses it resolves to now; a name
    that does not resolve is accepted here and checked again at every crawl.
    """
    if source.base_url is None:
        return
    allow = settings.allow_private_networks
    check_url(source.base_url, allow_private=allow)
    host = urlsplit(source.base_url).hostname
    if resolve and host and not allow and parse_ip_literal(host) is None:
        with contextlib.suppress(OSError):
            resolve_checked(host, 443, allow_private=False)


def run_add(args: argparse.Namespace, settings: Settings) -> int:
    fields: dict[str, object] = {
        "key": args.key,
        "name": args.name,
        "supplier": args.supplier,
        "organisation_type": args.organisation_type,
    }
    fields.update({name: getattr(args, name) for name, _ in OPTIONAL_FIELDS})
    source = build_source(**{k: v for k, v in fields.items() if v is not None})
    source.check_harvestable()
    check_base_url(source, settings, resolve=True)
    store = open_store(settings)
    try:
        new = store.upsert_source(source)
    finally:
        store.close()
    print(f"{'added' if new else 'updated'} source {source.key} ({source.supplier.value})")
    return 0


def _documents(store: Store, key: str) -> int:
    counts = store.document_counts(key)
    return sum(n for name, n in counts.items() if name.startswith("download_"))


def run_list(args: argparse.Namespace, settings: Settings) -> int:
    store = open_store(settings)
    try:
        sources = store.list_sources()
        if args.json:
            items = []
            for source in sources:
                run = store.last_run(source.key)
                items.append(
                    {
                        **source.model_dump(mode="json"),
                        "last_run": run.model_dump(mode="json") if run else None,
                        "documents": store.document_counts(source.key),
                    }
                )
            print_json(items)
            return 0
        rows = []
        for source in sources:
            run = store.last_run(source.key)
            when = run.started_at.strftime("%Y-%m-%d %H:%M") if run else ""
            last = f"{run.status.value} {when}" if run else "never"
            rows.append(
                [
                    source.key,
                    source.supplier.value,
                    source.name,
                    last,
                    _documents(store, source.key),
                ]
            )
    finally:
        store.close()
    if not rows:
        print("no sources registered; add one with `vindplaats sources add` or `sources import`")
        return 0
    print(table(["key", "supplier", "name", "last run (UTC)", "documents"], rows))
    return 0


def run_import(args: argparse.Namespace, settings: Settings) -> int:
    path: Path = args.file
    if not path.is_file():
        raise SourceError(f"{path}: no such file")
    try:
        sources = read_catalogue(path)
    except UnicodeDecodeError:
        raise SourceError(f"{path}: not a UTF-8 CSV file") from None
    for line, source in enumerate(sources, start=2):
        try:
            source.check_harvestable()
            check_base_url(source, settings, resolve=False)
        except (SourceError, UnsafeURLError) as exc:
            raise type(exc)(f"{path}:{line}: {exc}") from None
    store = open_store(settings)
    added = updated = 0
    try:
        with store.transaction():
            for source in sources:
                if store.upsert_source(source):
                    added += 1
                else:
                    updated += 1
    finally:
        store.close()
    print(f"imported {path}: {added} added, {updated} updated")
    return 0


__all__ = ["register"]
