"""A mixed store for the Woo filters and facets: council records beside Woo publications.

Three sources: `vws` (a ministry publishing a Woo-besluit: the decision letter and two assessed
documents), `utrecht` (a municipality: two council documents, and a covenant published with DiWoo
metadata whose codes are partly invented) and `testdam` (a municipality whose TOOI URI is in no
list: a motion document and a motion). The ministry's and the municipality's Woo-besluit dossiers
are stored with their inventory rows (judgements, refusal grounds) joined to the documents;
`ASSESSMENTS` is what they say per document. `build_corpus` stores all of it and indexes it
through the indexer (`index_documents`, `index_motions`) into the embedded engine of the returned
settings. `FACETS` is what search must count over all of it.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from normalize.dossier import Dossier, DossierGround, InventoryEntry
from normalize.grounds import parse_grounds
from normalize.inventory_values import Judgement
from normalize.records import Document, Motion, MotionResult, Organization, Supplier
from normalize.woo_categories import CATEGORIES, WooCategory
from normalize.woo_metadata import WooMetadata
from vindplaats.engine import open_engine
from vindplaats.harvest.index import all_ids, index_documents, index_motions
from vindplaats.harvest.index_woo import Assessment
from vindplaats.settings import Settings, load_settings
from vindplaats.sources import build_source
from vindplaats.store import open_store
from vindplaats.store.base import Store

KERN = "https://identifier.overheid.nl/tooi/def/thes/kern/"
TOP = "https://identifier.overheid.nl/tooi/def/thes/top/"
VWS = "https://identifier.overheid.nl/tooi/id/ministerie/mnre1025"
UTRECHT = "https://identifier.overheid.nl/tooi/id/gemeente/gm0344"
TESTDAM = "https://identifier.overheid.nl/tooi/id/gemeente/gm9999"  # in no TOOI list
BESLUIT = f"{KERN}c_465163c9"
ADVIES = f"{KERN}c_d506b718"
AFVAL = f"{TOP}c_d96f9cd3"
VWS_NAME = "ministerie van Volksgezondheid, Welzijn en Sport"

DIWOO, NOTUBIZ = Supplier.DIWOO, Supplier.NOTUBIZ


def woo(
    *categories: str, publisher: dict[str, str], types: list[Any], themes: list[Any]
) -> WooMetadata:
    """DiWoo metadata as the spider gives it: categories by article, coded values as dicts."""
    return WooMetadata.model_validate(
        {
            "publisher": publisher,
            "officiele_titel": "Woo-publicatie",
            "informatiecategorieen": [
                {"uri": CATEGORIES[WooCategory(c)].tooi_uri} for c in categories
            ],
            "documentsoorten": types,
            "themas": themes,
            "documenthandelingen": [
                {
                    "soort_handeling": {"label": "vaststelling"},
                    "at_time": datetime(2025, 3, 1, tzinfo=UTC),
                }
            ],
        }
    )


def _woo_doc(
    source: str, native: str, title: str, org: Organization, meta: WooMetadata
) -> Document:
    url = f"https://open.example.nl/{source}/{native}.pdf"
    built: Document = Document.build(
        DIWOO, source, url, title=title, original_url=url, organization_id=org.id, woo=meta
    )
    return built


VWS_ORG = Organization.build(DIWOO, "vws", "vws", name="VWS")
UTRECHT_ORG = Organization.build(NOTUBIZ, "utrecht", "344", name="Utrecht")
UTRECHT_WOO_ORG = Organization.build(DIWOO, "utrecht-woo", "utrecht", name="Utrecht")
TESTDAM_ORG = Organization.build(NOTUBIZ, "testdam", "99", name="Gemeente Testdam")
VWS_PUBLISHER = {"uri": VWS, "label": VWS_NAME}

BESLUIT_DOC = _woo_doc(
    "vws",
    "besluit",
    "Besluit op het Woo-verzoek over vaccinatiecampagnes",
    VWS_ORG,
    woo(
        "3.3.2i",
        publisher=VWS_PUBLISHER,
        types=[{"uri": BESLUIT, "label": "Besluit"}],
        themes=[{"label": "Zorg en gezondheid"}],
    ),
)
MAILS_DOC = _woo_doc(
    "vws",
    "mails",
    "E-mails over de vaccinatiecampagne",
    VWS_ORG,
    woo("3.3.2i", publisher=VWS_PUBLISHER, types=[{"label": "e-mail"}], themes=[]),
)
ADVIES_DOC = _woo_doc(
    "vws",
    "advies",
    "Advies van de Gezondheidsraad",
    VWS_ORG,
    woo(
        "3.3.2i",
        "3.3.2e",
        publisher=VWS_PUBLISHER,
        types=[{"uri": ADVIES}],
        themes=[{"uri": AFVAL}],
    ),
)
CONVENANT_DOC = _woo_doc(
    "utrecht-woo",
    "convenant",
    "Convenant afvalinzameling",
    UTRECHT_WOO_ORG,
    woo(
        "3.3.2f",
        publisher={"uri": UTRECHT, "label": "Gemeente Utrecht"},
        types=[{"uri": f"{KERN}c_advies", "label": "Advies"}],  # an invented code, a known label
        themes=[{"label": "Stadsontwikkeling"}],  # not a TOOI theme
    ),
)
RAADSVOORSTEL_DOC: Document = Document.build(
    NOTUBIZ,
    "utrecht",
    "2001",
    title="Raadsvoorstel afvalbeleid",
    original_url="https://utrecht.example.nl/2001.pdf",
    organization_id=UTRECHT_ORG.id,
    document_type="Raadsvoorstel",
)
INGEKOMEN_DOC: Document = Document.build(
    NOTUBIZ,
    "utrecht",
    "2002",
    title="Brief van een inwoner",
    original_url="https://utrecht.example.nl/2002.pdf",
    organization_id=UTRECHT_ORG.id,
    document_type="Ingekomen stukken",
)
MOTIE_DOC: Document = Document.build(
    NOTUBIZ,
    "testdam",
    "3001",
    title="Motie zwerfafval",
    original_url="https://testdam.example.nl/3001.pdf",
    organization_id=TESTDAM_ORG.id,
    document_type="Motie",
)
MOTION: Motion = Motion.build(
    NOTUBIZ,
    "testdam",
    "m1",
    title="Motie zwerfafval",
    motion_type="motie",
    result=MotionResult.AANGENOMEN,
    organization_id=TESTDAM_ORG.id,
)
WOO_DOCS = (BESLUIT_DOC, MAILS_DOC, ADVIES_DOC, CONVENANT_DOC)
COUNCIL_DOCS = (RAADSVOORSTEL_DOC, INGEKOMEN_DOC, MOTIE_DOC)

# What the inventory lists of the dossiers say of their documents (the dossier input).
ASSESSMENTS = {
    MAILS_DOC.id: Assessment("deels openbaar", ("5.1.2e", "5.1.2i")),
    ADVIES_DOC.id: Assessment("openbaar"),
    CONVENANT_DOC.id: Assessment("niet openbaar", ("5.1.2e",)),
}

# Every facet over the whole corpus (documents and the motion), count then value.
FACETS = {
    "woo_category": [("3.3.2c", 3), ("3.3.2i", 3), ("3.3.2a", 1), ("3.3.2e", 1), ("3.3.2f", 1)],
    "publisher": [("gemeente Utrecht", 3), (VWS_NAME, 3), ("Gemeente Testdam", 2)],
    "woo_document_type": [
        ("advies", 2),
        ("motie", 2),
        ("besluit", 1),
        ("e-mail", 1),
        ("ingekomen stuk", 1),
        ("vergaderstuk", 1),
    ],
    "woo_theme": [("afval", 1), ("stadsontwikkeling", 1), ("zorg en gezondheid", 1)],
    "woo_judgement": [("deels openbaar", 1), ("niet openbaar", 1), ("openbaar", 1)],
    "woo_ground": [("5.1.2e", 2), ("5.1.2i", 1)],
}


def _row(
    number: int, doc: Document | None, judgement: Judgement, grounds: str = ""
) -> InventoryEntry:
    return InventoryEntry(
        number=str(number),
        line=number + 1,
        inventory_document_id="document:diwoo:vws:inventaris",
        judgement=judgement,
        grounds=[
            DossierGround(written=g.written, code=g.code, law=g.law, label=g.label)
            for g in parse_grounds(grounds)
        ],
        document_id=doc.id if doc is not None else None,
    )


def _dossier(
    letter: Document, org: Organization, docs: list[Document], rows: list[InventoryEntry]
) -> Dossier:
    built: Dossier = Dossier.build(
        DIWOO,
        letter.source_key,
        letter.original_url,
        title=letter.title,
        organization_id=org.id,
        decision_document_id=letter.id,
        document_ids=[letter.id, *(d.id for d in docs)],
        inventory=rows,
    )
    return built


DOSSIERS = (
    _dossier(
        BESLUIT_DOC,
        VWS_ORG,
        [MAILS_DOC, ADVIES_DOC],
        [
            _row(1, MAILS_DOC, Judgement.DEELS_OPENBAAR, "5.1.2 e; 5.1.2i;"),
            _row(2, ADVIES_DOC, Judgement.OPENBAAR),
            _row(3, None, Judgement.NIET_OPENBAAR, "5.1.1c"),  # not harvested: joined to nothing
        ],
    ),
    _dossier(
        CONVENANT_DOC,
        UTRECHT_WOO_ORG,
        [],
        [_row(1, CONVENANT_DOC, Judgement.NIET_OPENBAAR, "5.1.2e; zie besluit")],
    ),
)


def store_corpus(store: Store) -> None:
    store.upsert_source(build_source(key="vws", name="VWS", supplier="diwoo", tooi_uri=VWS))
    store.upsert_source(
        build_source(key="utrecht-woo", name="Utrecht Woo", supplier="diwoo", tooi_uri=UTRECHT)
    )
    store.upsert_source(
        build_source(
            key="utrecht",
            name="Utrecht",
            supplier="notubiz",
            notubiz_organisation_id="344",
            tooi_uri=UTRECHT,
        )
    )
    store.upsert_source(
        build_source(
            key="testdam",
            name="Testdam",
            supplier="notubiz",
            notubiz_organisation_id="99",
            tooi_uri=TESTDAM,
        )
    )
    for record in (VWS_ORG, UTRECHT_ORG, UTRECHT_WOO_ORG, TESTDAM_ORG, *WOO_DOCS, *COUNCIL_DOCS):
        store.upsert_record(record)
    store.upsert_record(MOTION)
    for dossier in DOSSIERS:
        store.save_dossier(dossier)


def build_corpus(data_dir: Path) -> Settings:
    """The corpus stored and indexed in `data_dir`; its settings."""
    settings = load_settings(data_dir=data_dir)
    store = open_store(settings)
    engine = open_engine(settings)
    try:
        store_corpus(store)
        report = index_documents(store, engine, all_ids(store))
        motions = index_motions(store, engine)
        assert report.failed == {} and report.indexed == len(WOO_DOCS) + len(COUNCIL_DOCS)
        assert motions.failed == {} and motions.indexed == 1
    finally:
        engine.close()
        store.close()
    return settings
