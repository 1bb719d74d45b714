"""`TownBuilder` and the rows it reads: how the GemeenteOplossingen and Parlaeus sample towns
(`go_towns`, `parlaeus_town`) turn their tables of meetings into the shared concepts
(`concepts`: Meeting, AgendaItem, Document) of a `go_model.Town`.

A table is a tuple of `Meet` rows (a meeting of a committee at a moment), each with its agenda
points (`Pt`) and papers (`Pa`, published a number of days from the meeting's start). `build`
walks the rows in order and numbers every sitting, point and paper from the builder's counters,
so the ids follow the order of the table.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import NamedTuple

from vindplaats.sandbox.blueprints import BLUEPRINTS
from vindplaats.sandbox.concepts import AgendaItem, Committee, Document, Meeting
from vindplaats.sandbox.dates import AFTER, BEFORE, dutch_date

RAAD = "Gemeenteraad"


class Pa(NamedTuple):
    """A paper of `blueprint` published `days` after the meeting starts (negative: before).
    `dated`: its title names the committee and the meeting's day (agendas, minutes)."""

    blueprint: str
    days: int = 0
    dated: bool = False
    doubled_host: bool = False  # Parlaeus: its link is written with the doubled host


class Pt(NamedTuple):
    """An agenda point; `sortorder` -1 numbers it after the points before it, None lists it
    with an empty sortorder (GO: not a real agenda point)."""

    number: str
    title: str
    papers: tuple[Pa, ...] = ()
    sortorder: int | None = -1
    level: int = 1
    kind: str = "Bespreekpunt"
    decision: str = ""


class Meet(NamedTuple):
    """A meeting of `committee` at `start`; `title` None: "<committee> <date>", "": none."""

    committee: str
    start: datetime
    points: tuple[Pt, ...]
    papers: tuple[Pa, ...] = ()  # on the meeting itself
    title: str | None = None
    cancelled: bool = False
    inactive: bool = False


def minutes(blueprint: str) -> Pa:
    """An agenda, decision list or minutes: published three days after the meeting."""
    return Pa(blueprint, AFTER.days, dated=True)


@dataclass
class TownBuilder:
    """Id counters and helpers that create papers, points and sittings for one town."""

    flavour: dict[str, str]
    bodies: tuple[Committee[int], ...]
    next_sitting: int
    next_point: int
    next_paper: int
    papers: dict[int, Document[int]] = field(default_factory=dict)
    sittings: list[Meeting[int]] = field(default_factory=list)

    def fill(self, template: str, **extra: str) -> str:
        return template.format(**{**self.flavour, "jaar": "2026", **extra})

    def body(self, name: str) -> Committee[int]:
        return next(b for b in self.bodies if b.name == name)

    def build(self, rows: tuple[Meet, ...], shift: int = 0) -> None:
        """Add the sittings of `rows`, each `shift` days later than written."""
        for row in rows:
            start = row.start + timedelta(days=shift)
            points = [self.point(p, row.committee, start) for p in row.points]
            papers = [self.paper(p, row.committee, start) for p in row.papers]
            self.sitting(row, start, points, papers)

    def paper(self, row: Pa, committee: str, start: datetime) -> int:
        extra = {"gremium": committee, "datum": dutch_date(start)} if row.dated else {}
        when = start + timedelta(days=row.days)
        return self.add_paper(row.blueprint, when, doubled_host=row.doubled_host, **extra)

    def add_paper(self, blueprint: str, published: datetime, *, doubled_host: bool = False,
                  **extra: str) -> int:  # fmt: skip
        """A new paper published at 09:00 on `published`'s day; returns its id."""
        bp = BLUEPRINTS[blueprint]
        paper_id, self.next_paper = self.next_paper, self.next_paper + 1
        title = self.fill(bp.title, **extra)
        self.papers[paper_id] = Document(
            id=paper_id,
            title=title,
            file_name=title.replace(":", "") + ".pdf",
            blueprint=blueprint,
            document_type=bp.type_label,
            published=published.replace(hour=9, minute=0, second=0),
            doubled_host=doubled_host,
        )
        return paper_id

    def point(self, row: Pt, committee: str, start: datetime) -> AgendaItem[int]:
        papers = [self.paper(p, committee, start) for p in row.papers]
        point_id, self.next_point = self.next_point, self.next_point + 1
        text = self.fill(row.title)
        return AgendaItem(
            id=point_id,
            number=row.number,
            title=text,
            description=f"Bespreking: {text}." if row.number else "",
            order=row.sortorder,
            level=row.level,
            kind=row.kind,
            decision=row.decision,
            documents=papers,
        )

    def sitting(
        self, row: Meet, start: datetime, points: list[AgendaItem[int]], papers: list[int]
    ) -> None:
        sitting_id, self.next_sitting = self.next_sitting, self.next_sitting + 1
        council = row.committee == RAAD or row.committee.endswith("raad")
        numbered, order = [], 0
        for point in points:
            if point.order == -1:
                order += 1
                point = replace(point, order=order)
            numbered.append(point)
        self.sittings.append(
            Meeting(
                id=sitting_id,
                committee_id=self.body(row.committee).id,
                start=start,
                end=start + (timedelta(hours=3) if council else timedelta(hours=2, minutes=30)),
                title=f"{row.committee} {dutch_date(start)}" if row.title is None else row.title,
                location=self.flavour["locatie"],
                chair=self.flavour["burgemeester"] if council else self.flavour["raadslid1"],
                secretary=self.flavour["griffier"],
                last_modified=(start - BEFORE).replace(hour=16, minute=45),
                cancelled=row.cancelled,
                inactive=row.inactive,
                items=numbered,
                documents=list(papers),
            )
        )
