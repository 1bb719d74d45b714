"""The people and places of every sample town of every supplier that speaks in these
placeholders: one row a town (NotuBiz: Voorbeeldstad, Zandaam, Oosterproef; GemeenteOplossingen:
Duinwijk and Polderveen; Parlaeus: Heuvelrade), read by `blueprints.fill` and `go_towns`.

Everything here is fictional sample data. The iBabs towns have people of their own, with
parties per person (`ibabs_texts.Flavour`).
"""

from __future__ import annotations

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
