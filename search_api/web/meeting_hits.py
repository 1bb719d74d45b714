"""The hits of a query within one meeting, for the meeting page's `?q=`.

The engine filters by source, not by meeting, so the query runs over the meeting's source and
keeps the hits that are records of this meeting (documents and motions shown on the page, or
indexed with this meeting's id). The scan is bounded: at most `MAX_SCANNED` hits of the source
are read (best first), and it stops as soon as every record of the page has been seen.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from search_api.services import Services
from vindplaats.engine.base import MAX_PAGE_SIZE, Filters, Hit, SearchQuery

MAX_SCANNED = 2000


@dataclass
class MeetingHits:
    """The query's hits among a meeting's records, by record id."""

    q: str
    hits: dict[str, Hit] = field(default_factory=dict)
    scanned: int = 0
    bounded: bool = False  # the scan stopped at MAX_SCANNED with hits of the source left

    def get(self, record_id: str) -> Hit | None:
        return self.hits.get(record_id)

    def __len__(self) -> int:
        return len(self.hits)


def meeting_hits(
    svc: Services, q: str, source_key: str, meeting_id: str, record_ids: Collection[str]
) -> MeetingHits:
    """The hits of `q` among the meeting's `record_ids` (and records indexed with its id)."""
    found = MeetingHits(q=q)
    if not q.strip():
        return found
    cursor: str | None = None
    while True:
        query = SearchQuery(
            q=q,
            filters=Filters(source_key=[source_key]),
            size=MAX_PAGE_SIZE,
            cursor=cursor,
            facets=False,
            pages_per_hit=1,
        )
        result = svc.engine.search(query)
        for hit in result.hits:
            if hit.id in record_ids or hit.meeting_id == meeting_id:
                found.hits[hit.id] = hit
        found.scanned += len(result.hits)
        cursor = result.next_cursor
        if cursor is None or not result.hits or set(record_ids) <= found.hits.keys():
            return found
        if found.scanned >= MAX_SCANNED:
            found.bounded = True
            return found
