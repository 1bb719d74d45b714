"""The sample council year (September 2025 to December 2026) that every NotuBiz sample
municipality follows, as a table (`YEAR`): which meetings there are, their agenda trees, and
which documents and register items hang where. `build_municipalities` reads it.

Every municipality has its own people and places (`places.FLAVOURS`); Zandaam and Oosterproef
leave a few meetings and documents out so the three worlds differ. All special files (scanned,
corrupt, empty, missing, the `httphttp` quirk, the page-3 word) live in Voorbeeldstad, so
harvesting that one source exercises every edge case. Since 2025 most documents live in
registers (module items). Ids are numbered in the order of the table (`builder.Counters`).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import NamedTuple

from vindplaats.sandbox.builder import Context, Counters, Node, document, meeting, register_item
from vindplaats.sandbox.concepts import Committee, FileKind, ModuleRef, Register, RegisterEntry
from vindplaats.sandbox.dates import dutch_date
from vindplaats.sandbox.model import Municipality
from vindplaats.sandbox.motions import MOTION_REGISTER, MOTION_TOWN, motion_items
from vindplaats.sandbox.places import FLAVOURS

RAAD = "Gemeenteraad"
RUIMTE = "Commissie Ruimte"
BEM = "Commissie Bestuur en Middelen"
SOCIAAL = "Commissie Sociaal Domein"
GREMIA = (RAAD, RUIMTE, BEM, SOCIAAL)
# module id (per kind, the same in every organisation), NotuBiz's name, item type
REGISTERS = (
    (1, "Ingekomen stukken", "ingekomen_stuk"),
    (19, "Raadsvoorstellen", "raadsvoorstel"),
    (4, "Schriftelijke vragen", "schriftelijke_vraag"),
    (3, "Toezeggingen", "toezegging"),
)
ATTRIBUTE_LABELS = ("Titel", "Omschrijving", "Locatie", "Voorzitter")
# key, name, organisation id, attribute ids (in ATTRIBUTE_LABELS order), day offset, left out
MUNICIPALITIES = (
    ("voorbeeldstad", "Voorbeeldstad", 9001, (1, 3, 50, 76), 0, frozenset[str]()),
    ("zandaam", "Zandaam", 9002, (2101, 2103, 2150, 2176), 1,
     frozenset({"M8", "M10", "motie_vreemd_zwemles", "raadsinformatiebrief_jeugd", "notulen",
                "antwoord_jeugdzorg", "jaarrekening"})),
    ("oosterproef", "Oosterproef", 9003, (3301, 3303, 3350, 3376), 2,
     frozenset({"M8", "M10", "amendement_buurthuizen", "vragen_woningbouw", "kadernota",
                "besluitenlijst"})),
)  # fmt: skip


class Doc(NamedTuple):
    """A document of `blueprint`, published `days` from its meeting's start. `special` "only":
    made in the special municipality only; "there": its `kind` and `quirk_url` apply there
    only (elsewhere it is a plain PDF). `dated`: its title names the gremium and the day."""

    name: str  # how the rows below refer to it
    blueprint: str
    days: int = 0
    kind: FileKind = FileKind.PDF
    special: str = ""
    dated: bool = False
    quirk_url: bool = False
    unique_word_page: int | None = None


class Entry(NamedTuple):
    """A register item of `item_type`, dated `days` from its meeting's start; `values` are its
    extra attributes (label, text), placeholders filled from the municipality's flavour."""

    name: str
    item_type: str
    title: str
    days: int
    main: str  # the "Hoofddocument": a Doc name
    attachments: tuple[str, ...] = ()
    values: tuple[tuple[str, str], ...] = ()


class Point(NamedTuple):
    """An agenda item: `prefix` "#3" is a heading (label). `docs` and `refs` name Docs and
    Entries; a Doc name written "*name" is linked in the special municipality only."""

    prefix: str
    title: str
    docs: tuple[str, ...] = ()
    refs: tuple[str, ...] = ()
    kids: tuple[Point, ...] = ()


class Sitting(NamedTuple):
    """One meeting: `code` names it for the municipalities that leave it out."""

    code: str
    gremium: str
    day: tuple[int, int, int]
    docs: tuple[Doc, ...]
    entries: tuple[Entry, ...]
    agenda: tuple[Point, ...]
    documents: tuple[str, ...] = ()  # Docs linked on the meeting itself
    refs: tuple[str, ...] = ()  # Entries linked on the meeting itself
    permission_group: str = "public"
    motions: bool = False  # the motion register's items are linked on it (`motions`)


