"""Document blueprints: what kind of council document each sample document is (title, NotuBiz
document type, category, policy field) and how its pages of Dutch text are composed from its
own paragraphs (`pages`), seeded filler (`texts`) and the town's people and places (`places`).

Composition is deterministic: filler paragraphs are drawn with a `random.Random` seeded by the
document id and version.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from vindplaats.sandbox.pages import PAGES
from vindplaats.sandbox.places import FLAVOURS
from vindplaats.sandbox.texts import FILLER, SAMPLE_NOTICE, SCANNED_LETTER, UNIQUE_WORD_PARAGRAPH

UNIQUE_WORD = "zwaluwstaartvlinder"
SCANNED_WORD = "snelheidsremmers"


@dataclass(frozen=True)
class Blueprint:
    key: str
    title: str
    file_stem: str
    type_id: int
    type_label: str
    category: str
    policy_field: str
    topic: str
    pages: int


_B = Blueprint
# fmt: off
BLUEPRINTS: dict[str, Blueprint] = {
    b.key: b
    for b in (
        _B("agenda", "Agenda {gremium} {datum}", "agenda", 1, "Agenda", "Agenda", "Bestuur",
           "bestuur", 1),
        _B("besluitenlijst", "Besluitenlijst {gremium} {datum}", "besluitenlijst", 2,
           "Besluitenlijst", "Besluitenlijst", "Bestuur", "bestuur", 2),
        _B("notulen", "Notulen {gremium} {datum}", "notulen", 3, "Notulen", "Verslag", "Bestuur",
           "bestuur", 4),
        _B("raadsvoorstel_begroting", "Raadsvoorstel Programmabegroting 2026",
           "raadsvoorstel-programmabegroting-2026", 4, "Raadsvoorstel", "Raadsvoorstel",
           "Financiën", "financien", 3),
        _B("begroting", "Programmabegroting 2026", "programmabegroting-2026", 5, "Begroting",
           "Bijlage", "Financiën", "financien", 6),
        _B("raadsbesluit_begroting", "Raadsbesluit Programmabegroting 2026",
           "raadsbesluit-programmabegroting-2026", 6, "Raadsbesluit", "Besluit", "Financiën",
           "financien", 1),
        _B("amendement_buurthuizen", "Amendement A1 Behoud buurthuizen (Begroting 2026)",
           "amendement-a1-behoud-buurthuizen", 7, "Amendement", "Amendement", "Sociaal domein",
           "sociaal", 1),
        _B("motie_vreemd_zwemles", "Motie vreemd aan de orde van de dag: zwemles voor ieder kind",
           "motie-vreemd-zwemles", 8, "Motie", "Motie", "Sport", "sociaal", 1),
        _B("raadsvoorstel_bestemmingsplan", "Raadsvoorstel Vaststelling bestemmingsplan {project}",
           "raadsvoorstel-bestemmingsplan", 4, "Raadsvoorstel", "Raadsvoorstel", "Ruimte",
           "ruimte", 3),
        _B("raadsbesluit_bestemmingsplan", "Raadsbesluit bestemmingsplan {project}",
           "raadsbesluit-bestemmingsplan", 6, "Raadsbesluit", "Besluit", "Ruimte", "ruimte", 1),
        _B("natuurtoets", "Natuurtoets bestemmingsplan {project}", "natuurtoets", 9,
           "Onderzoeksrapport", "Bijlage", "Ruimte", "ruimte", 5),
        _B("vragen_jeugdzorg", "Schriftelijke vragen over wachtlijsten in de jeugdzorg",
           "schriftelijke-vragen-jeugdzorg", 10, "Schriftelijke vragen", "Raadsvragen",
           "Sociaal domein", "sociaal", 2),
        _B("antwoord_jeugdzorg", "Beantwoording schriftelijke vragen jeugdzorg",
           "beantwoording-vragen-jeugdzorg", 11, "Beantwoording", "Raadsvragen",
           "Sociaal domein", "sociaal", 1),
        _B("vragen_woningbouw", "Schriftelijke vragen over woningbouw voor starters",
           "schriftelijke-vragen-woningbouw", 10, "Schriftelijke vragen", "Raadsvragen",
           "Wonen", "ruimte", 2),
        _B("vragen_energietransitie", "Schriftelijke vragen over de warmtetransitie in {wijk}",
           "schriftelijke-vragen-warmtetransitie", 10, "Schriftelijke vragen", "Raadsvragen",
           "Energie", "energie", 1),
        _B("collegebrief_energie", "Collegebrief voortgang energietransitie",
           "collegebrief-energietransitie", 12, "Collegebrief", "Ingekomen stuk", "Energie",
           "energie", 2),
        _B("raadsinformatiebrief_jeugd", "Raadsinformatiebrief wachttijden jeugdzorg",
           "raadsinformatiebrief-jeugdzorg", 13, "Raadsinformatiebrief", "Informatie",
           "Sociaal domein", "sociaal", 2),
        _B("toezegging_memo", "Memo afdoening toezegging evaluatie jeugdzorg",
           "memo-toezegging-jeugdzorg", 14, "Memo", "Toezegging", "Sociaal domein", "sociaal", 1),
        _B("kadernota", "Kadernota 2027", "kadernota-2027", 15, "Kadernota", "Raadsvoorstel",
           "Financiën", "financien", 4),
        _B("jaarrekening", "Jaarstukken 2025", "jaarstukken-2025", 16, "Jaarstukken",
           "Raadsvoorstel", "Financiën", "financien", 3),
        _B("brief_verkeer", "Brief bewonersvereniging over verkeersveiligheid {straat}",
           "brief-verkeersveiligheid", 17, "Ingekomen brief", "Ingekomen stuk", "Verkeer",
           "verkeer", 1),
        _B("presentatie", "Presentatie wethouder woningbouwprogramma", "presentatie-woningbouw",
           18, "Presentatie", "Bijlage", "Wonen", "ruimte", 1),
        _B("kaart", "Bijlage plankaart {project}", "plankaart", 19, "Kaart", "Bijlage", "Ruimte",
           "ruimte", 1),
        _B("verslag_werkbezoek", "Verslag werkbezoek {wijk}", "verslag-werkbezoek", 20, "Verslag",
           "Verslag", "Bestuur", "bestuur", 1),
        _B("motie_register", "{motie}", "motie", 8, "Motie", "Motie", "Bestuur", "bestuur", 1),
    )
}
# fmt: on


def fill(template: str, source_key: str, **extra: str) -> str:
    """Fill a text template with the municipality's flavour (and any extra placeholders)."""
    values = dict(FLAVOURS[source_key])
    values.setdefault("jaar", "2026")
    values.update(extra)
    return template.format(**values)


