"""What a taken-down record means to the places that serve it: `TakenDown`, raised where the
record itself is asked for (the API answers 410 Gone, the pages a Dutch 410 page), and
`check_shown`, the one check they call. A takedown's reason is not shown to the public."""

from __future__ import annotations

from datetime import datetime

from vindplaats.errors import NotFound
from vindplaats.store.base import Store


class TakenDown(NotFound):
    """The record is held but taken down: served nowhere (HTTP 410). A `NotFound`, so every
    place that leaves out what it cannot find leaves this out too."""

    def __init__(self, record_id: str, taken_at: datetime) -> None:
        shown = record_id if len(record_id) <= 200 else record_id[:200] + "…"
        super().__init__(
            f"{shown} was taken down on {taken_at.date().isoformat()}: it is no longer published"
        )
        self.record_id = record_id
        self.taken_at = taken_at


def check_shown(store: Store, record_id: str) -> None:
    """Raise `TakenDown` when the record is taken down now."""
    takedown = store.get_takedown(record_id)
    if takedown is not None and takedown.active:
        raise TakenDown(record_id, takedown.taken_at)


__all__ = ["TakenDown", "check_shown"]
