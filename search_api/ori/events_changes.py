"""The changes behind the event feed, read from the store: the latest change of every record
mini-ORI serves or served.

- A served record (`mini_reader`) was last stored with its current content at `changed_at`
  (`ori_ids`, written by the store whenever a record is inserted or its content changes; see
  `vindplaats.store.sql_ori`): a CREATE when that is when it was first stored (a document whose
  `first_seen` is that instant), else an UPDATE. The store keeps no first-stored time of a
  meeting or agenda item that the API can read, so their changes are UPDATEs.
- A withdrawn record (gone at its source) was withdrawn at `withdrawn_at`: a DELETE, whose
  resource answers 404. A record purged with its source (`sources remove --purge`) leaves no trace
  to tell, so it has no event.

The index's change log (`/api/changes`, `vindplaats.store.sql_changes`) is not the source: it
holds only what the search index holds (documents, motions), without times, so it cannot give
meetings, agenda items or a `timestamp`.

The changes of the three types are read whole (a page of 1,000 records per query); `mini_snapshot`
keeps them until the store's `ori_fingerprint` (or a source's TOOI URI) changes; an answer
renders only the records it gives.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime

from normalize.records import Record
from search_api.ori.mini_reader import MiniReader
from vindplaats.errors import NotFound
from vindplaats.ori.events_feed import RESOURCE_TYPES, Change, ResourceType
from vindplaats.ori.mini_records import organisation_code

BATCH = 1000


def _utc(value: datetime) -> datetime:
    return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)


def _live(mini: MiniReader, record_type: str) -> Iterator[tuple[Record, datetime]]:
    after = ""
    while True:
        rows = mini.svc.store.ori_records_page(record_type, after=after, limit=BATCH)
        yield from rows
        if len(rows) < BATCH:
            return
        after = rows[-1][0].id


def _first_seen(mini: MiniReader) -> dict[str, datetime]:
    return {s.id: _utc(s.first_seen) for s in mini.svc.store.iter_document_states()}


def _updates(mini: MiniReader, record_type: str) -> Iterator[Change]:
    first = _first_seen(mini) if record_type == "document" else {}
    for record, changed_at in _live(mini, record_type):
        organisatie = mini.organisatie(record.source_key)
        if organisatie is None or not mini.served(record):
            continue
        at = _utc(changed_at)
        created = first.get(record.id) == at
        yield Change(
            record_id=record.id,
            event_type="CREATE" if created else "UPDATE",
            at=at,
            url=mini.links.url(record.id),
            organisation_code=organisation_code(organisatie),
        )


def _deletes(mini: MiniReader, record_type: str) -> Iterator[Change]:
    store = mini.svc.store
    for record_id in sorted(store.withdrawn_record_ids(record_type)):
        try:
            record = store.get_record(record_id)
            at = store.withdrawn_since(record_id)
        except NotFound:
            continue
        organisatie = mini.organisatie(record.source_key)
        if at is None or organisatie is None or not mini.council(record):
            continue
        yield Change(
            record_id=record_id,
            event_type="DELETE",
            at=_utc(at),
            url=mini.links.url(record_id),
            organisation_code=organisation_code(organisatie),
        )


def all_changes(mini: MiniReader, resource_type: ResourceType | None = None) -> list[Change]:
    """The latest change of every served or withdrawn record (of one resource type)."""
    found: list[Change] = []
    for record_type, resource in RESOURCE_TYPES.items():
        if resource_type is None or resource == resource_type:
            found += _updates(mini, record_type)
            found += _deletes(mini, record_type)
    return found


def with_body(mini: MiniReader, change: Change) -> Change:
    """The change with its record's mini-ORI JSON (a DELETE, or a record gone since: none)."""
    if change.event_type == "DELETE":
        return change
    record = mini.served_record(change.record_id)
    body = mini.render(record) if record is not None else None
    if body is None:
        return replace(change, event_type="DELETE")
    return replace(change, body=body)


__all__ = ["all_changes", "with_body"]
