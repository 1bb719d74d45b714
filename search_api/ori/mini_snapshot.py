"""What `/ori/mini/v1/` serves at one state of the store, kept per app until that state changes.

A `Snapshot` holds the latest change of every served or withdrawn record (`events_changes`: the
event feed) and, per record type, the ids of the served records in id order (the pages of the
three collections). It is read again only when the store's `ori_fingerprint` (a record stored,
changed, withdrawn or purged, a file downloaded), a source's TOOI URI or the base URL changed,
so a walk through the pages or a poll of the feed that finds nothing new reads no record list.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from starlette.requests import Request

from search_api.ori.events_changes import all_changes
from search_api.ori.mini_reader import MiniReader
from vindplaats.ori.events_feed import Change

_LOCK = threading.Lock()
_STATE = "ori_mini_snapshot"


@dataclass(frozen=True)
class Snapshot:
    key: tuple[object, ...]
    changes: tuple[Change, ...]
    served_ids: dict[str, list[str]] = field(default_factory=dict)


def _key(mini: MiniReader) -> tuple[object, ...]:
    store = mini.svc.store
    sources = tuple((source.key, source.tooi_uri) for source in store.list_sources())
    return (store.ori_fingerprint(), sources, mini.links.base)


def _build(mini: MiniReader, key: tuple[object, ...]) -> Snapshot:
    changes = tuple(all_changes(mini))
    served: dict[str, list[str]] = {}
    for change in changes:
        if change.event_type != "DELETE":
            served.setdefault(change.record_id.split(":", 1)[0], []).append(change.record_id)
    return Snapshot(key, changes, {kind: sorted(ids) for kind, ids in served.items()})


def snapshot(request: Request, mini: MiniReader) -> Snapshot:
    """The snapshot of the store's current state (read again when it changed)."""
    key = _key(mini)
    with _LOCK:
        held: Snapshot | None = getattr(request.app.state, _STATE, None)
    if held is not None and held.key == key:
        return held
    fresh = _build(mini, key)
    with _LOCK:
        setattr(request.app.state, _STATE, fresh)
    return fresh


__all__ = ["Snapshot", "snapshot"]
