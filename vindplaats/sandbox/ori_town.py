"""The ORI sample municipality, Kreekmond, written as tables of rows: its parties, persons and
their memberships, a council season of meetings with agenda trees, documents (a PDF file per
document, one given inline as `inhoud`, one with only a web page), motions with their votes per
person and per party, and who submitted them.

`ori_records.build` renders these rows as ORI API 2.0.0-beta.4 records. Kreekmond is sample data:
its organisation code is `0390` (TOOI `gm0390`, a municipality since merged into another, so no
living council is impersonated).

Edge cases an ORI harvester must handle: sub-items (`hoofdagendapunt`), a cancelled meeting, a
document without `link` whose text is inline (`inhoud`), a document with neither (web page only),
a hoofdelijke stemming (votes per person) and a reguliere one (results per party only).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

GEMEENTECODE = "0390"
GEMEENTENAAM = "Kreekmond"
PUBLISHER = "kreekmond"


@dataclass(frozen=True)
class Party:
    key: str
    name: str


@dataclass(frozen=True)
class Member:
    key: str
    initials: str
    infix: str
    surname: str
    function: str  # Functie enum
    gender: str  # Geslacht enum
    party: str = ""  # Party.key; "" for none
    leader: bool = False  # fractievoorzitter


@dataclass(frozen=True)
class Sitting:
    key: str
    name: str
    kind: str  # VergaderingsType enum
    body: tuple[str, str]  # gremiumidentificatie, gremiumnaam
    start: datetime
    hours: int
    status: str  # VergaderingStatus enum
    location: str = "Raadhuis Kreekmond, raadzaal"


@dataclass(frozen=True)
class Item:
    key: str
    sitting: str
    number: str
    title: str
    parent: str = ""  # the key of its hoofdagendapunt
    hammer: bool = False


@dataclass(frozen=True)
class Paper:
    key: str
    item: str  # the agenda item it belongs to
    title: str
    kind: str  # Informatieobjecttype enum
    created: str  # yyyy-mm-dd
    carrier: str = "link"  # "link": a PDF file; "inhoud": text inline; "page": a web page only
    pages: int = 1


@dataclass(frozen=True)
class Poll:
    key: str
    item: str
    paper: str  # the motion or proposal voted on
    kind: str  # StemmingsType enum
    outcome: str  # besluitresultaat
    against: tuple[str, ...]  # the parties voting against; everyone else present votes for
    submitters: tuple[str, ...] = ()  # Member keys


PARTIES = (
    Party("kb", "Kreekmonds Belang"),
    Party("glpvda", "GroenLinks-PvdA"),
    Party("vvd", "VVD"),
    Party("cda", "CDA"),
)
MEMBERS = (
    Member("dewit", "A.", "de", "Wit", "burgemeester", "vrouw"),
    Member("smit", "M.", "", "Smit", "griffier", "man"),
    Member("bakker", "J.", "", "Bakker", "raadslid", "man", "kb", leader=True),
    Member("yilmaz", "S.", "", "Yilmaz", "raadslid", "vrouw", "kb"),
    Member("devries", "P.", "de", "Vries", "raadslid", "vrouw", "glpvda", leader=True),
    Member("jansen", "K.", "", "Jansen", "raadslid", "man", "glpvda"),
    Member("mulder", "E.", "", "Mulder", "raadslid", "vrouw", "vvd", leader=True),
    Member("vandijk", "R.", "van", "Dijk", "raadslid", "man", "cda", leader=True),
)
RAAD = ("RAAD", "Gemeenteraad")
RUIMTE = ("CRW", "Commissie Ruimte en Wonen")
SAMENLEVING = ("CSL", "Commissie Samenleving")
SITTINGS = (
    Sitting("crw-okt", "Commissie Ruimte en Wonen", "commissievergadering", RUIMTE,
            datetime(2025, 10, 6, 19, 30), 3, "gehouden"),
    Sitting("raad-okt", "Raadsvergadering", "raadsvergadering", RAAD,
            datetime(2025, 10, 30, 20, 0), 4, "gehouden"),
    Sitting("csl-nov", "Commissie Samenleving", "commissievergadering", SAMENLEVING,
            datetime(2025, 11, 17, 19, 30), 2, "geannuleerd"),
    Sitting("raad-jan", "Raadsvergadering", "raadsvergadering", RAAD,
            datetime(2026, 1, 29, 20, 0), 4, "gehouden"),
    Sitting("raad-dec", "Raadsvergadering", "raadsvergadering", RAAD,
            datetime(2026, 12, 10, 20, 0), 4, "gepland"),
)  # fmt: skip
ITEMS = (
    Item("crw-1", "crw-okt", "1", "Opening en vaststelling agenda"),
    Item("crw-2", "crw-okt", "2", "Bestemmingsplan Kreekoever"),
    Item("crw-2a", "crw-okt", "2a", "Zienswijzen", parent="crw-2"),
    Item("crw-3", "crw-okt", "3", "Rondvraag"),
    Item("raad-1", "raad-okt", "1", "Opening"),
    Item("raad-2", "raad-okt", "2", "Hamerstukken", hammer=True),
    Item("raad-2.1", "raad-okt", "2.1", "Vaststelling bestemmingsplan Kreekoever",
         parent="raad-2", hammer=True),
    Item("raad-3", "raad-okt", "3", "Programmabegroting 2026"),
    Item("raad-3.1", "raad-okt", "3.1", "Motie zwemles voor ieder kind", parent="raad-3"),
    Item("raad-3.2", "raad-okt", "3.2", "Amendement behoud buurthuizen", parent="raad-3"),
    Item("raad-4", "raad-okt", "4", "Sluiting"),
    Item("csl-1", "csl-nov", "1", "Opening"),
    Item("csl-2", "csl-nov", "2", "Wachttijden in de jeugdzorg"),
    Item("jan-1", "raad-jan", "1", "Opening"),
    Item("jan-2", "raad-jan", "2", "Verordening parkeren 2026"),
    Item("jan-3", "raad-jan", "3", "Ingekomen stukken"),
    Item("dec-1", "raad-dec", "1", "Opening"),
    Item("dec-2", "raad-dec", "2", "Kadernota 2027"),
)  # fmt: skip
PAPERS = (
    Paper("agenda-crw", "crw-1", "Agenda Commissie Ruimte en Wonen 6 oktober 2025",
          "besluitvormingsstuk", "2025-09-26"),
    Paper("voorstel-kreekoever", "crw-2", "Raadsvoorstel bestemmingsplan Kreekoever", "voorstel",
          "2025-09-26", pages=2),
    Paper("zienswijzen", "crw-2a", "Nota van zienswijzen Kreekoever", "besluitvormingsstuk",
          "2025-09-26"),
    Paper("besluit-kreekoever", "raad-2.1", "Raadsbesluit bestemmingsplan Kreekoever",
          "besluitvormingsstuk", "2025-10-31"),
    Paper("begroting", "raad-3", "Programmabegroting 2026", "voorstel", "2025-10-20", pages=3),
    Paper("motie-zwemles", "raad-3.1", "Motie zwemles voor ieder kind", "motie", "2025-10-30"),
    Paper("amendement-buurthuizen", "raad-3.2", "Amendement behoud buurthuizen", "amendement",
          "2025-10-30"),
    Paper("notulen-okt", "raad-4", "Notulen raadsvergadering 30 oktober 2025",
          "besluitvormingsstuk", "2025-11-03", carrier="inhoud"),
    Paper("jeugdzorg", "csl-2", "Raadsinformatiebrief wachttijden jeugdzorg", "mededeling",
          "2025-11-07"),
    Paper("voorstel-parkeren", "jan-2", "Raadsvoorstel verordening parkeren 2026", "voorstel",
          "2026-01-19"),
    Paper("brief-inwoner", "jan-3", "Brief van een inwoner over de kreekbrug", "ingekomen_stuk",
          "2026-01-12", carrier="page"),
    Paper("kadernota", "dec-2", "Kadernota 2027", "voorstel", "2026-11-30", pages=2),
)  # fmt: skip
POLLS = (
    Poll("stem-zwemles", "raad-3.1", "motie-zwemles", "hoofdelijk", "aangenomen", ("vvd",),
         submitters=("devries", "vandijk")),
    Poll("stem-buurthuizen", "raad-3.2", "amendement-buurthuizen", "hoofdelijk", "verworpen",
         ("kb", "vvd"), submitters=("jansen",)),
    Poll("stem-begroting", "raad-3", "begroting", "regulier", "aangenomen", ("glpvda",)),
    Poll("stem-parkeren", "jan-2", "voorstel-parkeren", "regulier", "aangenomen", ()),
)  # fmt: skip


def party(key: str) -> Party:
    return next(p for p in PARTIES if p.key == key)


def sitting(key: str) -> Sitting:
    return next(s for s in SITTINGS if s.key == key)


def item(key: str) -> Item:
    return next(i for i in ITEMS if i.key == key)


def voters() -> tuple[Member, ...]:
    """The members who vote: the council's members of a party (all present at every vote)."""
    return tuple(m for m in MEMBERS if m.party)
