"""The Parlaeus sample town, Heuvelrade: committees, a council year of meetings with agenda points
nested by `level`, decisions, papers, the council's members and the token it accepts.

Edge cases a Parlaeus harvester must handle: sub-points (level 2) under points, a cancelled
meeting, a decision on a point, a paper whose link has the doubled host
(`http://hosthttp://host/...`) and a token (`rid`) that must be sent and never shown.
"""

from __future__ import annotations

from datetime import datetime

from vindplaats.sandbox.go_model import Body, Member, Town
from vindplaats.sandbox.go_towns import AFTER, BEFORE, TownBuilder

TOKEN = "voorbeeld-rid-heuvelrade-3f9c2a7e"  # the sample token (fixed; sample data only)
HEUVELRADE = {
    "gemeente": "Heuvelrade", "burgemeester": "mr. L. van Oosten", "griffier": "C. Hermans",
    "wethouder_financien": "J. Peeters", "wethouder_ruimte": "T. Claessens",
    "wethouder_jeugd": "M. Ramdin", "wethouder_energie": "R. Willems", "wijk": "Bergrade",
    "wijk2": "Op de Heide", "straat": "Kloosterstraat", "project": "Mijnzicht",
    "partij1": "Heuvelraads Belang", "partij2": "GroenLinks-PvdA", "partij3": "CDA",
    "raadslid1": "K. Janssen", "raadslid2": "Y. Bakkali",
    "locatie": "Raadzaal, Markt 1, Heuvelrade",
}  # fmt: skip
RAAD, RUIMTE, MENS = "Gemeenteraad", "Commissie Ruimte en Wonen", "Commissie Mens en Maatschappij"
BODIES = (Body(31, RAAD, "RAAD"), Body(32, RUIMTE, "CRW"), Body(33, MENS, "CMM"))
MEMBERS = (
    Member(901, "mr. L. van Oosten", "Burgemeester", ""),
    Member(902, "C. Hermans", "Griffier", ""),
    Member(903, "J. Peeters", "Wethouder", "Heuvelraads Belang"),
    Member(904, "T. Claessens", "Wethouder", "CDA"),
    Member(905, "K. Janssen", "Fractievoorzitter", "Heuvelraads Belang"),
    Member(906, "Y. Bakkali", "Raadslid", "GroenLinks-PvdA"),
    Member(907, "H. Vossen", "Raadslid", "CDA"),
    Member(908, "A. Lemmens", "Raadslid", "VVD"),
)


def _year(b: TownBuilder) -> None:
    s1 = datetime(2025, 9, 17, 19, 30)
    b.sitting(RUIMTE, s1, [
        b.point("1", "Opening en vaststelling agenda"),
        b.point("2", "Bestemmingsplan {project}",
                b.paper("raadsvoorstel_bestemmingsplan", s1 - BEFORE)),
        b.point("2a", "Zienswijzen en natuurtoets", b.paper("natuurtoets", s1 - BEFORE), level=2),
        b.point("2b", "Plankaart en verkeer",
                b.paper("kaart", s1 - BEFORE, doubled_host=True), level=2),
        b.point("3", "Rondvraag"),
    ])  # fmt: skip
    s2 = datetime(2025, 10, 9, 20, 0)
    b.sitting(RAAD, s2, [
        b.point("1", "Opening"),
        b.point("2", "Hamerstukken", kind="Hamerstuk"),
        b.point("2.1", "Vaststelling bestemmingsplan {project}",
                b.paper("raadsbesluit_bestemmingsplan", s2 + AFTER), level=2, kind="Hamerstuk",
                decision="Conform besloten zonder stemming"),
        b.point("3", "Sluiting", b.minutes("besluitenlijst", RAAD, s2)),
    ])  # fmt: skip
    s3 = datetime(2025, 10, 27, 19, 30)
    b.sitting(MENS, s3, [
        b.point("1", "Opening"),
        b.point("2", "Wachttijden in de jeugdzorg", b.minutes("agenda", MENS, s3)),
    ], cancelled=True)  # fmt: skip
    s4 = datetime(2025, 11, 13, 20, 0)
    b.sitting(RAAD, s4, [
        b.point("1", "Opening"),
        b.point("2", "Programmabegroting 2026",
                b.paper("raadsvoorstel_begroting", s4 - BEFORE), b.paper("begroting", s4 - BEFORE),
                decision="Aangenomen met 19 stemmen voor en 6 tegen"),
        b.point("2.1", "Amendement A1 Behoud buurthuizen",
                b.paper("amendement_buurthuizen", s4), level=2,
                decision="Verworpen met 11 stemmen voor en 14 tegen"),
        b.point("2.2", "Motie zwemles voor ieder kind", b.paper("motie_vreemd_zwemles", s4),
                level=2, decision="Aangenomen"),
        b.point("3", "Sluiting", b.minutes("notulen", RAAD, s4)),
    ])  # fmt: skip
    s5 = datetime(2026, 3, 16, 19, 30)
    b.sitting(MENS, s5, [
        b.point("1", "Opening"),
        b.point("2", "Jeugdzorg", b.paper("raadsinformatiebrief_jeugd", s5 - BEFORE)),
        b.point("2.1", "Schriftelijke vragen", b.paper("vragen_jeugdzorg", s5 - BEFORE), level=2),
        b.point("2.1.1", "Beantwoording", b.paper("antwoord_jeugdzorg", s5 - BEFORE), level=3),
        b.point("3", "Sluiting"),
    ])  # fmt: skip
    s6 = datetime(2026, 7, 2, 20, 0)
    b.sitting(RAAD, s6, [
        b.point("1", "Opening"),
        b.point("2", "Kadernota 2027", b.paper("kadernota", s6 - BEFORE),
                decision="Aangenomen"),
        b.point("3", "Jaarstukken 2025", b.paper("jaarrekening", s6 - BEFORE),
                decision="Aangenomen"),
        b.point("4", "Sluiting"),
    ])  # fmt: skip


def build_parlaeus_towns() -> list[Town]:
    builder = TownBuilder(
        flavour=HEUVELRADE, bodies=BODIES, next_sitting=7301, next_point=31001, next_paper=640001
    )
    _year(builder)
    return [
        Town(
            key="heuvelrade",
            name="Heuvelrade",
            supplier="parlaeus",
            flavour=HEUVELRADE,
            bodies=BODIES,
            sittings=tuple(builder.sittings),
            papers=builder.papers,
            members=MEMBERS,
            token=TOKEN,
        )
    ]