def _label(prefix: str, title: str, *kids: Point) -> Point:
    return Point("#" + prefix, title, kids=kids)


_D, _E, _P, _L, _M = Doc, Entry, Point, _label, Sitting
_FIN = (("Portefeuillehouder", "{wethouder_financien}"), ("Status", "Vastgesteld"))
_OPEN, _CLOSE3, _CLOSE4 = _P("1", "Opening"), _P("3", "Sluiting"), _P("4", "Sluiting")
# fmt: off
YEAR = (
    # M1: committee discusses the zoning plan (register item with the page-3 report).
    _M("M1", RUIMTE, (2025, 9, 10), (
        _D("rv_bp", "raadsvoorstel_bestemmingsplan", -10),
        _D("natuurtoets", "natuurtoets", -10, special="only", unique_word_page=3),
        _D("kaart", "kaart", -10, FileKind.CORRUPT, special="only"),
        _D("agenda", "agenda", -10, dated=True),
    ), (
        _E("rv_bp", "raadsvoorstel", "Vaststelling bestemmingsplan {project}", -10, "rv_bp",
           ("natuurtoets", "kaart"),
           (("Portefeuillehouder", "{wethouder_ruimte}"), ("Status", "Vastgesteld"))),
    ), (
        _P("1", "Opening en mededelingen"), _P("2", "Vaststellen van de agenda"),
        _L("3", "Bespreekstukken",
           _P("3.1", "Bestemmingsplan {project}", ("*rv_bp",), ("rv_bp",), (
               _P("3.1.1", "Inspreken door omwonenden"),
               _P("3.1.2", "Bespreking met de wethouder")))),
        _P("4", "Rondvraag"), _P("5", "Sluiting"),
    ), documents=("agenda",)),
    # M2: council decides on the zoning plan; a motion not on the agenda.
    _M("M2", RAAD, (2025, 9, 25), (
        _D("besluit_bp", "raadsbesluit_bestemmingsplan", -10),
        _D("motie", "motie_vreemd_zwemles"),
        _D("besluitenlijst", "besluitenlijst", 3, dated=True),
    ), (), (
        _OPEN, _P("2", "Vaststellen van de agenda"),
        _L("3", "Hamerstukken", _P("3.1", "Vaststellen besluitenlijst vorige vergadering")),
        _L("4", "Bespreekstukken",
           _P("4A", "Bestemmingsplan {project}", ("besluit_bp",), ("rv_bp",)),
           _P("4B", "Motie vreemd aan de orde van de dag: zwemles", ("motie",))),
        _P("5", "Sluiting"),
    ), documents=("besluitenlijst",)),
    # M3: committee prepares the budget; incoming letter on the energy transition.
    _M("M3", BEM, (2025, 10, 22), (
        _D("rv_begroting", "raadsvoorstel_begroting", -10),
        _D("begroting", "begroting", -10),
        _D("collegebrief", "collegebrief_energie", -10),
    ), (
        _E("rv_begroting", "raadsvoorstel", "Programmabegroting 2026", -10, "rv_begroting",
           ("begroting",), _FIN),
        _E("collegebrief", "ingekomen_stuk", "Collegebrief voortgang energietransitie", -10,
           "collegebrief", (), (("Afzender", "College van burgemeester en wethouders"),
                                ("Voorstel afdoening", "Ter kennisname"))),
    ), (
        _OPEN, _P("2", "Mededelingen"),
        _L("3", "Bespreekstukken",
           _P("3.1", "Programmabegroting 2026", (), ("rv_begroting",), (
               _P("3.1.1", "Algemene beschouwingen"), _P("3.1.2", "Technische vragen")))),
        _P("4", "Ingekomen stukken", (), ("collegebrief",)), _P("5", "Sluiting"),
    )),
    # M4: the budget council.
    _M("M4", RAAD, (2025, 11, 6), (
        _D("amendement", "amendement_buurthuizen"),
        _D("besluit_begroting", "raadsbesluit_begroting", 3),
        _D("notulen", "notulen", 3, dated=True),
    ), (), (
        _OPEN,
        _L("2", "Begrotingsbehandeling",
           _P("2.1", "Programmabegroting 2026", ("amendement", "besluit_begroting"),
              ("rv_begroting",), (_P("2.1.1", "Stemming over amendementen en moties"),))),
        _CLOSE3,
    ), documents=("notulen",)),
    # M5: youth care: information letter, written questions, a commitment.
    _M("M5", SOCIAAL, (2026, 3, 11), (
        _D("rib", "raadsinformatiebrief_jeugd", -10),
        _D("vragen", "vragen_jeugdzorg", -40),
        _D("antwoord", "antwoord_jeugdzorg", -10, FileKind.DOCX),
        _D("memo", "toezegging_memo", -10, FileKind.DOCX),
    ), (
        _E("vragen_jeugd", "schriftelijke_vraag",
           "Schriftelijke vragen over wachtlijsten in de jeugdzorg", -40, "vragen", ("antwoord",),
           (("Indiener", "{raadslid1} ({partij1})"), ("Status", "Beantwoord"))),
        _E("toezegging", "toezegging", "Toezegging evaluatie jeugdzorgbeleid", -10, "memo", (),
           (("Portefeuillehouder", "{wethouder_jeugd}"), ("Status", "Afgedaan"))),
    ), (
        _OPEN,
        _L("2", "Informerende stukken",
           _P("2.1", "Raadsinformatiebrief wachttijden jeugdzorg", ("rib",)),
           _P("2.2", "Schriftelijke vragen jeugdzorg", (), ("vragen_jeugd",))),
        _L("3", "Toezeggingen", _P("3.1", "Lijst van toezeggingen", (), ("toezegging",))),
        _CLOSE4,
    )),
    # M6: council; incoming letters (the scanned one) and written questions.
    _M("M6", RAAD, (2026, 2, 12), (
        _D("brief", "brief_verkeer", -10, FileKind.SCANNED, special="there"),
        _D("woningbouw", "vragen_woningbouw", -10, special="there", quirk_url=True),
        _D("energie", "vragen_energietransitie", -10, FileKind.DOCX),
        _D("besluitenlijst", "besluitenlijst", 3, dated=True),
    ), (
        _E("brief", "ingekomen_stuk", "Brief bewonersvereniging over verkeersveiligheid {straat}",
           -10, "brief", (), (("Afzender", "Bewonersvereniging {wijk2}"), (
               "Voorstel afdoening", "Ter afdoening in handen van het college stellen"))),
        _E("woningbouw", "schriftelijke_vraag",
           "Schriftelijke vragen over woningbouw voor starters", -10, "woningbouw", (),
           (("Indiener", "{raadslid2} ({partij2})"), ("Status", "In behandeling"))),
        _E("energie", "schriftelijke_vraag",
           "Schriftelijke vragen over de warmtetransitie in {wijk}", -10, "energie", (),
           (("Indiener", "{raadslid1} ({partij3})"), ("Status", "Beantwoord"))),
    ), (
        _OPEN, _P("2", "Ingekomen stukken", (), ("brief", "woningbouw")),
        _L("3", "Bespreekstukken",
           _P("3.1", "Schriftelijke vragen warmtetransitie {wijk}", (), ("energie",))),
        _CLOSE4,
    ), documents=("besluitenlijst",)),
    # M7: a closed meeting: listed in the events, its details are refused.
    _M("M7", BEM, (2026, 4, 8), (), (), (
        _OPEN, _P("2", "Vertrouwelijke bespreking grondtransactie {project}"),
    ), permission_group="besloten"),
    # M8: committee with the empty presentation and the missing report (Voorbeeldstad only).
    _M("M8", RUIMTE, (2026, 5, 20), (
        _D("presentatie", "presentatie", 0, FileKind.EMPTY),
        _D("verslag", "verslag_werkbezoek", -10, FileKind.MISSING),
        _D("agenda", "agenda", -10, dated=True),
    ), (), (
        _OPEN, _P("2", "Presentatie woningbouwprogramma", ("presentatie",)),
        _P("3", "Terugblik op het werkbezoek aan {wijk}", ("verslag",)), _CLOSE4,
    ), documents=("agenda",)),
    # M9: council with the spring documents, and the motion register's items.
    _M("M9", RAAD, (2026, 6, 25), (
        _D("kadernota", "kadernota", -10), _D("jaarstukken", "jaarrekening", -10),
    ), (
        _E("kadernota", "raadsvoorstel", "Kadernota 2027", -10, "kadernota", (), _FIN),
        _E("jaarstukken", "raadsvoorstel", "Jaarstukken 2025", -10, "jaarstukken", (), _FIN),
    ), (
        _OPEN,
        _L("2", "Voorjaarsstukken",
           _P("2.1", "Kadernota 2027", (), ("kadernota",)),
           _P("2.2", "Jaarstukken 2025", (), ("jaarstukken",))),
        _CLOSE3,
    ), motions=True),
    # M10: council whose incoming letter is linked on the meeting itself.
    _M("M10", RAAD, (2026, 11, 12), (_D("notulen", "notulen", 3, dated=True),), (), (
        _OPEN, _L("2", "Ingekomen stukken", _P("2.1", "Lijst van ingekomen stukken")), _CLOSE3,
    ), documents=("notulen",), refs=("collegebrief",)),
    # M11, M12: December meetings, announced without documents yet.
    _M("M11", BEM, (2026, 12, 2), (), (), (
        _OPEN, _P("2", "Tweede bestuursrapportage 2026"), _CLOSE3,
    )),
    _M("M12", RAAD, (2026, 12, 17), (), (), (
        _OPEN, _L("2", "Bespreekstukken", _P("2.1", "Tweede bestuursrapportage 2026")), _CLOSE3,
    )),
)
# fmt: on


