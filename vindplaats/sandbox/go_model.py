"""What only the GemeenteOplossingen and Parlaeus sample towns have: a town, the towns of one
supplier (with the v2 paging modes), and what a complete harvest of one must find.

A town holds the shared concepts (`concepts`) by number: committees (GO `dmu`, Parlaeus `cie`),
sittings (`Meeting`) with agenda points (`AgendaItem`: flat for GO, nested by `level` for
Parlaeus), papers (`Document`, rendered by `go_files`) and members (`Person`). Plain,
comparable dataclasses built deterministically from tables (`go_towns`, `parlaeus_town`, read by
`town_builder`); they know nothing of HTTP: the GO and Parlaeus plug-ins render them in their
own wire formats.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from vindplaats.sandbox.concepts import AgendaItem, Committee, Document, Meeting, Person, by_key
from vindplaats.sandbox.dates import DATE_FROM, DATE_UNTIL


@dataclass
class Town:
    key: str
    name: str
    supplier: str  # "gemeenteoplossingen" or "parlaeus"
    flavour: dict[str, str]  # the town's people and places (`places.FLAVOURS`)
    bodies: tuple[Committee[int], ...]  # GO `dmu`, Parlaeus `cie`
    sittings: tuple[Meeting[int], ...]
    papers: dict[int, Document[int]]
    loose: tuple[int, ...] = ()  # papers on no agenda (GO `/documents`)
    members: tuple[Person[int], ...] = ()
    api_version: str | None = None  # GO: "v1" or "v2"
    token: str | None = None  # Parlaeus: the `rid` this town accepts

    def sitting(self, sitting_id: int) -> Meeting[int] | None:
        return next((s for s in self.sittings if s.id == sitting_id), None)

    def paper(self, paper_id: int) -> Document[int] | None:
        return self.papers.get(paper_id)


@dataclass(frozen=True)
class TownExpected:
    """The native ids a complete harvest of one town finds (every sitting is in the window)."""

    source_key: str
    committee_ids: frozenset[int]
    meeting_ids: frozenset[int]  # every sitting that is not inactive
    inactive_meeting_ids: frozenset[int]
    cancelled_meeting_ids: frozenset[int]
    agenda_item_ids: frozenset[int]  # the real agenda points of the harvested meetings
    non_agenda_item_ids: frozenset[int]  # GO items with an empty sortorder
    parents: dict[int, int]  # agenda point → its parent point (nested Parlaeus agendas)
    meeting_document_ids: frozenset[int]  # on a meeting, or on one of its non-agenda items
    agenda_item_document_ids: frozenset[int]
    loose_document_ids: frozenset[int]  # on no agenda (GO `/documents`)
    document_ids: frozenset[int]
    doubled_host_document_ids: frozenset[int]
    person_ids: frozenset[int]


def compute_expected(town: Town) -> TownExpected:
    harvested = [s for s in town.sittings if not s.inactive]
    points = [p for s in harvested for p in s.items]
    real = [p for p in points if p.order is not None]
    meeting_docs = {d for s in harvested for d in s.documents} | {
        d for p in points if p.order is None for d in p.documents
    }
    item_docs = {d for p in real for d in p.documents}
    loose = set(town.loose) - meeting_docs - item_docs
    documents = meeting_docs | item_docs | loose
    return TownExpected(
        source_key=town.key,
        committee_ids=frozenset(b.id for b in town.bodies),
        meeting_ids=frozenset(s.id for s in harvested),
        inactive_meeting_ids=frozenset(s.id for s in town.sittings if s.inactive),
        cancelled_meeting_ids=frozenset(s.id for s in harvested if s.cancelled),
        agenda_item_ids=frozenset(p.id for p in real),
        non_agenda_item_ids=frozenset(p.id for p in points if p.order is None),
        parents=_parents(harvested),
        meeting_document_ids=frozenset(meeting_docs),
        agenda_item_document_ids=frozenset(item_docs),
        loose_document_ids=frozenset(loose),
        document_ids=frozenset(documents),
        doubled_host_document_ids=frozenset(d for d in documents if town.papers[d].doubled_host),
        person_ids=frozenset(m.id for m in town.members),
    )


def _parents(sittings: list[Meeting[int]]) -> dict[int, int]:
    parents: dict[int, int] = {}
    for sitting in sittings:
        open_points: list[AgendaItem[int]] = []
        for point in sitting.items:
            while open_points and open_points[-1].level >= point.level:
                open_points.pop()
            if open_points:
                parents[point.id] = open_points[-1].id
            open_points.append(point)
    return parents


# The ways a v2 installation may treat `limit`/`offset` (the sandbox's paging modes): "capped"
# (at most PAGE_SIZE meetings whatever `limit` asks, with totalCount), "ignore_offset" (every
# answer is the first page), "whole_list" (every answer is the whole list), "no_total" (capped
# pages without totalCount), "total_low"/"total_high" (capped pages announcing 3 fewer / 5 more
# meetings than there are), "error_after_first" (pages after the first answer HTTP 200 with an
# envelope reporting an error and no result).
PAGING = (
    "capped",
    "ignore_offset",
    "whole_list",
    "no_total",
    "total_low",
    "total_high",
    "error_after_first",
)


@dataclass
class Towns:
    """The sample towns of one supplier, with lookups and expectations."""

    towns: list[Town] = field(default_factory=list)
    date_from: date = DATE_FROM  # every meeting starts on or after this day
    date_until: date = DATE_UNTIL  # ... and on or before this day
    # How a v2 town's meeting list pages, by source key (absent: "capped"); see PAGING.
    paging: dict[str, str] = field(default_factory=dict)

    @property
    def source_keys(self) -> list[str]:
        return [t.key for t in self.towns]

    def town(self, key: str) -> Town:
        return by_key(self.towns, key, "sample town")

    def find(self, key: str) -> Town | None:
        """The town `key`, or None when there is none."""
        return next((t for t in self.towns if t.key == key), None)

    def expected(self, key: str) -> TownExpected:
        return compute_expected(self.town(key))
