"""The event-polling draft's `StoredEvent`s of Vindplaats' record changes; no I/O.

A change (`Change`) is the latest change of one record served by mini-ORI: it was stored with
this content (CREATE: first stored so, UPDATE: stored before with other content) or withdrawn at
its source (DELETE), at `at` by the store's clock. `stored_event` writes it as the draft's
`StoredEvent`: a stable `eventId` (a version-5 UUID of the record id and the change's instant, so
the same change always has the same id and a later change of the record a new one), `timestamp`,
`storedAt` and `processedAt` the change's instant (Vindplaats stores a change as it processes
it), `processingStatus` PROCESSED, `resourceUrl` and `resourcePid` the mini-ORI record's URL,
and `data` as the draft asks:

- CREATE and UPDATE: the record without `pid` (`VergaderingZonderPid`, `AgendapuntZonderPid`,
  `InformatieObjectZonderPid`). The draft says "Voor UPDATE: volledige object met PID", but
  `data` is a `oneOf` whose fourth member is any object with a `pid`: a full object with its
  `pid` matches two members and is invalid, so an UPDATE carries the object without it too, and
  the PID in `resourcePid`;
- DELETE: `{"pid": <the record's URL>}`.

`select` filters (`Query`) and orders the changes by time (then id), as `GET /events` reads them.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

EventType = Literal["CREATE", "UPDATE", "DELETE"]
ResourceType = Literal["Agendapunt", "Informatieobject", "Vergadering"]
EVENT_TYPES: tuple[EventType, ...] = ("CREATE", "UPDATE", "DELETE")
RESOURCE_TYPES: dict[str, ResourceType] = {
    "meeting": "Vergadering",
    "agenda_item": "Agendapunt",
    "document": "Informatieobject",
}
# the namespace of event ids; never changes (it would change every published event id)
EVENT_NAMESPACE = uuid.UUID("b2f6a0d4-3c1e-5f7a-8e29-6d4c0b1a9e53")
SOURCE = "Vindplaats"
_REASONS = {
    "UPDATE": "De inhoud is bij de bron gewijzigd.",
    "DELETE": "Bij de bron ingetrokken.",
}


@dataclass(frozen=True)
class Change:
    """The latest change of a served record; `body` its mini-ORI record (None: withdrawn)."""

    record_id: str
    event_type: EventType
    at: datetime
    url: str
    organisation_code: str
    body: dict[str, Any] | None = None

    @property
    def resource_type(self) -> ResourceType:
        return RESOURCE_TYPES[self.record_id.split(":", 1)[0]]

    @property
    def event_id(self) -> str:
        return event_id(self.record_id, self.at)


@dataclass(frozen=True)
class Query:
    """The filters of `GET /events`; None: not given."""

    resource_type: ResourceType | None = None
    event_type: EventType | None = None
    from_timestamp: datetime | None = None
    to_timestamp: datetime | None = None
    organisation_code: str | None = None
    descending: bool = True

    def admits(self, change: Change) -> bool:
        code = self.organisation_code
        return (
            (self.resource_type is None or change.resource_type == self.resource_type)
            and (self.event_type is None or change.event_type == self.event_type)
            and (self.from_timestamp is None or change.at >= self.from_timestamp)
            and (self.to_timestamp is None or change.at <= self.to_timestamp)
            and (code is None or change.organisation_code.casefold() == code.casefold())
        )


def event_id(record_id: str, at: datetime) -> str:
    """The UUID of the change of `record_id` at `at` (the same change: the same id)."""
    return str(uuid.uuid5(EVENT_NAMESPACE, f"{record_id}\x1f{instant(at)}"))


def instant(value: datetime) -> str:
    """An RFC 3339 date-time in UTC with a `Z`."""
    return value.isoformat().replace("+00:00", "Z")


def select(changes: Iterable[Change], query: Query) -> list[Change]:
    """The changes the query admits, by time (newest first when `descending`), then event id."""
    chosen = sorted(
        (change for change in changes if query.admits(change)),
        key=lambda change: (change.at, change.event_id),
    )
    return chosen[::-1] if query.descending else chosen


def event_data(change: Change) -> dict[str, Any]:
    if change.event_type == "DELETE" or change.body is None:
        return {"pid": change.url}
    return {key: value for key, value in change.body.items() if key != "pid"}


def stored_event(change: Change) -> dict[str, Any]:
    """The change as the draft's `StoredEvent`."""
    at = instant(change.at)
    metadata: dict[str, Any] = {"source": SOURCE}
    if change.event_type in _REASONS:
        metadata["reason"] = _REASONS[change.event_type]
    event: dict[str, Any] = {
        "eventId": change.event_id,
        "eventType": change.event_type,
        "resourceType": change.resource_type,
        "timestamp": at,
        "resourceUrl": change.url,
        "data": event_data(change),
        "metadata": metadata,
        "storedAt": at,
        "processingStatus": "PROCESSED",
        "processedAt": at,
    }
    if change.event_type != "DELETE":
        event["resourcePid"] = change.url
    return event


__all__ = [
    "EVENT_TYPES",
    "RESOURCE_TYPES",
    "Change",
    "EventType",
    "Query",
    "ResourceType",
    "event_data",
    "event_id",
    "instant",
    "select",
    "stored_event",
]