def build_municipalities() -> list[Municipality]:
    counters = Counters()
    result = []
    for index, (key, name, org_id, attr_ids, offset, skip) in enumerate(MUNICIPALITIES, start=1):
        municipality = Municipality(
            key=key,
            name=name,
            organisation_id=org_id,
            attribute_ids=dict(zip(ATTRIBUTE_LABELS, attr_ids, strict=True)),
            gremia=[Committee(org_id * 10 + n, t) for n, t in enumerate(GREMIA, start=1)],
            registers=[Register(*r) for r in REGISTERS]
            + ([MOTION_REGISTER] if key == MOTION_TOWN else []),
        )
        ctx = Context(municipality, counters, offset, skip, special=index == 1)
        for row in YEAR:
            if row.code not in skip:
                _sitting(ctx, row)
        result.append(municipality)
    return result


def _sitting(ctx: Context, row: Sitting) -> None:
    """Add one row's documents, register items and meeting to the municipality."""
    start = ctx.start(row.gremium, *row.day)
    docs = ctx.documents  # names of this meeting's documents (each meeting has its own)
    docs.clear()
    for d in row.docs:
        if d.special == "only" and not ctx.special:
            continue
        there = ctx.special or d.special != "there"
        dated = {"gremium": row.gremium, "datum": dutch_date(start)} if d.dated else {}
        docs[d.name] = document(
            ctx, d.blueprint, start + timedelta(days=d.days),
            kind=d.kind if there else FileKind.PDF, quirk_url=d.quirk_url and there,
            unique_word_page=d.unique_word_page, **dated,
        )  # fmt: skip
    for e in row.entries:
        ctx.items_by_key[e.name] = _entry(ctx, e, start + timedelta(days=e.days))
    refs = [ctx.items_by_key.get(name) for name in row.refs]
    refs += motion_items(ctx, start) if row.motions else []
    meeting(
        ctx, row.gremium, start, [_node(ctx, p) for p in row.agenda],
        documents=[i for n in row.documents if (i := docs.get(n)) is not None],
        refs=[ModuleRef(i.register_id, i.id) for i in refs if i is not None],
        permission_group=row.permission_group,
    )  # fmt: skip


def _entry(ctx: Context, row: Entry, at: datetime) -> RegisterEntry[int] | None:
    flavour = FLAVOURS[ctx.key]
    values = {label: text.format(**flavour) for label, text in row.values}
    attachments = [i for n in row.attachments if (i := ctx.documents.get(n)) is not None]
    title = row.title.format(**flavour)
    main = ctx.documents.get(row.main)
    return register_item(ctx, row.item_type, title, at, main, attachments, values)


def _node(ctx: Context, point: Point) -> Node:
    linked = [n.lstrip("*") for n in point.docs if ctx.special or not n.startswith("*")]
    return (
        point.prefix,
        point.title,
        [i for n in linked if (i := ctx.documents.get(n)) is not None],
        [ModuleRef(r.register_id, r.id) for n in point.refs if (r := ctx.items_by_key.get(n))],
        [_node(ctx, kid) for kid in point.kids],
    )
