"""The two GemeenteOplossingen sample towns, Duinwijk (API v1) and Polderveen (API v2), as a
table of meetings (`GO_YEAR`, rows of `town_builder`) that both towns follow with their own
people and places (`places.FLAVOURS`), Polderveen two days later and with three more meetings.

The edge cases a GO harvester must handle: a meeting without description (named
"Vergadering - <committee> - <date>"), agenda items with an empty `sortorder` (not agenda
points; their papers belong to the meeting), a cancelled meeting, an inactive meeting (with a
paper found nowhere else, so a harvest must not have it) and papers on no agenda at all
(`/documents`). Polderveen has more meetings, so its v2 meeting list needs several pages.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from vindplaats.sandbox.concepts import Committee
from vindplaats.sandbox.go_model import Town
from vindplaats.sandbox.places import FLAVOURS
from vindplaats.sandbox.town_builder import Meet, Pa, Pt, TownBuilder, minutes

RAAD, RUIMTE, SAMENLEVING, BEM = (
    "Gemeenteraad", "Commissie Ruimte", "Commissie Samenleving", "Commissie Bestuur en Middelen"
)  # fmt: skip
BODIES = ((RAAD, "RAAD"), (RUIMTE, "RUI"), (SAMENLEVING, "SAM"), (BEM, "BEM"))
OPENING, SLUITING = Pt("1", "Opening"), Pt("3", "Sluiting")
# fmt: off
GO_YEAR = (
    Meet(RUIMTE, datetime(2025, 9, 15, 19, 30), (
        Pt("1", "Opening"), Pt("2", "Vaststelling van de agenda"),
        Pt("3", "Bestemmingsplan {project}", (
            Pa("raadsvoorstel_bestemmingsplan", -10), Pa("natuurtoets", -10), Pa("kaart", -10))),
        Pt("4", "Rondvraag"),
        Pt("", "Bijlagen bij de agenda", (Pa("brief_verkeer", -10),), sortorder=None),
    ), (minutes("agenda"),), title=""),
    Meet(RAAD, datetime(2025, 10, 2, 20, 0), (
        Pt("1", "Opening en mededelingen"),
        Pt("2", "Vaststelling bestemmingsplan {project}", (Pa("raadsbesluit_bestemmingsplan", 3),)),
        SLUITING,
    ), (minutes("besluitenlijst"),)),
    Meet(SAMENLEVING, datetime(2025, 10, 20, 19, 30), (
        OPENING, Pt("2", "Wachttijden in de jeugdzorg"),
    ), (minutes("agenda"),), cancelled=True),
    Meet(RAAD, datetime(2025, 11, 6, 20, 0), (
        OPENING,
        Pt("2", "Programmabegroting 2026", (
            Pa("raadsvoorstel_begroting", -10), Pa("begroting", -10))),
        Pt("2a", "Amendementen en moties bij de begroting", (
            Pa("amendement_buurthuizen"), Pa("motie_vreemd_zwemles"))),
        Pt("", "Ingekomen stukken (ter kennisname)", (Pa("raadsbesluit_begroting", 3),),
           sortorder=None),
        SLUITING,
    ), (minutes("notulen"),), title=""),
    Meet(BEM, datetime(2026, 1, 19, 19, 30), (
        OPENING, Pt("2", "Kadernota 2027", (Pa("kadernota", -10),)),
    ), inactive=True),
    Meet(RAAD, datetime(2026, 3, 12, 20, 0), (
        OPENING, Pt("2", "Jaarstukken 2025", (Pa("jaarrekening", -10),)),
        Pt("3", "Woningbouwprogramma", (Pa("presentatie"),)), Pt("4", "Sluiting"),
    ), (minutes("besluitenlijst"),)),
    Meet(RUIMTE, datetime(2026, 6, 8, 19, 30), (
        OPENING, Pt("2", "Woningbouw voor starters", (Pa("vragen_woningbouw", -10),)),
        Pt("3", "Werkbezoek {wijk}", (Pa("verslag_werkbezoek", -10),)),
    )),
)
# Polderveen's three more meetings, so its v2 meeting list needs several pages.
LONGER = tuple(
    Meet(committee, datetime(2026, month, 10, 19, 30), (
        OPENING, Pt("2", "Warmtetransitie in {wijk}", (Pa("vragen_energietransitie", -10),)),
        SLUITING,
    ), (minutes("agenda"),))
    for month, committee in ((9, SAMENLEVING), (10, RAAD), (11, RUIMTE))
)
# Papers on no agenda (GO `/documents`): blueprint, published
LOOSE = (
    ("collegebrief_energie", datetime(2025, 10, 10)),
    ("raadsinformatiebrief_jeugd", datetime(2026, 2, 2)),
    ("vragen_jeugdzorg", datetime(2026, 4, 1)),
    ("antwoord_jeugdzorg", datetime(2026, 4, 20)),
)
# key, name, API version, number (first ids), days later than GO_YEAR, with LONGER
GO_TOWNS = (
    ("duinwijk-go", "Duinwijk", "v1", 1, 0, False),
    ("polderveen-go", "Polderveen", "v2", 2, 2, True),
)
# fmt: on


def build_go_towns() -> list[Town]:
    towns = []
    for key, name, version, number, shift, longer in GO_TOWNS:
        first = number * 10 + 1
        builder = TownBuilder(
            flavour=FLAVOURS[key],
            bodies=tuple(Committee(first + i, n, code) for i, (n, code) in enumerate(BODIES)),
            next_sitting=4000 + number * 100 + 1,
            next_point=52000 + number * 100 + 1,
            next_paper=880000 + number * 1000 + 1,
        )
        builder.build(GO_YEAR + (LONGER if longer else ()), shift)
        late = timedelta(days=shift)
        loose = tuple(builder.add_paper(bp, day + late) for bp, day in LOOSE)
        towns.append(
            Town(
                key=key,
                name=name,
                supplier="gemeenteoplossingen",
                flavour=builder.flavour,
                bodies=builder.bodies,
                sittings=tuple(builder.sittings),
                papers=builder.papers,
                loose=loose,
                api_version=version,
            )
        )
    return towns
