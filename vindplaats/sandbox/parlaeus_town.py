"""The Parlaeus sample town, Heuvelrade: committees, a council year of meetings (`YEAR`, rows of
`town_builder`) with agenda points nested by `level`, decisions, papers, the council's members
and the token it accepts.

Edge cases a Parlaeus harvester must handle: sub-points (level 2) under points, a cancelled
meeting, a decision on a point, a paper whose link has the doubled host
(`http://hosthttp://host/...`) and a token (`rid`) that must be sent and never shown.
"""

from __future__ import annotations

from datetime import datetime

from vindplaats.sandbox.concepts import Committee, Person
from vindplaats.sandbox.go_model import Town
from vindplaats.sandbox.places import FLAVOURS
from vindplaats.sandbox.town_builder import Meet, Pa, Pt, TownBuilder, minutes

TOKEN = "voorbeeld-rid-heuvelrade-3f9c2a7e"  # the sample token (fixed; sample data only)
KEY = "heuvelrade"
RAAD, RUIMTE, MENS = "Gemeenteraad", "Commissie Ruimte en Wonen", "Commissie Mens en Maatschappij"
BODIES = (Committee(31, RAAD, "RAAD"), Committee(32, RUIMTE, "CRW"), Committee(33, MENS, "CMM"))
# raid, name, function, party
MEMBERS = tuple(
    Person(*row)
    for row in (
        (901, "mr. L. van Oosten", "Burgemeester", ""),
        (902, "C. Hermans", "Griffier", ""),
        (903, "J. Peeters", "Wethouder", "Heuvelraads Belang"),
        (904, "T. Claessens", "Wethouder", "CDA"),
        (905, "K. Janssen", "Fractievoorzitter", "Heuvelraads Belang"),
        (906, "Y. Bakkali", "Raadslid", "GroenLinks-PvdA"),
        (907, "H. Vossen", "Raadslid", "CDA"),
        (908, "A. Lemmens", "Raadslid", "VVD"),
    )
)
OPENING = Pt("1", "Opening")
ADOPTED = "Aangenomen"
# fmt: off
YEAR = (
    Meet(RUIMTE, datetime(2025, 9, 17, 19, 30), (
        Pt("1", "Opening en vaststelling agenda"),
        Pt("2", "Bestemmingsplan {project}", (Pa("raadsvoorstel_bestemmingsplan", -10),)),
        Pt("2a", "Zienswijzen en natuurtoets", (Pa("natuurtoets", -10),), level=2),
        Pt("2b", "Plankaart en verkeer", (Pa("kaart", -10, doubled_host=True),), level=2),
        Pt("3", "Rondvraag"),
    )),
    Meet(RAAD, datetime(2025, 10, 9, 20, 0), (
        OPENING, Pt("2", "Hamerstukken", kind="Hamerstuk"),
        Pt("2.1", "Vaststelling bestemmingsplan {project}",
           (Pa("raadsbesluit_bestemmingsplan", 3),), level=2, kind="Hamerstuk",
           decision="Conform besloten zonder stemming"),
        Pt("3", "Sluiting", (minutes("besluitenlijst"),)),
    )),
    Meet(MENS, datetime(2025, 10, 27, 19, 30), (
        OPENING, Pt("2", "Wachttijden in de jeugdzorg", (minutes("agenda"),)),
    ), cancelled=True),
    Meet(RAAD, datetime(2025, 11, 13, 20, 0), (
        OPENING,
        Pt("2", "Programmabegroting 2026",
           (Pa("raadsvoorstel_begroting", -10), Pa("begroting", -10)),
           decision="Aangenomen met 19 stemmen voor en 6 tegen"),
        Pt("2.1", "Amendement A1 Behoud buurthuizen", (Pa("amendement_buurthuizen"),), level=2,
           decision="Verworpen met 11 stemmen voor en 14 tegen"),
        Pt("2.2", "Motie zwemles voor ieder kind", (Pa("motie_vreemd_zwemles"),), level=2,
           decision=ADOPTED),
        Pt("3", "Sluiting", (minutes("notulen"),)),
    )),
    Meet(MENS, datetime(2026, 3, 16, 19, 30), (
        OPENING, Pt("2", "Jeugdzorg", (Pa("raadsinformatiebrief_jeugd", -10),)),
        Pt("2.1", "Schriftelijke vragen", (Pa("vragen_jeugdzorg", -10),), level=2),
        Pt("2.1.1", "Beantwoording", (Pa("antwoord_jeugdzorg", -10),), level=3),
        Pt("3", "Sluiting"),
    )),
    Meet(RAAD, datetime(2026, 7, 2, 20, 0), (
        OPENING,
        Pt("2", "Kadernota 2027", (Pa("kadernota", -10),), decision=ADOPTED),
        Pt("3", "Jaarstukken 2025", (Pa("jaarrekening", -10),), decision=ADOPTED),
        Pt("4", "Sluiting"),
    )),
)
# fmt: on


def build_parlaeus_towns() -> list[Town]:
    builder = TownBuilder(
        flavour=FLAVOURS[KEY], bodies=BODIES, next_sitting=7301, next_point=31001, next_paper=640001
    )
    builder.build(YEAR)
    return [
        Town(
            key=KEY,
            name="Heuvelrade",
            supplier="parlaeus",
            flavour=builder.flavour,
            bodies=BODIES,
            sittings=tuple(builder.sittings),
            papers=builder.papers,
            members=MEMBERS,
            token=TOKEN,
        )
    ]
