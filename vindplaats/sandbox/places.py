"""The people and places of every sample town of every supplier. `FLAVOURS`: one row a town in
the placeholders of the NotuBiz, GemeenteOplossingen and Parlaeus texts (Voorbeeldstad, Zandaam,
Oosterproef; Duinwijk and Polderveen; Heuvelrade), read by `blueprints.fill` and `go_towns`.
`IBABS_FLAVOURS`: the iBabs towns (Bergenrode, Duinwijk, Polderveen), whose wethouders and
council members each have a party (`Flavour`), read by `ibabs_build` and `ibabs_files`.

Everything here is fictional sample data.
"""

from __future__ import annotations

from dataclasses import dataclass

# The placeholders of `texts`, `pages` and `blueprints` ({gemeente}, ...), in row order.
PLACEHOLDERS = (
    "gemeente", "burgemeester", "griffier", "wethouder_financien", "wethouder_ruimte",
    "wethouder_jeugd", "wethouder_energie", "wijk", "wijk2", "straat", "project", "partij1",
    "partij2", "partij3", "raadslid1", "raadslid2", "locatie",
)  # fmt: skip
# source key: the values of PLACEHOLDERS
_ROWS: dict[str, tuple[str, ...]] = {
    "voorbeeldstad": (
        "Voorbeeldstad", "mr. A.M. Verhoeven", "drs. R. Smits",
        "E. Kortenhoeven", "S. El Idrissi", "M. van der Linde",
        "P. Hoekstra", "Noorderpark", "De Weeren",
        "Molenweg", "Zuidrand", "Lokaal Belang Voorbeeldstad",
        "GroenLinks-PvdA", "VVD", "T. Brouwer",
        "L. Aydin", "Raadzaal, Stadhuisplein 1, Voorbeeldstad",
    ),
    "zandaam": (
        "Zandaam", "H.J. Bos", "I. Mulder",
        "L. Groen", "K. Yilmaz", "T. Veenstra",
        "N. de Haan", "Westerhaven", "Dijkzicht",
        "Sluisstraat", "Havenkwartier", "Zandaams Belang",
        "D66", "CDA", "R. Visser",
        "A. Chaouch", "Raadhuis Zandaam, Dam 10",
    ),
    "oosterproef": (
        "Oosterproef", "C. Jansen-Meijer", "E. van Dam",
        "B. Dijkstra", "F. Bouali", "G. Kramer",
        "W. Postma", "Esdorp", "Oosterveld",
        "Kerkdijk", "Esweide", "Dorpsbelangen Oosterproef",
        "ChristenUnie", "GroenLinks-PvdA", "J. Wiersma",
        "S. Öztürk", "Gemeentehuis Oosterproef, Brink 3",
    ),
    "duinwijk-go": (
        "Duinwijk", "drs. M.C. de Ruiter", "J. Koster",
        "R. Bakker", "A. Lont", "S. Benali",
        "H. Zijlstra", "Strandwijk", "Duinzoom",
        "Zeeweg", "Badhuiskwartier", "Duinwijks Belang",
        "VVD", "GroenLinks-PvdA", "P. Schouten",
        "F. Amrani", "Raadzaal, Raadhuisplein 2, Duinwijk",
    ),
    "polderveen-go": (
        "Polderveen", "ir. G.A. Smit", "M. de Wit",
        "D. van Leeuwen", "K. Boersma", "E. Yildiz",
        "B. Hoekman", "Veenhoven", "Kerkbuurt",
        "Dorpsstraat", "Polderpoort", "Polderpartij",
        "CDA", "D66", "W. Kuipers",
        "N. El Khatib", "Gemeentehuis Polderveen, Raadhuislaan 1",
    ),
    "heuvelrade": (
        "Heuvelrade", "mr. L. van Oosten", "C. Hermans",
        "J. Peeters", "T. Claessens", "M. Ramdin",
        "R. Willems", "Bergrade", "Op de Heide",
        "Kloosterstraat", "Mijnzicht", "Heuvelraads Belang",
        "GroenLinks-PvdA", "CDA", "K. Janssen",
        "Y. Bakkali", "Raadzaal, Markt 1, Heuvelrade",
    ),
}  # fmt: skip

FLAVOURS: dict[str, dict[str, str]] = {
    key: dict(zip(PLACEHOLDERS, row, strict=True)) for key, row in _ROWS.items()
}


@dataclass(frozen=True)
class Flavour:
    gemeente: str
    burgemeester: str
    griffier: str
    wethouders: tuple[tuple[str, str], ...]  # (name, party)
    members: tuple[tuple[str, str], ...]  # council members: (name, party)
    locatie: str
    wijk: str
    project: str

    @property
    def parties(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(party for _, party in self.members))


# The iBabs towns: a party for every wethouder and council member (votes go by party).
IBABS_FLAVOURS: dict[str, Flavour] = {
    "bergenrode": Flavour(
        gemeente="Bergenrode",
        burgemeester="drs. W.F. Hoogland",
        griffier="M.A. Bakker",
        wethouders=(("J. Verbeek", "Lokaal Bergenrode"), ("S. Amrani", "D66")),
        members=(
            ("T. de Boer", "Lokaal Bergenrode"),
            ("A. Kuipers", "Lokaal Bergenrode"),
            ("R. Hendriks", "Lokaal Bergenrode"),
            ("M. Yildiz", "D66"),
            ("E. Vos", "D66"),
            ("P. Smit", "VVD"),
            ("K. van Leeuwen", "VVD"),
            ("N. Jansen", "GroenLinks-PvdA"),
            ("L. Mertens", "GroenLinks-PvdA"),
        ),
        locatie="Raadzaal, Markt 1, Bergenrode",
        wijk="Heideveld",
        project="Stationsgebied",
    ),
    "duinwijk": Flavour(
        gemeente="Duinwijk",
        burgemeester="mr. C.E. Zeeman",
        griffier="H. Brink",
        wethouders=(("B. Dekker", "Duinwijks Belang"), ("F. Haddou", "CDA")),
        members=(
            ("G. Visscher", "Duinwijks Belang"),
            ("I. Koster", "Duinwijks Belang"),
            ("J. Molenaar", "Duinwijks Belang"),
            ("O. Bakker", "VVD"),
            ("S. de Wit", "VVD"),
            ("D. Pronk", "CDA"),
            ("Y. Benali", "GroenLinks-PvdA"),
            ("W. van Duin", "GroenLinks-PvdA"),
            ("H. Kramer", "CDA"),
        ),
        locatie="Raadhuis Duinwijk, Zeeweg 2",
        wijk="Strandwal",
        project="Boulevard Noord",
    ),
    "polderveen": Flavour(
        gemeente="Polderveen",
        burgemeester="A.J. Terpstra",
        griffier="R. Wouters",
        wethouders=(("C. Hoekstra", "Polderveen Vooruit"), ("M. Dijkman", "ChristenUnie")),
        members=(
            ("E. Stam", "Polderveen Vooruit"),
            ("T. Bos", "Polderveen Vooruit"),
            ("L. Schouten", "Polderveen Vooruit"),
            ("A. Groen", "CDA"),
            ("K. Mulder", "CDA"),
            ("B. van Vliet", "ChristenUnie"),
            ("S. Çelik", "D66"),
            ("R. de Graaf", "D66"),
            ("P. Wagenaar", "ChristenUnie"),
        ),
        locatie="Gemeentehuis Polderveen, Dorpsstraat 15",
        wijk="Veenhoek",
        project="Kavels Oostpolder",
    ),
}
