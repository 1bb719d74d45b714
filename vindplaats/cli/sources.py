"""`vindplaats sources add | list | import | unblock`: the registry of source systems, their
health, and lifting a supplier block by hand (`show`, `update` and `remove`: `source_edit`)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from normalize.records import OrganizationType, Supplier
from vindplaats.catalogue import catalogue_path
from vindplaats.cli import UsageError, source_edit
from vindplaats.cli.output import print_json, table
from vindplaats.errors import NotFound, SourceError, UnsafeURLError
from vindplaats.net.guard import check_url, check_url_resolved
from vindplaats.operations.health import SourceHealth, health_report
from vindplaats.secrets import read_secret_file
from vindplaats.settings import Settings
from vindplaats.sources import Source, build_source, read_catalogue_lines
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
    sub = parser.add_subparsers(
        dest="sources_command",
        metavar="{add,list,show,update,remove,import,unblock}",
        required=True,
    )
    _register_add(sub)
    _register_list(sub)
    _register_import(sub)
    _register_unblock(sub)
    source_edit.register(sub, OPTIONAL_FIELDS, add_token_options)


def _register_add(sub: Any) -> None:
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
    add_token_options(add)
    add.set_defaults(func=run_add)


def _register_list(sub: Any) -> None:
    listing = sub.add_parser(
        "list",
        help="list registered sources with their health and last harvest",
        description="List the registered sources: supplier, health (ok, stale, failing, "
        "blocked, never harvested), last harvest run and documents.",
    )
    listing.add_argument("--json", action="store_true", help="Print JSON instead of a table.")
    listing.set_defaults(func=run_list)


def _register_import(sub: Any) -> None:
    imp = sub.add_parser(
        "import",
        help="register every row of a catalogue CSV (default: the national catalogue)",
        description="Register (or update) every source of a CSV with the catalogue's columns "
        "(key,name,organisation_type,supplier,cbs_code,...). Nothing is stored when a line "
        "is invalid; the error names file:line. Without a file (or with --catalogue): the "
        "national catalogue shipped with Vindplaats (every Dutch municipality, province and "
        "water board on a supported supplier).",
    )
    imp.add_argument("file", type=Path, nargs="?", help="The CSV file.")
    imp.add_argument(
        "--catalogue", action="store_true", help="Import the shipped national catalogue."
    )
    imp.set_defaults(func=run_import)


def _register_unblock(sub: Any) -> None:
    unblock = sub.add_parser(
        "unblock",
        help="lift a supplier block by hand",
        description="A supplier that answered 'The request is blocked' (or a burst of HTTP "
        "403) is left alone for VINDPLAATS_BLOCK_COOLDOWN seconds: no harvest of its sources "
        "starts. Lift the block early, e.g. after the supplier confirmed it lifted theirs.",
    )
    unblock.add_argument("supplier", choices=[s.value for s in Supplier])
    unblock.set_defaults(func=run_unblock)


def add_token_options(parser: argparse.ArgumentParser) -> None:
    """The token options of `sources add` and `sources update` (one of them at most)."""
    token = parser.add_mutually_exclusive_group()
    token.add_argument(
        "--api-token",
        help="Secret token the supplier issued for this municipality (Parlaeus rid). Stored, "
        "never shown; visible to other users in the process list, so prefer --api-token-env.",
    )
    token.add_argument(
        "--api-token-env",
        metavar="NAME",
        help="Read the api token from the environment variable NAME (the safer way). An "
        "update without a token keeps the stored one.",
    )
    token.add_argument(
        "--api-token-file",
        metavar="PATH",
        help="Read the api token from the file PATH (e.g. a Docker secret, /run/secrets/...; "
        "trailing line breaks removed).",
    )


def check_base_url(source: Source, settings: Settings, resolve: bool) -> None:
    """Refuse a base URL the fetch guard would refuse (raises UnsafeURLError).

    With `resolve`, a host name is also checked on the addresses it resolves to now; a name
    that does not resolve is accepted here and checked again at every crawl.
    """
    if source.base_url is None:
        return
    check = check_url_resolved if resolve else check_url
    check(source.base_url, allow_private=settings.allow_private_networks)


def api_token(args: argparse.Namespace) -> str | None:
    """The token of `--api-token`, or read from the variable `--api-token-env` names or from
    the file `--api-token-file` names."""
    path = getattr(args, "api_token_file", None)
    if path is not None:
        return read_secret_file("--api-token-file", path)
    name = getattr(args, "api_token_env", None)
    if name is None:
        return getattr(args, "api_token", None)
    value = os.environ.get(name, "").strip()
    if not value:
        raise SourceError(f"--api-token-env: the environment variable {name} is not set or empty")
    return value


def keep_stored_token(store: Store, source: Source) -> Source:
    """An update that names no token keeps the one stored for the same key and supplier (a
    catalogue import carries no tokens and must not erase them)."""
    if source.api_token is not None:
        return source
    try:
        stored = store.get_source(source.key)
    except NotFound:
        return source
    if stored.api_token is None or stored.supplier != source.supplier:
        return source
    return source.model_copy(update={"api_token": stored.api_token})


def run_add(args: argparse.Namespace, settings: Settings) -> int:
    fields: dict[str, object] = {
        "key": args.key,
        "name": args.name,
        "supplier": args.supplier,
        "organisation_type": args.organisation_type,
        "api_token": api_token(args),
    }
    fields.update({name: getattr(args, name) for name, _ in OPTIONAL_FIELDS})
    source = build_source(**{k: v for k, v in fields.items() if v is not None})
    source.check_harvestable()
    check_base_url(source, settings, resolve=True)
    store = open_store(settings)
    try:
        source = keep_stored_token(store, source)
        new = store.upsert_source(source)
    finally:
        store.close()
    secret = "; api token stored (never shown)" if source.api_token is not None else ""
    print(f"{'added' if new else 'updated'} source {source.key} ({source.supplier.value}){secret}")
    return 0


def _documents(store: Store, key: str) -> int:
    counts = store.document_counts(key)
    return sum(n for name, n in counts.items() if name.startswith("download_"))


def run_list(args: argparse.Namespace, settings: Settings) -> int:
    store = open_store(settings)
    try:
        sources = store.list_sources()
        health = health_report(store, settings, sources)
        if args.json:
            items = []
            for source in sources:
                run = store.last_run(source.key)
                items.append(
                    {
                        **source.redacted(),
                        "health": health[source.key].model_dump(mode="json"),
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
                    _health(health[source.key]),
                    last,
                    _documents(store, source.key),
                ]
            )
    finally:
        store.close()
    if not rows:
        print("no sources registered; add one with `vindplaats sources add` or `sources import`")
        return 0
    print(table(["key", "supplier", "name", "health", "last run (UTC)", "documents"], rows))
    return 0


def _health(health: SourceHealth) -> str:
    return health.state.value.replace("_", " ")


def run_import(args: argparse.Namespace, settings: Settings) -> int:
    if args.file is not None and args.catalogue:
        raise UsageError("give a CSV file or --catalogue, not both")
    path: Path = args.file if args.file is not None else catalogue_path()
    if not path.is_file():
        raise SourceError(f"{path}: no such file")
    try:
        lines = read_catalogue_lines(path)
    except UnicodeDecodeError:
        raise SourceError(f"{path}: not a UTF-8 CSV file") from None
    sources = [source for _, source in lines]
    for line, source in lines:
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
                if store.upsert_source(keep_stored_token(store, source)):
                    added += 1
                else:
                    updated += 1
    finally:
        store.close()
    print(f"imported {path}: {added} added, {updated} updated")
    return 0


def run_unblock(args: argparse.Namespace, settings: Settings) -> int:
    store = open_store(settings)
    try:
        block = store.supplier_block(args.supplier)
        store.unblock_supplier(args.supplier)
    finally:
        store.close()
    if block is None:
        print(f"{args.supplier} is not blocked")
    else:
        until = f"{block.blocked_until:%Y-%m-%d %H:%M} UTC"
        print(f"lifted the block of {args.supplier} (it ran until {until}: {block.reason})")
    return 0


__all__ = ["register"]
