"""Where a document or register entry was referenced from, and which reference wins.

One document can be referenced from an agenda item, its meeting and a register entry; it is one
record (one id) carrying one context. Responses arrive in any order, so "first seen" would make
the context flip between runs. Instead every sighting is kept and the best one by a fixed rank
wins (agenda item before meeting before register-only; ties broken by ids): the same feed gives
the same record whatever the arrival order.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Generic, TypeVar

from normalize.records import Meeting

T = TypeVar("T")


@dataclass(frozen=True)
class Context:
    meeting_id: str | None = None
    agenda_item_id: str | None = None
    committee_id: str | None = None
    meeting_date: datetime | None = None
    register_entry_id: str | None = None
    register_name: str | None = None

    def rank(self) -> tuple[int, int, str, str, str, str, str, str]:
        """Lower is better: agenda item, then meeting, then register only; direct before via
        a register entry; then by ids, so ties never depend on arrival order."""
        level = 0 if self.agenda_item_id else 1 if self.meeting_id else 2
        return (
            level,
            0 if self.register_entry_id is None else 1,
            self.meeting_id or "",
            self.agenda_item_id or "",
            self.register_entry_id or "",
            self.committee_id or "",
            self.meeting_date.isoformat() if self.meeting_date else "",
            self.register_name or "",
        )

    @classmethod
    def of_meeting(cls, meeting: Meeting) -> Context:
        """The context of what a meeting lists directly."""
        return cls(meeting.id, None, meeting.committee_id, meeting.start)

    def via_item(self, item_id: str) -> Context:
        """The context of what an agenda item of this context's meeting lists."""
        return Context(self.meeting_id, item_id, self.committee_id, self.meeting_date)

    def via_entry(self, entry_id: str, register_name: str | None) -> Context:
        """The context of a document a register entry lists, the entry seen in this one."""
        return Context(
            self.meeting_id,
            self.agenda_item_id,
            self.committee_id,
            self.meeting_date,
            register_entry_id=entry_id,
            register_name=register_name,
        )

    def record_fields(self) -> dict[str, object]:
        """The fields a Document takes from its context."""
        return {
            "meeting_id": self.meeting_id,
            "agenda_item_id": self.agenda_item_id,
            "committee_id": self.committee_id,
            "meeting_date": self.meeting_date,
            "register_entry_id": self.register_entry_id,
        }


class ContextTracker(Generic[T]):
    """Sightings per key (a payload per context); reports when the best context changes."""

    def __init__(self) -> None:
        self._sightings: dict[str, dict[Context, T]] = {}
        self._emitted: dict[str, Context] = {}

    def __contains__(self, key: str) -> bool:
        return key in self._sightings

    def add(self, key: str, context: Context, payload: T) -> bool:
        """Record a sighting; True when `key` is new or its best context changed."""
        sightings = self._sightings.setdefault(key, {})
        sightings.setdefault(context, payload)
        return self.best(key)[0] != self._emitted.get(key)

    def best(self, key: str) -> tuple[Context, T]:
        sightings = self._sightings[key]
        context = min(sightings, key=Context.rank)
        return context, sightings[context]

    def emitted(self, key: str, context: Context) -> None:
        self._emitted[key] = context
