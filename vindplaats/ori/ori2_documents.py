"""Documents in ORI 2.0's shape: `informatieobjecten` (Document) and `indieners` (a motion's
submitters, each of the motion's document).

An informatieobject's `link` is the original file: our stored copy
(`/api/documents/{id}/file`) when it was downloaded, else the supplier's URL, except when our
download of it failed (the link would not give the file). It carries the
document's Woo information category as mini-ORI 1.0.0 names it (`wooinformatiecategorie`, the
TOOI code such as `c_db4862c3`; ORI 2.0 has no field of its own for it and allows extra fields),
and its type in ORI's list where our document type has a match (`informatieobjecttype`).
"""

from __future__ import annotations

from functools import cache

from normalize.dates import dutch_day
from normalize.doctypes import DocType
from normalize.records import Motion
from normalize.woo_categories import CATEGORIES, WooCategory
from vindplaats.ori.ori2_corpus import Corpus, Entry, Links, compact, uuid_of
from vindplaats.ori.ori2_people import People, place_of

INFORMATIEOBJECTTYPE = {
    DocType.MOTIE: "motie",
    DocType.AMENDEMENT: "amendement",
    DocType.RAADSVOORSTEL: "voorstel",
    DocType.RAADSBESLUIT: "besluitvormingsstuk",
    DocType.INGEKOMEN_STUK: "ingekomen_stuk",
    DocType.TOEZEGGING: "toezegging",
    DocType.SCHRIFTELIJKE_VRAGEN: "vraag",
    DocType.RAADSINFORMATIEBRIEF: "mededeling",
}


@cache
def woo_code(category: WooCategory) -> str:
    """The TOOI code (`c_...`) of a Woo information category."""
    return CATEGORIES[category].tooi_uri.rstrip("/").rsplit("/", 1)[-1]


def motion_document(corpus: Corpus, motion: Motion) -> str | None:
    """The first of the motion's documents that is served (its text), if any."""
    return next((d for d in motion.document_ids if d in corpus.documents), None)


def informatieobject(corpus: Corpus, links: Links, doc_id: str, indieners: list[str]) -> Entry:
    """The document; `indieners`: the keys of its submitters (`indiener_keys`)."""
    doc = corpus.documents[doc_id]
    link: str | None = doc.original_url
    if doc.id in corpus.stored_files:
        link = links.file(doc.id)
    elif doc.id in corpus.failed_files or not doc.original_url.lower().startswith("http"):
        link = None
    day = doc.date or doc.published
    body = {
        "url": links.href("informatieobjecten", doc.id),
        "id": uuid_of(doc.id),
        "titel": doc.title[:200],
        "omschrijving": doc.description,
        "link": link,
        "creatiedatum": dutch_day(day).isoformat() if day else None,
        "versie": doc.version if doc.version and len(doc.version) <= 5 else None,
        "informatieobjecttype": INFORMATIEOBJECTTYPE.get(doc.document_type),
        "wooinformatiecategorie": woo_code(doc.woo_category),
        **place_of(corpus, doc.source_key),
        "vergaderingen": [
            links.ref("vergaderingen", m) for m in corpus.meetings_of_document(doc.id)
        ],
        "agendapunten": [links.ref("agendapunten", i) for i in corpus.items_of_document(doc.id)],
        "natuurlijkePersonen": sorted({links.href("natuurlijkpersonen", p) for p in indieners}),
    }
    return Entry(doc.id, compact(body), corpus.changed_at(doc.id))


def indiener_keys(corpus: Corpus, people: People) -> dict[str, tuple[str, str, str]]:
    """Every submitter of a served motion document: key → (motion id, document id, person)."""
    found: dict[str, tuple[str, str, str]] = {}
    for motion in sorted(corpus.motions.values(), key=lambda m: m.id):
        doc_id = motion_document(corpus, motion)
        if doc_id is None:
            continue
        for name in motion.submitters:
            person = people.person_key(motion.source_key, name, motion.id)
            if person is not None:
                found[f"ori-indiener:{motion.id}:{person}"] = (motion.id, doc_id, person)
    return found


def indiener(
    corpus: Corpus, links: Links, people: People, key: str, of: tuple[str, str, str]
) -> Entry:
    motion_id, doc_id, person = of
    body = {
        "url": links.href("indieners", key),
        "id": uuid_of(key),
        "naam": people.persons[person].name[:200],
        "informatieobject": links.ref("informatieobjecten", doc_id),
        "natuurlijkPersoon": links.ref("natuurlijkpersonen", person),
    }
    return Entry(key, compact(body), corpus.changed_at(motion_id, doc_id))
