"""What the indexer gives every record for the Woo filters and facets (`index_woo`, through
`IndexDocBuilder` over a real store): publisher, information categories, TOOI documentsoorten
and themes, and the judgement and refusal grounds of the dossiers in the store."""

from __future__ import annotations

from pathlib import Path

from normalize.inventory_values import Judgement
from normalize.records import Document, Organization
from tests.vindplaats.harvest.woo_corpus import (
    ADVIES_DOC,
    ASSESSMENTS,
    CONVENANT_DOC,
    DIWOO,
    DOSSIERS,
    INGEKOMEN_DOC,
    MAILS_DOC,
    MOTION,
    RAADSVOORSTEL_DOC,
    TESTDAM,
    UTRECHT,
    VWS,
    VWS_NAME,
    VWS_ORG,
    store_corpus,
    woo,
)
from vindplaats.engine.base import SearchQuery
from vindplaats.engine.embedded import EmbeddedEngine
from vindplaats.harvest.index import IndexDocBuilder, all_ids, index_documents, pending_ids
from vindplaats.harvest.index_woo import StoredAssessments
from vindplaats.store.base import Store


def test_a_woo_publication_carries_its_diwoo_metadata(store: Store) -> None:
    store_corpus(store)
    built = IndexDocBuilder(store).build(ADVIES_DOC)
    assert built.woo_category == "3.3.2i" and built.woo_categories == ["3.3.2i", "3.3.2e"]
    assert (built.publisher, built.publisher_uri) == (VWS_NAME, VWS)
    assert built.woo_document_type == ["advies"] and built.woo_theme == ["afval"]
    assert (built.woo_judgement, built.woo_ground) == ("openbaar", [])
    mails = IndexDocBuilder(store).build(MAILS_DOC)
    assert (mails.woo_judgement, mails.woo_ground) == ("deels openbaar", ["5.1.2e", "5.1.2i"])


def test_codes_unknown_to_tooi_are_kept_and_a_known_label_counts(store: Store) -> None:
    store_corpus(store)
    built = IndexDocBuilder(store).build(CONVENANT_DOC)
    assert (built.publisher, built.publisher_uri) == ("gemeente Utrecht", UTRECHT)
    assert built.woo_document_type == ["advies"]  # invented URI `c_advies`, label "Advies"
    assert built.woo_theme == ["stadsontwikkeling"]  # no TOOI theme: kept, in lower case


def test_council_records_carry_their_organisation_and_tooi_documentsoort(store: Store) -> None:
    store_corpus(store)
    builder = IndexDocBuilder(store)
    proposal = builder.build(RAADSVOORSTEL_DOC)
    assert (proposal.publisher, proposal.publisher_uri) == ("gemeente Utrecht", UTRECHT)
    assert (proposal.woo_category, proposal.woo_document_type) == ("3.3.2c", ["vergaderstuk"])
    received = builder.build(INGEKOMEN_DOC)
    assert (received.woo_category, received.woo_document_type) == ("3.3.2a", ["ingekomen stuk"])
    assert received.woo_theme == [] and received.woo_judgement is None
    motion = builder.build_motion(MOTION)
    assert (motion.publisher, motion.publisher_uri) == ("Gemeente Testdam", TESTDAM)
    assert motion.woo_document_type == ["motie"]


def test_an_organisations_own_tooi_uri_comes_before_its_sources(store: Store) -> None:
    store_corpus(store)
    amsterdam = "https://identifier.overheid.nl/tooi/id/gemeente/gm0363"
    org = Organization.build(DIWOO, "vws", "other", name="Elders", tooi_uri=amsterdam)
    store.upsert_record(org)
    plain = Document.build(
        DIWOO,
        "vws",
        "https://open.example.nl/plain.pdf",
        title="Zonder metadata",
        original_url="https://open.example.nl/plain.pdf",
        organization_id=org.id,
    )
    built = IndexDocBuilder(store).build(plain)
    assert (built.publisher, built.publisher_uri) == ("gemeente Amsterdam", amsterdam)
    assert built.woo_categories == [plain.woo_category.value]


def test_a_woo_publication_without_publisher_or_known_category_falls_back(store: Store) -> None:
    store_corpus(store)
    meta = woo("3.3.2e", publisher={"label": "x"}, types=[], themes=[]).model_copy(
        update={"publisher": None, "informatiecategorieen": []}
    )
    doc = Document.build(
        DIWOO,
        "vws",
        "https://open.example.nl/kaal.pdf",
        title="Rapport zonder categorie",
        original_url="https://open.example.nl/kaal.pdf",
        organization_id=VWS_ORG.id,
        woo=meta,
    )
    built = IndexDocBuilder(store).build(doc)
    assert (built.publisher, built.publisher_uri) == (VWS_NAME, VWS)  # its source's TOOI URI
    assert built.woo_categories == [doc.woo_category.value]
    assert built.woo_document_type == ["rapport"]  # from its controlled type


def test_judgements_and_grounds_come_from_the_dossiers_in_the_store(
    tmp_path: Path, store: Store
) -> None:
    store_corpus(store)
    lookup = StoredAssessments(store)
    assert {doc_id: lookup(doc_id) for doc_id in all_ids(store)} == {
        doc_id: ASSESSMENTS.get(doc_id) for doc_id in all_ids(store)
    }  # the unjoined row's 5.1.1c and the unreadable "zie besluit" are nobody's
    with EmbeddedEngine(tmp_path / "index") as engine:
        report = index_documents(store, engine, all_ids(store))
        assert report.failed == {} and report.indexed == 7
        judged = engine.search(SearchQuery()).facets["woo_judgement"]
        assert sum(f.count for f in judged) == 3
        store.mark_withdrawn([DOSSIERS[0].id])  # a withdrawn dossier judges nothing any more
        index_documents(store, engine, [MAILS_DOC.id, ADVIES_DOC.id])
        judged = engine.search(SearchQuery()).facets["woo_judgement"]
        assert [(f.value, f.count) for f in judged] == [("niet openbaar", 1)]
        index_documents(store, engine, all_ids(store), assessments={}.get)  # another input
        assert engine.search(SearchQuery()).facets["woo_ground"] == []


def test_a_dossier_that_changes_or_goes_sends_its_documents_back_to_indexing(
    tmp_path: Path, store: Store
) -> None:
    """What the harvest run's index stage picks up (`pending_ids`) after the dossier stage."""
    store_corpus(store)
    with EmbeddedEngine(tmp_path / "index") as engine:
        index_documents(store, engine, all_ids(store))
        assert pending_ids(store) == []

        def judged() -> list[tuple[str, int]]:
            index_documents(store, engine, pending_ids(store))
            facet = engine.search(SearchQuery()).facets["woo_judgement"]
            return [(f.value, f.count) for f in facet]

        assert judged() == [("deels openbaar", 1), ("niet openbaar", 1), ("openbaar", 1)]
        letter, rows = DOSSIERS[0], list(DOSSIERS[0].inventory)
        rows[1] = rows[1].model_copy(update={"judgement": Judgement.REEDS_OPENBAAR})
        assert store.save_dossier(letter.model_copy(update={"inventory": rows}))
        assert set(pending_ids(store)) == set(letter.document_ids)
        assert judged() == [("deels openbaar", 1), ("niet openbaar", 1), ("reeds openbaar", 1)]
        assert store.save_dossier(DOSSIERS[1]) is False and pending_ids(store) == []
        store.mark_withdrawn([DOSSIERS[1].id])
        assert pending_ids(store) == [CONVENANT_DOC.id]
        assert judged() == [("deels openbaar", 1), ("reeds openbaar", 1)]
