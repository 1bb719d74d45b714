"""The two GemeenteOplossingen sample towns: Duinwijk (API v1) and Polderveen (API v2), and the
`TownBuilder` both GO and Parlaeus sample towns are built with.

Both towns follow one council year (September 2025 to autumn 2026) with their own people and
places. The edge cases a GO harvester must handle: a meeting without description (named
"Vergadering - <committee> - <date>"), agenda items with an empty `sortorder` (not agenda
points; their papers belong to the meeting), a cancelled meeting, an inactive meeting (with a
paper found nowhere else, so a harvest must not have it) and papers on no agenda at all
(`/documents`). Polderveen has more meetings, so its v2 meeting list needs several pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from vindplaats.sandbox.blueprints import BLUEPRINTS
from vindplaats.sandbox.builder import dutch_date
from vindplaats.sandbox.go_model import Body, Paper, Point, Sitting, Town

BEFORE = timedelta(days=10)  # agenda papers are published ten days before the meeting
AFTER = timedelta(days=3)  # minutes and decisions three days after

DUINWIJK = {
    "gemeente": "Duinwijk", "burgemeester": "drs. M.C. de Ruiter", "griffier": "J. Koster",
    "wethouder_financien": "R. Bakker", "wethouder_ruimte": "A. Lont",
    "wethouder_jeugd": "S. Benali", "wethouder_energie": "H. Zijlstra", "wijk": "Strandwijk",
    "wijk2": "Duinzoom", "straat": "Zeeweg", "project": "Badhuiskwartier",
    "partij1": "Duinwijks Belang", "partij2": "VVD", "partij3": "GroenLinks-PvdA",
    "raadslid1": "P. Schouten", "raadslid2": "F. Amrani",
    "locatie": "Raadzaal, Raadhuisplein 2, Duinwijk",
}  # fmt: skip
POLDERVEEN = {
    "gemeente": "Polderveen", "burgemeester": "ir. G.A. Smit", "griffier": "M. de Wit",
    "wethouder_financien": "D. van Leeuwen", "wethouder_ruimte": "K. Boersma",
    "wethouder_jeugd": "E. Yildiz", "wethouder_energie": "B. Hoekman", "wijk": "Veenhoven",
    "wijk2": "Kerkbuurt", "straat": "Dorpsstraat", "project": "Polderpoort",
    "partij1": "Polderpartij", "partij2": "CDA", "partij3": "D66",
    "raadslid1": "W. Kuipers", "raadslid2": "N. El Khatib",
    "locatie": "Gemeentehuis Polderveen, Raadhuislaan 1",
}  # fmt: skip
RAAD, RUIMTE, SAMENLEVING, BEM = (
    "Gemeenteraad", "Commissie Ruimte", "Commissie Samenleving", "Commissie Bestuur en Middelen"
)  # fmt: skip


@dataclass
class TownBuilder:
    """Id counters and helpers that create papers, points and sittings for one town."""

    flavour: dict[str, str]
    bodies: tuple[Body, ...]
    next_sitting: int
    next_point: int
    next_paper: int
    papers: dict[int, Paper] = field(default_factory=dict)
    sittings: list[Sitting] = field(default_factory=list)

    def fill(self, template: str, **extra: str) -> str:
        return template.format(**{**self.flavour, "jaar": "2026", **extra})

    def body(self, name: str) -> Body:
        return next(b for b in self.bodies if b.name == name)

    def paper(self, blueprint: str, published: datetime, *, doubled_host: bool = False,
              **extra: str) -> int:  # fmt: skip
        """A new paper published at 09:00 on `published`'s day; returns its id."""
        bp = BLUEPRINTS[blueprint]
        paper_id, self.next_paper = self.next_paper, self.next_paper + 1
        title = self.fill(bp.title, **extra)
        self.papers[paper_id] = Paper(
            id=paper_id,
            title=title,
            file_name=title.replace(":", "") + ".pdf",
            blueprint=blueprint,
            document_type=bp.type_label,
            published=published.replace(hour=9, minute=0, second=0),
            doubled_host=doubled_host,
        )
        return paper_id

    def minutes(self, blueprint: str, committee: str, start: datetime) -> int:
        return self.paper(blueprint, start + AFTER, gremium=committee, datum=dutch_date(start))

    def point(self, number: str, title: str, *papers: int, sortorder: int | None = -1,
              level: int = 1, kind: str = "Bespreekpunt", decision: str = "") -> Point:  # fmt: skip
        """An agenda point; `sortorder` -1 (default) numbers it after the points before it."""
        point_id, self.next_point = self.next_point, self.next_point + 1
        text = self.fill(title)
        return Point(
            id=point_id,
            number=number,
            title=text,
            text=f"Bespreking: {text}." if number else "",
            sortorder=sortorder,
            level=level,
            kind=kind,
            decision=decision,
            papers=papers,
        )

    def sitting(self, committee: str, start: datetime, points: list[Point], *papers: int,
                title: str | None = None, cancelled: bool = False,
                inactive: bool = False) -> Sitting:  # fmt: skip
        sitting_id, self.next_sitting = self.next_sitting, self.next_sitting + 1
        council = committee == RAAD or committee.endswith("raad")
        numbered, order = [], 0
        for point in points:
            if point.sortorder == -1:
                order += 1
                point = replace(point, sortorder=order)
            numbered.append(point)
        sitting = Sitting(
            id=sitting_id,
            committee_id=self.body(committee).id,
            start=start,
            end=start + (timedelta(hours=3) if council else timedelta(hours=2, minutes=30)),
            title=f"{committee} {dutch_date(start)}" if title is None else title,
            location=self.flavour["locatie"],
            chair=self.flavour["burgemeester"] if council else self.flavour["raadslid1"],
            secretary=self.flavour["griffier"],
            last_change=(start - BEFORE).replace(hour=16, minute=45),
            cancelled=cancelled,
            inactive=inactive,
            points=tuple(numbered),
            papers=papers,
        )
        self.sittings.append(sitting)
        return sitting


