"""The query parameters of the event-polling draft's `GET /events` and `/events/stream`, checked
as the document declares them: enums, RFC 3339 date-times, `limit` 1..100 (default 20),
`offset` >= 0 (default 0), `sortOrder` asc|desc (default desc). A bad value is a `BadParam`
naming the parameter (answered 400 with the document's `ErrorResponse`); parameters the document
does not name are ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

from starlette.datastructures import QueryParams

from vindplaats.ori.events_feed import EVENT_TYPES, RESOURCE_TYPES, EventType, Query, ResourceType

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
_DATE_TIME = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$"
)
_INTEGER = re.compile(r"^[0-9]{1,4000}$")  # no maximum for offset; Python reads 4,300 digits


class BadParam(ValueError):
    def __init__(self, name: str, message: str) -> None:
        super().__init__(message)
        self.name = name


@dataclass(frozen=True)
class Paging:
    limit: int = DEFAULT_LIMIT
    offset: int = 0


def date_time(name: str, text: str) -> datetime:
    """An RFC 3339 date-time (a leap second read as :59), in UTC."""
    match = _DATE_TIME.match(text)
    if match is None:
        raise BadParam(name, f"{name} must be an RFC 3339 date-time, e.g. 2026-03-01T00:00:00Z")
    seconds = min(int(match.group(6)), 59)
    fraction = (match.group(7) or "")[:7]
    zone = match.group(8).upper().replace("Z", "+00:00")
    normal = f"{text[:17]}{seconds:02d}{fraction}{zone}"
    try:
        return datetime.fromisoformat(normal).astimezone(UTC)
    except (ValueError, OverflowError):
        raise BadParam(name, f"{name} is not a real date-time: {text[:40]!r}") from None


def _integer(params: QueryParams, name: str, default: int, low: int, high: int | None) -> int:
    text = params.get(name)
    if text is None:
        return default
    if not _INTEGER.match(text) or int(text) < low or (high is not None and int(text) > high):
        top = f" and {high}" if high is not None else ""
        raise BadParam(name, f"{name} must be an integer of at least {low}{top}")
    return int(text)


def _choice(params: QueryParams, name: str, allowed: tuple[str, ...]) -> str | None:
    text = params.get(name)
    if text is not None and text not in allowed:
        raise BadParam(name, f"{name} must be one of {', '.join(allowed)}")
    return text


def _instant(params: QueryParams, name: str) -> datetime | None:
    text = params.get(name)
    return None if text is None else date_time(name, text)


def event_query(params: QueryParams, *, stream: bool = False) -> Query:
    """The filters; on the stream only those the stream declares (no organisation, ascending)."""
    resource = _choice(params, "resourceType", tuple(RESOURCE_TYPES.values()))
    event = _choice(params, "eventType", EVENT_TYPES)
    since = _instant(params, "fromTimestamp")
    if stream:
        return Query(
            resource_type=_resource(resource),
            event_type=_event(event),
            from_timestamp=since,
            descending=False,
        )
    order = _choice(params, "sortOrder", ("asc", "desc"))
    return Query(
        resource_type=_resource(resource),
        event_type=_event(event),
        from_timestamp=since,
        to_timestamp=_instant(params, "toTimestamp"),
        organisation_code=params.get("organisatieCode"),
        descending=order != "asc",
    )


def _resource(value: str | None) -> ResourceType | None:
    return next((r for r in RESOURCE_TYPES.values() if r == value), None)


def _event(value: str | None) -> EventType | None:
    return next((e for e in EVENT_TYPES if e == value), None)


def paging(params: QueryParams) -> Paging:
    return Paging(
        limit=_integer(params, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT),
        offset=_integer(params, "offset", 0, 0, None),
    )


__all__ = ["BadParam", "Paging", "date_time", "event_query", "paging"]
