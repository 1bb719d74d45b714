"""Withdrawal for a source whose listing is read in full on every run (DiWoo sitemaps): the
crawl reports `listed_in_full`, and every document of the source it did not see is withdrawn;
not after a crawl with errors, not when it saw none (an empty listing is not trusted), never a
document of another source. On both store backends (PostgreSQL runs in CI); the whole story
through the harvest run is in tests/crawlers/test_diwoo_harvest.py."""

from __future__ import annotations

from crawlers.report import CrawlReport
from normalize.records import Document, Organization, Supplier
from vindplaats.harvest.withdraw import withdraw_unseen
from vindplaats.sources import build_source
from vindplaats.store import Store
from vindplaats.store.models import HarvestRun


def document(key: str, native: str) -> Document:
    return Document.build(
        Supplier.DIWOO,
        key,
        native,
        title=f"Woo-document {native}",
        original_url=f"https://woo.example.nl/{native}.pdf",
        organization_id=f"organization:diwoo:{key}:{key}",
    )


def listed(documents: int, errors: int = 0) -> CrawlReport:
    counts = {"api_responses": 3, "documents": documents, "listed_in_full": 1}
    if errors:
        counts = {"api_responses": 3, "documents": documents, "errors": errors}
    return CrawlReport(status="partial" if errors else "ok", counts=counts)


def stored(store: Store) -> list[Document]:
    for key in ("utrecht", "elders"):
        store.upsert_source(
            build_source(key=key, name=key, supplier="diwoo", base_url="https://woo.example.nl")
        )
        store.upsert_record(Organization.build(Supplier.DIWOO, key, key, name=key))
    docs = [document("utrecht", n) for n in ("a", "b", "c")]
    for doc in [*docs, document("elders", "x")]:
        store.upsert_record(doc)
    return docs


def crawl_seeing(store: Store, docs: list[Document]) -> HarvestRun:
    run = store.start_run("utrecht")  # the run starts, then its crawl stores what it saw
    for doc in docs:
        store.upsert_record(doc)
    return run


def test_documents_a_full_listing_no_longer_holds_are_withdrawn(store: Store) -> None:
    a, b, c = stored(store)
    run = crawl_seeing(store, [a])
    withdrawal = withdraw_unseen(store, run, listed(documents=1))
    assert withdrawal.complete
    assert withdrawal.counts["withdrawn"] == withdrawal.counts["withdrawn_documents"] == 2
    assert store.withdrawn_record_ids("document") == {b.id, c.id}  # not the other source's
    assert store.withdrawn_since(a.id) is None
    again = crawl_seeing(store, [a, b])  # b is listed again: current again, c stays withdrawn
    assert withdraw_unseen(store, again, listed(documents=2)).counts["withdrawn"] == 0
    assert store.withdrawn_record_ids("document") == {c.id}


def test_a_crawl_with_errors_withdraws_nothing(store: Store) -> None:
    a, _, _ = stored(store)
    run = crawl_seeing(store, [a])
    withdrawal = withdraw_unseen(store, run, listed(documents=1, errors=1))
    assert not withdrawal.complete
    assert withdrawal.notes == ["nothing marked withdrawn: the crawl had 1 errors"]
    assert store.withdrawn_record_ids("document") == set()


def test_an_empty_listing_is_not_trusted(store: Store) -> None:
    stored(store)
    run = crawl_seeing(store, [])
    withdrawal = withdraw_unseen(store, run, listed(documents=0))
    assert not withdrawal.complete
    assert withdrawal.notes == [
        "nothing marked withdrawn: the source listed none of the 3 documents stored for it "
        "(an empty listing is not trusted)"
    ]
    assert store.withdrawn_record_ids("document") == set()
