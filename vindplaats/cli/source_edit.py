"""`vindplaats sources show | update | remove`: one registered source in detail, changing some
of its settings, and removing it (with `--purge`: everything harvested from it).

`update` changes only the options given and keeps the rest (a catalogue import's metadata, the
stored api token); `--clear FIELD` empties an optional field. `remove` without `--purge` removes
only a source nothing was harvested from yet (a mistyped key); a source with records or runs is
refused, so nothing is lost by accident.
"""

from __future__ import annotations

import argparse
from typing import Any

from normalize.records import OrganizationType, Supplier
from vindplaats.cli import UsageError
from vindplaats.cli.exclusive import no_harvest_of
from vindplaats.cli.output import clean, print_json
from vindplaats.errors import SourceError
from vindplaats.leasing import source_lease
from vindplaats.operations.health import health_report
from vindplaats.settings import Settings
from vindplaats.sources import MASK, PARLAEUS_BASE, Source, build_source
from vindplaats.store import open_blobs, open_store
from vindplaats.store.base import Store

TOKEN = "api_token"


def register(sub: Any, optional_fields: tuple[tuple[str, str], ...], add_token: Any) -> None:
    """Add `show`, `update` and `remove` to the `sources` sub-commands; `optional_fields` and
    `add_token` are those of `sources add`, so both take the same options."""
    show = sub.add_parser(
        "show",
        help="everything about one source: settings, health, schedule, runs, documents",
        description="Show one registered source: its settings (the api token masked), health, "
        "harvest schedule, last run, and its records and documents by status.",
    )
    show.add_argument("key", help="Key of a registered source.")
    show.add_argument("--json", action="store_true", help="Print JSON instead of text.")
    show.set_defaults(func=run_show)

    update = sub.add_parser(
        "update",
        help="change some settings of a source, keeping the others",
        description="Change only the options given; everything else (catalogue metadata, the "
        "stored api token) is kept. `--clear FIELD` empties an optional field. The way to set "
        "a Parlaeus token: `sources update KEY --api-token-env NAME`.",
    )
    update.add_argument("key", help="Key of a registered source.")
    update.add_argument("--name", help="Organisation name.")
    update.add_argument("--supplier", choices=[s.value for s in Supplier])
    update.add_argument("--organisation-type", choices=[t.value for t in OrganizationType])
    for name, help_text in optional_fields:
        update.add_argument("--" + name.replace("_", "-"), dest=name, help=help_text)
    add_token(update)
    clearable = [name for name, _ in optional_fields] + [TOKEN]
    update.add_argument(
        "--clear",
        action="append",
        default=[],
        metavar="FIELD",
        choices=clearable,
        help=f"Empty an optional field (repeatable): {', '.join(clearable)}.",
    )
    update.set_defaults(func=run_update, optional_fields=[n for n, _ in optional_fields])

    remove = sub.add_parser(
        "remove",
        help="remove a source (with --purge: and everything harvested from it)",
        description="Remove a registered source. Without --purge only a source nothing was "
        "harvested from is removed; one with records or harvest runs is refused (exit status "
        "2) and nothing changes. With --purge its records, documents, pages and runs are "
        "removed, its documents and motions taken out of the search index, and its stored "
        "originals deleted from disk unless another document has the same content. Refused "
        "while the source is being harvested.",
    )
    remove.add_argument("key", help="Key of a registered source.")
    remove.add_argument(
        "--purge",
        action="store_true",
        help="Also remove everything harvested from the source (not undoable).",
    )
    remove.set_defaults(func=run_remove)


# -- show -------------------------------------------------------------------------------------
def run_show(args: argparse.Namespace, settings: Settings) -> int:
    store = open_store(settings)
    try:
        source = store.get_source(args.key)
        health = health_report(store, settings, [source])[source.key]
        schedule = next(s for s in store.source_schedules() if s.key == source.key)
        run = store.last_run(source.key)
        backfill = store.get_backfill(source.key)
        harvested_by = store.lease_holder(source_lease(source.key))
        records = store.count_records(source.key)
        documents = store.document_counts(source.key)
    finally:
        store.close()
    if args.json:
        print_json(
            {
                "source": source.redacted(),
                "health": health.model_dump(mode="json"),
                "schedule": schedule.model_dump(mode="json"),
                "harvest_interval_default": settings.harvest_interval,
                "being_harvested_by": harvested_by,
                "last_run": run.model_dump(mode="json") if run else None,
                "backfill": backfill.model_dump(mode="json") if backfill else None,
                "records": records,
                "documents": documents,
            }
        )
        return 0
    lines = [f"Source {source.key}: {clean(source.name)} ({source.supplier.value})"]
    for field, value in source.redacted().items():
        if field not in ("key", "name", "supplier") and value is not None:
            lines.append(f"  {field:<24} {clean(value)}")
    lines.append(f"  {'health':<24} {clean(health.summary)}")
    interval = schedule.harvest_interval
    every = f"{interval:g} s" if interval else f"{settings.harvest_interval:g} s (the default)"
    due = f"{schedule.next_due_at:%Y-%m-%d %H:%M} UTC" if schedule.next_due_at else "now"
    lines.append(f"  {'harvested every':<24} {every}; next due {due}")
    if harvested_by:
        lines.append(f"  {'being harvested by':<24} {clean(harvested_by)}")
    if run is not None:
        lines.append(
            f"  {'last run':<24} {run.id}: {run.status.value} at "
            f"{run.started_at:%Y-%m-%d %H:%M} UTC (`vindplaats runs show {run.id}`)"
        )
    else:
        lines.append(f"  {'last run':<24} never harvested")
    if backfill is not None:
        state = "finished" if backfill.finished else f"resumes at {backfill.next_from}"
        lines.append(f"  {'backfill':<24} {backfill.range_from} .. {backfill.range_until}, {state}")
    if records:
        lines.append(f"  {'records':<24} " + _counts(records))
    if documents:
        lines.append(f"  {'documents':<24} " + _counts(documents))
    print("\n".join(lines))
    return 0


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{n} {name.replace('_', ' ')}" for name, n in sorted(counts.items()))