def _go_year(b: TownBuilder, shift: int, longer: bool) -> tuple[int, ...]:
    """The meetings of one GO town; returns the ids of its papers on no agenda."""

    def at(day: datetime) -> datetime:
        return day + timedelta(days=shift)

    s1 = at(datetime(2025, 9, 15, 19, 30))
    b.sitting(RUIMTE, s1, [
        b.point("1", "Opening"),
        b.point("2", "Vaststelling van de agenda"),
        b.point("3", "Bestemmingsplan {project}",
                b.paper("raadsvoorstel_bestemmingsplan", s1 - BEFORE),
                b.paper("natuurtoets", s1 - BEFORE), b.paper("kaart", s1 - BEFORE)),
        b.point("4", "Rondvraag"),
        b.point("", "Bijlagen bij de agenda", b.paper("brief_verkeer", s1 - BEFORE),
                sortorder=None),
    ], b.minutes("agenda", RUIMTE, s1), title="")  # fmt: skip
    s2 = at(datetime(2025, 10, 2, 20, 0))
    b.sitting(RAAD, s2, [
        b.point("1", "Opening en mededelingen"),
        b.point("2", "Vaststelling bestemmingsplan {project}",
                b.paper("raadsbesluit_bestemmingsplan", s2 + AFTER)),
        b.point("3", "Sluiting"),
    ], b.minutes("besluitenlijst", RAAD, s2))  # fmt: skip
    s3 = at(datetime(2025, 10, 20, 19, 30))
    b.sitting(SAMENLEVING, s3, [
        b.point("1", "Opening"),
        b.point("2", "Wachttijden in de jeugdzorg"),
    ], b.minutes("agenda", SAMENLEVING, s3), cancelled=True)  # fmt: skip
    s4 = at(datetime(2025, 11, 6, 20, 0))
    b.sitting(RAAD, s4, [
        b.point("1", "Opening"),
        b.point("2", "Programmabegroting 2026",
                b.paper("raadsvoorstel_begroting", s4 - BEFORE), b.paper("begroting", s4 - BEFORE)),
        b.point("2a", "Amendementen en moties bij de begroting",
                b.paper("amendement_buurthuizen", s4), b.paper("motie_vreemd_zwemles", s4)),
        b.point("", "Ingekomen stukken (ter kennisname)",
                b.paper("raadsbesluit_begroting", s4 + AFTER), sortorder=None),
        b.point("3", "Sluiting"),
    ], b.minutes("notulen", RAAD, s4), title="")  # fmt: skip
    s5 = at(datetime(2026, 1, 19, 19, 30))
    b.sitting(BEM, s5, [
        b.point("1", "Opening"),
        b.point("2", "Kadernota 2027", b.paper("kadernota", s5 - BEFORE)),
    ], inactive=True)  # fmt: skip
    s6 = at(datetime(2026, 3, 12, 20, 0))
    b.sitting(RAAD, s6, [
        b.point("1", "Opening"),
        b.point("2", "Jaarstukken 2025", b.paper("jaarrekening", s6 - BEFORE)),
        b.point("3", "Woningbouwprogramma", b.paper("presentatie", s6)),
        b.point("4", "Sluiting"),
    ], b.minutes("besluitenlijst", RAAD, s6))  # fmt: skip
    s7 = at(datetime(2026, 6, 8, 19, 30))
    b.sitting(RUIMTE, s7, [
        b.point("1", "Opening"),
        b.point("2", "Woningbouw voor starters", b.paper("vragen_woningbouw", s7 - BEFORE)),
        b.point("3", "Werkbezoek {wijk}", b.paper("verslag_werkbezoek", s7 - BEFORE)),
    ])  # fmt: skip
    if longer:
        for month, committee in ((9, SAMENLEVING), (10, RAAD), (11, RUIMTE)):
            start = at(datetime(2026, month, 10, 19, 30))
            b.sitting(committee, start, [
                b.point("1", "Opening"),
                b.point("2", "Warmtetransitie in {wijk}",
                        b.paper("vragen_energietransitie", start - BEFORE)),
                b.point("3", "Sluiting"),
            ], b.minutes("agenda", committee, start))  # fmt: skip
    return (
        b.paper("collegebrief_energie", at(datetime(2025, 10, 10))),
        b.paper("raadsinformatiebrief_jeugd", at(datetime(2026, 2, 2))),
        b.paper("vragen_jeugdzorg", at(datetime(2026, 4, 1))),
        b.paper("antwoord_jeugdzorg", at(datetime(2026, 4, 20))),
    )


def _bodies(first: int, prefix: str) -> tuple[Body, ...]:
    names = ((RAAD, "RAAD"), (RUIMTE, "RUI"), (SAMENLEVING, "SAM"), (BEM, "BEM"))
    return tuple(Body(first + i, name, f"{prefix}{code}") for i, (name, code) in enumerate(names))


def build_go_towns() -> list[Town]:
    towns = []
    for key, name, flavour, version, number, shift, longer in (
        ("duinwijk-go", "Duinwijk", DUINWIJK, "v1", 1, 0, False),
        ("polderveen-go", "Polderveen", POLDERVEEN, "v2", 2, 2, True),
    ):
        builder = TownBuilder(
            flavour=flavour,
            bodies=_bodies(number * 10 + 1, ""),
            next_sitting=4000 + number * 100 + 1,
            next_point=52000 + number * 100 + 1,
            next_paper=880000 + number * 1000 + 1,
        )
        loose = _go_year(builder, shift, longer)
        towns.append(
            Town(
                key=key,
                name=name,
                supplier="gemeenteoplossingen",
                flavour=flavour,
                bodies=builder.bodies,
                sittings=tuple(builder.sittings),
                papers=builder.papers,
                loose=loose,
                api_version=version,
            )
        )
    return towns