@dataclass(frozen=True)
class Page:
    heading: str
    paragraphs: tuple[str, ...]


def compose_pages(
    *,
    document_id: int,
    blueprint: str,
    source_key: str,
    title: str,
    pages: int,
    version: int,
    unique_word_page: int | None = None,
) -> list[Page]:
    """The pages of text of one document version (page 1 opens with the title block)."""
    bp = BLUEPRINTS[blueprint]
    rng = random.Random(f"{document_id}:{version}")
    fixed = PAGES[blueprint]
    pool = [fill(p, source_key) for p in FILLER[bp.topic]]
    gemeente = FLAVOURS[source_key]["gemeente"]
    result = []
    for number in range(1, pages + 1):
        own = [fill(p, source_key) for p in fixed[number - 1]] if number <= len(fixed) else []
        extra = rng.sample(pool, k=min(len(pool), 1 if own else 3))
        paragraphs = own + extra
        if number == 1 and version > 1:
            paragraphs.insert(0, f"Gewijzigde versie {version}: deze versie vervangt de vorige.")
        if number == unique_word_page:
            paragraphs.append(UNIQUE_WORD_PARAGRAPH.format(unique_word=UNIQUE_WORD))
        heading = title if number == 1 else f"{title} (vervolg)"
        result.append(Page(heading=heading, paragraphs=tuple(paragraphs)))
    result[0] = Page(
        heading=result[0].heading,
        paragraphs=(f"Gemeente {gemeente}. {SAMPLE_NOTICE}", *result[0].paragraphs),
    )
    return result


def scanned_letter_lines(source_key: str) -> list[str]:
    return [fill(line, source_key, scanned_word=SCANNED_WORD) for line in SCANNED_LETTER]