# -- update -----------------------------------------------------------------------------------
def run_update(args: argparse.Namespace, settings: Settings) -> int:
    from vindplaats.cli.sources import api_token, check_base_url

    given: dict[str, object] = {
        name: getattr(args, name)
        for name in ("name", "supplier", "organisation_type", *args.optional_fields)
        if getattr(args, name) is not None
    }
    token = api_token(args)
    if token is not None:
        given[TOKEN] = token
    cleared = sorted(set(args.clear))
    both = sorted(set(given) & set(cleared))
    if both:
        raise UsageError(f"--clear {both[0]} and a new value for it: give one of them")
    if not given and not cleared:
        raise UsageError("nothing to change: give the options to change (see --help)")
    store = open_store(settings)
    try:
        stored = store.get_source(args.key)
        source, notes = _updated(stored, given, cleared)
        source.check_harvestable()
        if source.base_url != stored.base_url:
            check_base_url(source, settings, resolve=True)
        changed = _changed(stored, source)
        if changed:
            store.upsert_source(source)
    finally:
        store.close()
    if not changed:
        print(f"source {args.key} unchanged (it already has these settings)")
        return 0
    shown = ", ".join(f"{name} (token never shown)" if name == TOKEN else name for name in changed)
    print(f"updated source {args.key}: {shown}" + "".join(f"; {n}" for n in notes))
    return 0


def _updated(
    stored: Source, given: dict[str, object], cleared: list[str]
) -> tuple[Source, list[str]]:
    """The stored source with `given` set and `cleared` emptied, and notes on what followed."""
    data = stored.model_dump(mode="json")  # the token in clear: it is stored as it was
    notes: list[str] = []
    derived = (
        stored.supplier == Supplier.PARLAEUS
        and stored.municipality_prefix
        and stored.base_url == PARLAEUS_BASE.format(prefix=stored.municipality_prefix.lower())
    )
    if derived and "municipality_prefix" in {*given, *cleared} and "base_url" not in given:
        data["base_url"] = None  # built again from the new prefix
    other_supplier = "supplier" in given and given["supplier"] != stored.supplier.value
    if other_supplier and stored.api_token is not None and TOKEN not in given:
        data[TOKEN] = None  # it was issued by the previous supplier
        notes.append(f"the api token of {stored.supplier.value} was dropped")
    data.update(given)
    for name in cleared:
        data[name] = None
    fields = {k: v for k, v in data.items() if v is not None}
    try:
        return build_source(**fields), notes
    except SourceError as exc:
        raise SourceError(str(exc).replace(MASK, "***")) from None


def _changed(before: Source, after: Source) -> list[str]:
    old, new = before.model_dump(mode="json"), after.model_dump(mode="json")
    return [name for name in new if old.get(name) != new[name]]


# -- remove -----------------------------------------------------------------------------------
def run_remove(args: argparse.Namespace, settings: Settings) -> int:
    key: str = args.key
    store = open_store(settings)
    try:
        store.get_source(key)  # NotFound (exit 2) for an unknown key
        with no_harvest_of(settings, store, key, "remove source"):
            if not args.purge:
                store.remove_source(key)  # SourceError when it holds harvested data
                print(f"removed source {key} (nothing had been harvested from it)")
                return 0
            unindexed = _unindex(settings, store, key)
            removal = store.remove_source(key, purge=True)
        deleted, freed = _delete_originals(settings, removal.unused_sha256)
    finally:
        store.close()
    held = removal.removed
    print(
        f"removed source {key} with {held.records} records, {held.documents} documents "
        f"({held.pages} pages) and {held.runs} harvest runs; {unindexed} taken out of the "
        f"search index; {deleted} stored originals deleted ({freed / 1e6:.1f} MB)"
    )
    return 0


def _unindex(settings: Settings, store: Store, key: str) -> int:
    """Take the source's documents and motions out of the search index, before the store
    forgets them (a failure here leaves the source whole)."""
    from vindplaats.engine import open_engine
    from vindplaats.harvest.run import index_writer

    ids = [s.id for s in store.iter_document_states(key)]
    ids += [r.id for r in store.iter_records("motion", key)]
    if not ids:
        return 0
    with index_writer(settings, store):
        engine = open_engine(settings)
        try:
            engine.delete(ids)
        finally:
            engine.close()
    return len(ids)


def _delete_originals(settings: Settings, hashes: list[str]) -> tuple[int, int]:
    """Delete the originals no document uses any more; how many, and their bytes."""
    blobs = open_blobs(settings)
    deleted = freed = 0
    for sha in hashes:
        path = blobs.path(sha)
        try:
            size = path.stat().st_size
            path.unlink()
        except FileNotFoundError:
            continue
        deleted += 1
        freed += size
    return deleted, freed


__all__ = ["register"]
