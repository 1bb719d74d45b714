"""The Woo information category (Woo art. 3.3) of council records, with TOOI label and URI.

The categories are the TOOI list `scw_woo_informatiecategorieen` (DiWoo lists XSD, via
`normalize.tooi`); `CATEGORIES` names each by its article and TOOI label, and takes the URI from
the generated list. The article numbers are those of the Woo (see `../shared/docs/woo.md`).

Mapping for what council information systems publish (`category_for`): the council's and its
committees' meeting documents and registers are "vergaderstukken decentrale overheden" (3.3.2c),
except documents received by the council, "ingekomen stukken" (3.3.2a), and the agendas and
besluitenlijsten of the college (B&W, gedeputeerde staten, a dagelijks bestuur), "agenda's en
besluitenlijsten bestuurscolleges" (3.3.2d).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from normalize.doctypes import DocType, words
from normalize.tooi import tooi_uri


class WooCategory(StrEnum):
    """The value is the article of the Woo that defines the category."""

    WETTEN = "3.3.1a"
    BESLUITEN_ALGEMENE_STREKKING = "3.3.1b"
    ONTWERPEN_REGELGEVING = "3.3.1c"
    ORGANISATIE_WERKWIJZE = "3.3.1d"
    BEREIKBAARHEID = "3.3.1e"
    INGEKOMEN_STUKKEN = "3.3.2a"
    VERGADERSTUKKEN_STATEN_GENERAAL = "3.3.2b"
    VERGADERSTUKKEN_DECENTRAAL = "3.3.2c"
    AGENDAS_BESLUITENLIJSTEN_COLLEGES = "3.3.2d"
    ADVIEZEN = "3.3.2e"
    CONVENANTEN = "3.3.2f"
    JAARPLANNEN_JAARVERSLAGEN = "3.3.2g"
    SUBSIDIEVERPLICHTINGEN = "3.3.2h"
    WOO_VERZOEKEN = "3.3.2i"
    ONDERZOEKSRAPPORTEN = "3.3.2j"
    BESCHIKKINGEN = "3.3.2k"
    KLACHTOORDELEN = "3.3.2l"
    INSPANNINGSVERPLICHTING = "3.1"


@dataclass(frozen=True)
class CategoryInfo:
    value: WooCategory
    label: str  # the TOOI label

    @property
    def tooi_uri(self) -> str:
        return tooi_uri("informatiecategorieen", self.label)


W = WooCategory
CATEGORIES: dict[WooCategory, CategoryInfo] = {
    c.value: c
    for c in (
        CategoryInfo(W.WETTEN, "wetten en algemeen verbindende voorschriften"),
        CategoryInfo(W.BESLUITEN_ALGEMENE_STREKKING, "overige besluiten van algemene strekking"),
        CategoryInfo(
            W.ONTWERPEN_REGELGEVING, "ontwerpen van wet- en regelgeving met adviesaanvraag"
        ),
        CategoryInfo(W.ORGANISATIE_WERKWIJZE, "organisatie en werkwijze"),
        CategoryInfo(W.BEREIKBAARHEID, "bereikbaarheidsgegevens"),
        CategoryInfo(W.INGEKOMEN_STUKKEN, "bij vertegenwoordigende organen ingekomen stukken"),
        CategoryInfo(W.VERGADERSTUKKEN_STATEN_GENERAAL, "vergaderstukken Staten-Generaal"),
        CategoryInfo(W.VERGADERSTUKKEN_DECENTRAAL, "vergaderstukken decentrale overheden"),
        CategoryInfo(
            W.AGENDAS_BESLUITENLIJSTEN_COLLEGES, "agenda’s en besluitenlijsten bestuurscolleges"
        ),
        CategoryInfo(W.ADVIEZEN, "adviezen"),
        CategoryInfo(W.CONVENANTEN, "convenanten"),
        CategoryInfo(W.JAARPLANNEN_JAARVERSLAGEN, "jaarplannen en jaarverslagen"),
        CategoryInfo(W.SUBSIDIEVERPLICHTINGEN, "subsidieverplichtingen anders dan met beschikking"),
        CategoryInfo(W.WOO_VERZOEKEN, "Woo-verzoeken en -besluiten"),
        CategoryInfo(W.ONDERZOEKSRAPPORTEN, "onderzoeksrapporten"),
        CategoryInfo(W.BESCHIKKINGEN, "beschikkingen"),
        CategoryInfo(W.KLACHTOORDELEN, "klachtoordelen"),
        CategoryInfo(W.INSPANNINGSVERPLICHTING, "inspanningsverplichting art 3.1 Woo"),
    )
}
_COLLEGE = re.compile(r"college|colleges|collegevergadering|bw|gs")


def _of_college(*texts: str | None) -> bool:
    return any(_COLLEGE.fullmatch(word) for text in texts if text for word in words(text))


def category_for(doctype: DocType, *texts: str | None) -> WooCategory:
    """The Woo category of a council record of type `doctype`; `texts` (label, title) tell
    whether an agenda or besluitenlijst is the college's."""
    if doctype is DocType.INGEKOMEN_STUK:
        return W.INGEKOMEN_STUKKEN
    if doctype in (DocType.AGENDA, DocType.BESLUITENLIJST) and _of_college(*texts):
        return W.AGENDAS_BESLUITENLIJSTEN_COLLEGES
    return W.VERGADERSTUKKEN_DECENTRAAL


def label_of(value: str) -> str | None:
    try:
        return CATEGORIES[WooCategory(value)].label
    except ValueError:
        return None


__all__ = ["CATEGORIES", "CategoryInfo", "WooCategory", "category_for", "label_of"]
