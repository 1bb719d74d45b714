"""The sample council year (September 2025 to December 2026) that every sample municipality
follows: which meetings there are, their agenda trees, and which documents and register items
hang where.

Every municipality has its own people and places; Zandaam and Oosterproef leave a few meetings
and documents out so the three worlds differ. All special files (scanned, corrupt, empty,
missing, the `httphttp` quirk, the page-3 word) live in Voorbeeldstad, so harvesting that one
source exercises every edge case. Since 2025 most documents live in registers (module items).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from vindplaats.sandbox.builder import (
    Context,
    Counters,
    docs,
    document,
    dutch_date,
    label,
    meeting,
    point,
    refs,
    register_item,
)
from vindplaats.sandbox.model import FileKind, Gremium, Municipality, Register, RegisterItem
from vindplaats.sandbox.motions import MOTION_REGISTER, MOTION_TOWN, motion_items
from vindplaats.sandbox.texts import FLAVOURS

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
BEFORE = timedelta(days=10)  # agenda documents are published ten days before the meeting
AFTER = timedelta(days=3)  # minutes and decision lists three days after


def build_municipalities() -> list[Municipality]:
    counters = Counters()
    result = []
    for index, (key, name, org_id, attr_ids, offset, skip) in enumerate(MUNICIPALITIES, start=1):
        municipality = Municipality(
            key=key,
            name=name,
            organisation_id=org_id,
            attribute_ids=dict(zip(ATTRIBUTE_LABELS, attr_ids, strict=True)),
            gremia=[Gremium(org_id * 10 + n, t) for n, t in enumerate(GREMIA, start=1)],
            registers=[Register(*r) for r in REGISTERS]
            + ([MOTION_REGISTER] if key == MOTION_TOWN else []),
        )
        ctx = Context(municipality, counters, offset, skip, special=index == 1)
        _autumn_2025(ctx)
        _spring_2026(ctx)
        _autumn_2026(ctx)
        result.append(municipality)
    return result


def _minutes(ctx: Context, blueprint: str, gremium: str, start: datetime) -> int | None:
    return document(ctx, blueprint, start + AFTER, gremium=gremium, datum=dutch_date(start))


def _item(ctx: Context, item_type: str, title: str, at: datetime, main: int | None,
          attachments: list[int], **extra: str) -> RegisterItem | None:  # fmt: skip
    flavour = FLAVOURS[ctx.key]
    values = {k.replace("_", " ").capitalize(): v.format(**flavour) for k, v in extra.items()}
    return register_item(ctx, item_type, title.format(**flavour), at, main, attachments, values)


def _autumn_2025(ctx: Context) -> None:
    special = ctx.special
    # M1: committee discusses the zoning plan (register item with the page-3 report).
    s1 = ctx.start(RUIMTE, 2025, 9, 10)
    rv_bp_doc = document(ctx, "raadsvoorstel_bestemmingsplan", s1 - BEFORE)
    rv_bp = _item(
        ctx, "raadsvoorstel", "Vaststelling bestemmingsplan {project}", s1 - BEFORE, rv_bp_doc,
        docs(
            document(ctx, "natuurtoets", s1 - BEFORE, unique_word_page=3) if special else None,
            document(ctx, "kaart", s1 - BEFORE, kind=FileKind.CORRUPT) if special else None,
        ),
        portefeuillehouder="{wethouder_ruimte}", status="Vastgesteld",
    )  # fmt: skip
    agenda_doc = document(ctx, "agenda", s1 - BEFORE, gremium=RUIMTE, datum=dutch_date(s1))
    meeting(ctx, RUIMTE, s1, [
        point("1", "Opening en mededelingen"),
        point("2", "Vaststellen van de agenda"),
        label("3", "Bespreekstukken", [
            point("3.1", "Bestemmingsplan {project}", docs(rv_bp_doc) if special else [],
                  refs(rv_bp), [
                point("3.1.1", "Inspreken door omwonenden"),
                point("3.1.2", "Bespreking met de wethouder"),
            ]),
        ]),
        point("4", "Rondvraag"),
        point("5", "Sluiting"),
    ], documents=docs(agenda_doc))  # fmt: skip

    # M2: council decides on the zoning plan; a motion not on the agenda.
    s2 = ctx.start(RAAD, 2025, 9, 25)
    besluit_bp = document(ctx, "raadsbesluit_bestemmingsplan", s2 - BEFORE)
    motie = document(ctx, "motie_vreemd_zwemles", s2)
    meeting(ctx, RAAD, s2, [
        point("1", "Opening"),
        point("2", "Vaststellen van de agenda"),
        label("3", "Hamerstukken", [point("3.1", "Vaststellen besluitenlijst vorige vergadering")]),
        label("4", "Bespreekstukken", [
            point("4A", "Bestemmingsplan {project}", docs(besluit_bp), refs(rv_bp)),
            point("4B", "Motie vreemd aan de orde van de dag: zwemles", docs(motie)),
        ]),
        point("5", "Sluiting"),
    ], documents=docs(_minutes(ctx, "besluitenlijst", RAAD, s2)))  # fmt: skip

    # M3: committee prepares the budget; incoming letter on the energy transition.
    s3 = ctx.start(BEM, 2025, 10, 22)
    rv_begroting = _item(
        ctx, "raadsvoorstel", "Programmabegroting 2026", s3 - BEFORE,
        document(ctx, "raadsvoorstel_begroting", s3 - BEFORE),
        docs(document(ctx, "begroting", s3 - BEFORE)),
        portefeuillehouder="{wethouder_financien}", status="Vastgesteld",
    )  # fmt: skip
    ctx.items_by_key["collegebrief"] = collegebrief = _item(
        ctx, "ingekomen_stuk", "Collegebrief voortgang energietransitie", s3 - BEFORE,
        document(ctx, "collegebrief_energie", s3 - BEFORE), [],
        afzender="College van burgemeester en wethouders", voorstel_afdoening="Ter kennisname",
    )  # fmt: skip
    meeting(ctx, BEM, s3, [
        point("1", "Opening"),
        point("2", "Mededelingen"),
        label("3", "Bespreekstukken", [
            point("3.1", "Programmabegroting 2026", [], refs(rv_begroting), [
                point("3.1.1", "Algemene beschouwingen"),
                point("3.1.2", "Technische vragen"),
            ]),
        ]),
        point("4", "Ingekomen stukken", [], refs(collegebrief)),
        point("5", "Sluiting"),
    ])  # fmt: skip

    # M4: the budget council.
    s4 = ctx.start(RAAD, 2025, 11, 6)
    amendement = document(ctx, "amendement_buurthuizen", s4)
    besluit_begroting = document(ctx, "raadsbesluit_begroting", s4 + AFTER)
    meeting(ctx, RAAD, s4, [
        point("1", "Opening"),
        label("2", "Begrotingsbehandeling", [
            point("2.1", "Programmabegroting 2026", docs(amendement, besluit_begroting),
                  refs(rv_begroting), [point("2.1.1", "Stemming over amendementen en moties")]),
        ]),
        point("3", "Sluiting"),
    ], documents=docs(_minutes(ctx, "notulen", RAAD, s4)))  # fmt: skip


def _spring_2026(ctx: Context) -> None:
    special = ctx.special
    # M5: youth care: information letter, written questions, a commitment.
    s5 = ctx.start(SOCIAAL, 2026, 3, 11)
    rib = document(ctx, "raadsinformatiebrief_jeugd", s5 - BEFORE)
    vragen_jeugd = _item(
        ctx, "schriftelijke_vraag", "Schriftelijke vragen over wachtlijsten in de jeugdzorg",
        s5 - timedelta(days=40), document(ctx, "vragen_jeugdzorg", s5 - timedelta(days=40)),
        docs(document(ctx, "antwoord_jeugdzorg", s5 - BEFORE, kind=FileKind.DOCX)),
        indiener="{raadslid1} ({partij1})", status="Beantwoord",
    )  # fmt: skip
    toezegging = _item(
        ctx, "toezegging", "Toezegging evaluatie jeugdzorgbeleid", s5 - BEFORE,
        document(ctx, "toezegging_memo", s5 - BEFORE, kind=FileKind.DOCX), [],
        portefeuillehouder="{wethouder_jeugd}", status="Afgedaan",
    )  # fmt: skip
    meeting(ctx, SOCIAAL, s5, [
        point("1", "Opening"),
        label("2", "Informerende stukken", [
            point("2.1", "Raadsinformatiebrief wachttijden jeugdzorg", docs(rib)),
            point("2.2", "Schriftelijke vragen jeugdzorg", [], refs(vragen_jeugd)),
        ]),
        label("3", "Toezeggingen", [point("3.1", "Lijst van toezeggingen", [], refs(toezegging))]),
        point("4", "Sluiting"),
    ])  # fmt: skip

    # M6: council; incoming letters (the scanned one) and written questions.
    s6 = ctx.start(RAAD, 2026, 2, 12)
    brief = _item(
        ctx, "ingekomen_stuk", "Brief bewonersvereniging over verkeersveiligheid {straat}",
        s6 - BEFORE,
        document(ctx, "brief_verkeer", s6 - BEFORE,
                 kind=FileKind.SCANNED if special else FileKind.PDF), [],
        afzender="Bewonersvereniging {wijk2}", voorstel_afdoening="Ter afdoening in handen van "
        "het college stellen",
    )  # fmt: skip
    vragen_woningbouw = _item(
        ctx, "schriftelijke_vraag", "Schriftelijke vragen over woningbouw voor starters",
        s6 - BEFORE, document(ctx, "vragen_woningbouw", s6 - BEFORE, quirk_url=special), [],
        indiener="{raadslid2} ({partij2})", status="In behandeling",
    )  # fmt: skip
    vragen_energie = _item(
        ctx, "schriftelijke_vraag", "Schriftelijke vragen over de warmtetransitie in {wijk}",
        s6 - BEFORE,
        document(ctx, "vragen_energietransitie", s6 - BEFORE, kind=FileKind.DOCX), [],
        indiener="{raadslid1} ({partij3})", status="Beantwoord",
    )  # fmt: skip
    meeting(ctx, RAAD, s6, [
        point("1", "Opening"),
        point("2", "Ingekomen stukken", [], refs(brief, vragen_woningbouw)),
        label("3", "Bespreekstukken", [
            point("3.1", "Schriftelijke vragen warmtetransitie {wijk}", [], refs(vragen_energie)),
        ]),
        point("4", "Sluiting"),
    ], documents=docs(_minutes(ctx, "besluitenlijst", RAAD, s6)))  # fmt: skip

    # M7: a closed meeting: listed in the events, its details are refused.
    s7 = ctx.start(BEM, 2026, 4, 8)
    meeting(ctx, BEM, s7, [
        point("1", "Opening"),
        point("2", "Vertrouwelijke bespreking grondtransactie {project}"),
    ], permission_group="besloten")  # fmt: skip

    # M8: committee with the empty presentation and the missing report (Voorbeeldstad only).
    if "M8" not in ctx.skip:
        s8 = ctx.start(RUIMTE, 2026, 5, 20)
        presentatie = document(ctx, "presentatie", s8, kind=FileKind.EMPTY)
        verslag = document(ctx, "verslag_werkbezoek", s8 - BEFORE, kind=FileKind.MISSING)
        agenda_doc = document(ctx, "agenda", s8 - BEFORE, gremium=RUIMTE, datum=dutch_date(s8))
        meeting(ctx, RUIMTE, s8, [
            point("1", "Opening"),
            point("2", "Presentatie woningbouwprogramma", docs(presentatie)),
            point("3", "Terugblik op het werkbezoek aan {wijk}", docs(verslag)),
            point("4", "Sluiting"),
        ], documents=docs(agenda_doc))  # fmt: skip

    # M9: council with the spring documents.
    s9 = ctx.start(RAAD, 2026, 6, 25)
    kadernota = _item(
        ctx, "raadsvoorstel", "Kadernota 2027", s9 - BEFORE,
        document(ctx, "kadernota", s9 - BEFORE), [],
        portefeuillehouder="{wethouder_financien}", status="Vastgesteld",
    )  # fmt: skip
    jaarstukken = _item(
        ctx, "raadsvoorstel", "Jaarstukken 2025", s9 - BEFORE,
        document(ctx, "jaarrekening", s9 - BEFORE), [],
        portefeuillehouder="{wethouder_financien}", status="Vastgesteld",
    )  # fmt: skip
    moties = motion_items(ctx, s9)  # the motion register (Oosterproef only)
    meeting(ctx, RAAD, s9, [
        point("1", "Opening"),
        label("2", "Voorjaarsstukken", [
            point("2.1", "Kadernota 2027", [], refs(kadernota)),
            point("2.2", "Jaarstukken 2025", [], refs(jaarstukken)),
        ]),
        point("3", "Sluiting"),
    ], refs=refs(*moties))  # fmt: skip


def _autumn_2026(ctx: Context) -> None:
    # M10: council whose incoming letter is linked on the meeting itself.
    if "M10" not in ctx.skip:
        s10 = ctx.start(RAAD, 2026, 11, 12)
        meeting(ctx, RAAD, s10, [
            point("1", "Opening"),
            label("2", "Ingekomen stukken", [point("2.1", "Lijst van ingekomen stukken")]),
            point("3", "Sluiting"),
        ], documents=docs(_minutes(ctx, "notulen", RAAD, s10)),
           refs=refs(ctx.items_by_key.get("collegebrief")))  # fmt: skip

    # M11, M12: December meetings, announced without documents yet.
    s11 = ctx.start(BEM, 2026, 12, 2)
    meeting(ctx, BEM, s11, [
        point("1", "Opening"),
        point("2", "Tweede bestuursrapportage 2026"),
        point("3", "Sluiting"),
    ])  # fmt: skip
    s12 = ctx.start(RAAD, 2026, 12, 17)
    meeting(ctx, RAAD, s12, [
        point("1", "Opening"),
        label("2", "Bespreekstukken", [point("2.1", "Tweede bestuursrapportage 2026")]),
        point("3", "Sluiting"),
    ])  # fmt: skip
