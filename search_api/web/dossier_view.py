"""A Woo-besluit dossier as its web page shows it, in Dutch: the decision's facts in words, the
judgement and refusal-ground counts with labels, and each inventory row with its date, judgement,
grounds (code and what it protects) and a link: to the harvested document it is joined to
(`/documenten/{id}`), else to the inventory's own link when that is a web address."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from normalize.dossier import Dossier, DossierGround, InventoryEntry, Period
from normalize.grounds import GROUNDS, Law
from normalize.records import Document
from search_api.web.dutch_time import long_date

LAWS = {Law.WOO: "Woo (Wet open overheid)", Law.WOB: "Wob (Wet openbaarheid van bestuur)"}
OUTCOME_SOURCES = {
    "metadata": "volgens de gegevens van het besluit",
    "judgements": "afgeleid uit de beoordelingen in de inventarislijst",
}
PROBLEMS = {
    "inventory_unreadable": "Inventarislijst onleesbaar",
    "inventory_not_downloaded": "Inventarislijst niet gedownload",
    "inventory_row": "Rij van de inventarislijst",
    "no_inventory": "Geen inventarislijst",
    "not_harvested": "Niet geoogst",
}
ROLES = {"decision": "besluit", "inventory": "inventarislijst", "document": "document"}
UNKNOWN = "onbekend"


def document_href(doc_id: str) -> str:
    return "/documenten/" + quote(doc_id, safe=":")


def web_link(url: str | None) -> str | None:
    """`url` when it is an absolute http(s) address (a link people may follow), else None."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


@dataclass(frozen=True)
class GroundView:
    code: str | None
    written: str
    label: str | None


def ground_view(ground: DossierGround) -> GroundView:
    known = GROUNDS.get(ground.code) if ground.code else None
    return GroundView(
        code=ground.code,
        written=ground.written,
        label=ground.label or (known.label if known else None),
    )


def ground_label(code: str) -> str | None:
    known = GROUNDS.get(code)
    return known.label if known else None


@dataclass(frozen=True)
class RowView:
    number: str
    name: str
    date: str
    judgement: str
    grounds: list[GroundView]
    explanation: str | None
    href: str | None
    joined: bool  # href is the harvested document's page


def row_view(entry: InventoryEntry, doc: Document | None) -> RowView:
    """The row; `doc`: the harvested document it is joined to, when the store holds it."""
    href: str | None
    if entry.document_id and doc is not None:
        href, joined = document_href(entry.document_id), True
    else:
        href, joined = web_link(entry.link), False
    judgement = entry.judgement.value if entry.judgement else entry.judgement_text or UNKNOWN
    return RowView(
        number=entry.number,
        name=entry.name or (doc.title if doc else "") or "(zonder naam)",
        date=long_date(entry.date),
        judgement=judgement,
        grounds=[ground_view(g) for g in entry.grounds],
        explanation=entry.explanation,
        href=href,
        joined=joined,
    )


def period_text(period: Period | None) -> str:
    if period is None or (period.start is None and period.end is None):
        return ""
    if period.start == period.end:
        return long_date(period.start)
    return f"{long_date(period.start) or '…'} – {long_date(period.end) or '…'}"


@dataclass(frozen=True)
class DocumentView:
    title: str
    role: str
    href: str | None
    harvested: bool


def document_view(doc_id: str, role: str, doc: Document | None) -> DocumentView:
    if doc is None:
        return DocumentView(title=doc_id, role=ROLES[role], href=None, harvested=False)
    return DocumentView(
        title=doc.title, role=ROLES[role], href=document_href(doc_id), harvested=True
    )


def facts(dossier: Dossier) -> list[tuple[str, str]]:
    """The decision's facts as (term, value) pairs; absent ones left out."""
    outcome = dossier.outcome.value if dossier.outcome else ""
    if outcome and dossier.outcome_source:
        outcome += f" ({OUTCOME_SOURCES[dossier.outcome_source.value]})"
    pairs = [
        ("Besluitdatum", long_date(dossier.decision_date)),
        ("Uitkomst", outcome or UNKNOWN),
        ("Wet", LAWS[dossier.law] if dossier.law else ""),
        ("Periode van de documenten", period_text(dossier.period)),
        ("Zaaknummer", dossier.case_number or ""),
        ("Publicerende organisatie", dossier.publisher.label if dossier.publisher else ""),
    ]
    return [(term, value) for term, value in pairs if value]


__all__ = [
    "DocumentView",
    "GroundView",
    "RowView",
    "document_href",
    "document_view",
    "facts",
    "ground_label",
    "row_view",
    "web_link",
]
