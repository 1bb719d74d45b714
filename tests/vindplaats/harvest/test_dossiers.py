"""The dossier stage over a real store (SQLite, and PostgreSQL in CI) and real originals: a
Woo-besluit's harvested documents with their DiWoo metadata and downloaded files become one
dossier with the judgements and grounds of its inventory (XLSX written with openpyxl, or CSV)
joined to the harvested files; an unreadable or missing inventory is a recorded failure; running
again changes nothing; a dossier the documents no longer form is withdrawn."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from normalize.dossier import Dossier, JoinedBy, Outcome, OutcomeSource, ProblemKind
from normalize.dossier_build import build_dossier
from normalize.dossier_groups import Group
from normalize.grounds import Law
from tests.normalize import dossier_samples as S
from tests.normalize.dossier_samples import XLSX_TYPE, publish, publish_besluit
from tests.vindplaats.harvest.dossier_publisher import DossierPublisher
from tests.vindplaats.harvest.sandboxed import sandbox_settings
from vindplaats.harvest.dossiers import DossierReport, assemble_dossiers
from vindplaats.harvest.run import harvest
from vindplaats.sources import build_source
from vindplaats.store import BlobStore, Store, open_store

DOSSIER_ID = S.DOSSIER_ID


@pytest.fixture
def blobs(tmp_path: Path) -> BlobStore:
    return BlobStore(tmp_path / "originals")


@pytest.fixture
def source(store: Store) -> Store:
    store.upsert_source(build_source(key=S.SOURCE, name="VWS", supplier="diwoo"))
    store.upsert_record(S.ORGANIZATION)
    return store


def dossier_of(store: Store, report: DossierReport) -> Dossier:
    assert report.dossier_ids == [DOSSIER_ID]
    found = store.get_record(DOSSIER_ID)
    assert isinstance(found, Dossier)
    return found


def test_an_xlsx_inventory_of_ten_documents_is_joined_to_the_harvested_files(
    source: Store, blobs: BlobStore
) -> None:
    publish_besluit(source, blobs, S.inventory_document(), S.ediscovery_xlsx())
    report = assemble_dossiers(source, blobs, S.SOURCE)
    dossier = dossier_of(source, report)
    assert report.counts["dossiers"] == 1 and report.counts["dossier_rows_joined"] == 10
    assert dossier.title == "Besluit op het Woo-verzoek over de inkoop van mondkapjes"
    assert dossier.decision_document_id == S.letter().id
    assert dossier.decision_date == date(2025, 11, 3)
    assert (dossier.outcome, dossier.outcome_source) == (
        Outcome.DEELS_OPENBAAR,
        OutcomeSource.JUDGEMENTS,
    )
    assert dossier.law == Law.WOO and dossier.case_number == S.CASE
    assert dossier.publisher is not None and dossier.publisher.uri == S.VWS
    assert dossier.period is not None and dossier.period.start == date(2021, 2, 19)
    by_number = {e.number: e for e in dossier.inventory}
    assert list(by_number) == [str(n) for n, *_ in S.ROWS]
    for number, _, judgement, _, _ in S.ROWS:
        assert by_number[str(number)].judgement_text == judgement
    assert [g.code for g in by_number["1001"].grounds] == ["5.1.2e", "5.1.1c"]
    assert [g.code for g in by_number["1003"].grounds] == ["5.2", "5.1.2i"]
    assert [g.code for g in by_number["1010"].grounds] == ["5.1.2e", "5.1.2i"]
    assert by_number["1001"].grounds[0].label == "eerbiediging van de persoonlijke levenssfeer"
    harvested = {d.title: d.id for d in S.judged_documents()}
    for number, name, _, _, link in S.ROWS:
        entry = by_number[str(number)]
        assert entry.document_id == harvested[name], number
        assert entry.joined_by == (JoinedBy.LINK if link else JoinedBy.NUMBER)
    assert dossier.join_counts.model_dump() == {
        "rows": 10, "joined": 10, "by_link": 7, "by_number": 3, "not_joined": 0,
    }  # fmt: skip
    assert dossier.not_joined == [] and dossier.problems == []
    assert dossier.judgement_counts == {"deels openbaar": 6, "openbaar": 3, "reeds openbaar": 1}
    assert dossier.ground_counts == {
        "5.1.1c": 1, "5.1.2e": 4, "5.1.2f": 1, "5.1.2i": 2, "5.2": 1,
    }  # fmt: skip
    assert dossier.document_ids[:2] == [S.letter().id, S.inventory_document().id]
    assert set(dossier.document_ids[2:]) == set(harvested.values())
    assert source.dossiers_of(harvested["Contract"]) == [DOSSIER_ID]


def test_running_again_gives_the_same_dossier_unchanged(source: Store, blobs: BlobStore) -> None:
    publish_besluit(source, blobs, S.inventory_document(), S.ediscovery_xlsx())
    first = dossier_of(source, assemble_dossiers(source, blobs, S.SOURCE))
    again = assemble_dossiers(source, blobs, S.SOURCE)
    assert again.counts["dossiers"] == 1 and again.counts["dossiers_changed"] == 0
    assert dossier_of(source, again) == first


def test_an_unchanged_inventory_is_not_read_again_a_new_one_is(
    source: Store, blobs: BlobStore
) -> None:
    inventory = S.inventory_document()
    publish_besluit(source, blobs, inventory, S.ediscovery_xlsx())
    first = dossier_of(source, assemble_dossiers(source, blobs, S.SOURCE))
    sha = source.get_document_state(inventory.id).sha256
    assert sha is not None
    blobs.path(sha).unlink()  # the same original: the stored rows are used, the file not read
    assert dossier_of(source, assemble_dossiers(source, blobs, S.SOURCE)) == first
    rows = [(1001, "RE: inkoop mondkapjes", "Niet openbaar", "5.1.2e", None)]
    publish(source, blobs, inventory, S.ediscovery_xlsx(rows), XLSX_TYPE)  # a new version
    report = assemble_dossiers(source, blobs, S.SOURCE)
    dossier = dossier_of(source, report)
    assert report.counts["dossiers_changed"] == 1
    assert [(e.number, e.judgement_text) for e in dossier.inventory] == [("1001", "Niet openbaar")]
    assert dossier.outcome == Outcome.NIET_OPENBAAR


def test_a_csv_inventory_lists_the_rows_it_could_not_join(source: Store, blobs: BlobStore) -> None:
    csv = (
        b"document,grond,id,beoordeling,publicatiecontext\n"
        b"RE: inkoop mondkapjes,5.1.2e,1001,Deels openbaar,besluit 2025-11\n"
        b"Offerte leverancier,,1002,Openbaar,besluit 2025-11\n"
        b"Nota aan de minister,5.2,1011,Niet openbaar,besluit 2025-11\n"
        b"Memo,,1012,Openbaar,besluit 2025-11\n"
    )
    publish_besluit(source, blobs, S.inventory_document(f"{S.SITE}/inventarislijst.csv"), csv)
    dossier = dossier_of(source, assemble_dossiers(source, blobs, S.SOURCE))
    assert dossier.inventory_files[0].format == "csv"
    by_number = {e.number: e for e in dossier.inventory}
    assert by_number["1001"].joined_by == JoinedBy.NUMBER  # `1001.pdf`, no link in this list
    assert by_number["1001"].document_id == f"document:diwoo:vws:{S.SITE}/1001.pdf"
    assert [g.code for g in by_number["1011"].grounds] == ["5.2"]
    assert [(n.number, n.reason) for n in dossier.not_joined] == [
        ("1011", "niet openbaar: not published"),
        ("1012", "number 1012 is in no document of the dossier"),
    ]
    assert dossier.join_counts.not_joined == 2 and dossier.join_counts.joined == 2
    assert dossier.judgement_counts == {"deels openbaar": 1, "niet openbaar": 1, "openbaar": 2}
    assert dossier.outcome == Outcome.DEELS_OPENBAAR


def test_an_unreadable_inventory_is_a_recorded_failure_of_the_dossier(
    source: Store, blobs: BlobStore
) -> None:
    inventory = S.inventory_document(f"{S.SITE}/inventarislijst.pdf")
    publish_besluit(source, blobs, inventory, b"%PDF-1.7 a table printed as PDF")
    report = assemble_dossiers(source, blobs, S.SOURCE)
    dossier = dossier_of(source, report)
    assert report.counts["dossier_inventory_failed"] == 1
    assert [(p.kind, p.document_id, p.value) for p in dossier.problems] == [
        (ProblemKind.INVENTORY_UNREADABLE, inventory.id, "not_a_spreadsheet")
    ]
    assert "a PDF, not a spreadsheet" in dossier.problems[0].message
    assert dossier.inventory_files[0].error_code == "not_a_spreadsheet"
    assert dossier.inventory == [] and dossier.outcome is None  # no judgements, none stated
    assert inventory.id in dossier.document_ids and len(dossier.document_ids) == 12


def test_an_inventory_whose_download_failed_says_so(source: Store, blobs: BlobStore) -> None:
    inventory = S.inventory_document()
    publish_besluit(source, blobs, inventory, S.ediscovery_xlsx())
    source.record_download_failure(inventory.id, "HTTP 404 Not Found")
    dossier = dossier_of(source, assemble_dossiers(source, blobs, S.SOURCE))
    assert [(p.kind, p.value) for p in dossier.problems] == [
        (ProblemKind.INVENTORY_NOT_DOWNLOADED, "not_downloaded")
    ]
    assert "the download failed: HTTP 404 Not Found" in dossier.problems[0].message


def test_the_outcome_stated_in_the_decision_metadata_wins(source: Store, blobs: BlobStore) -> None:
    publish_besluit(source, blobs, S.inventory_document(), S.ediscovery_xlsx())
    stated = S.letter(extra_metadata=[{"fields": [{"key": "besluit", "values": ["Openbaar"]}]}])
    source.upsert_record(stated)
    dossier = dossier_of(source, assemble_dossiers(source, blobs, S.SOURCE))
    assert (dossier.outcome, dossier.outcome_source) == (Outcome.OPENBAAR, OutcomeSource.METADATA)


def test_a_withdrawn_letter_keeps_the_dossier_id_and_all_withdrawn_withdraws_it(
    source: Store, blobs: BlobStore
) -> None:
    publish_besluit(source, blobs, S.inventory_document(), S.ediscovery_xlsx())
    assemble_dossiers(source, blobs, S.SOURCE)
    source.mark_withdrawn([S.letter().id])
    dossier = dossier_of(source, assemble_dossiers(source, blobs, S.SOURCE))
    assert dossier.decision_document_id is None
    assert [(p.kind, p.value) for p in dossier.problems] == [
        (ProblemKind.NOT_HARVESTED, S.LETTER_URL)
    ]
    assert "the decision letter" in dossier.problems[0].message
    # 1010 was tied to the dossier only by the letter's aggregatiekenmerk: now it is not
    assert dossier.join_counts.joined == 9
    assert [(n.number, n.reason) for n in dossier.not_joined] == [
        ("1010", "number 1010 is in no document of the dossier")
    ]
    everything = [S.inventory_document().id, *(d.id for d in S.judged_documents())]
    source.mark_withdrawn(everything)
    report = assemble_dossiers(source, blobs, S.SOURCE)
    assert report.dossier_ids == [] and report.counts["withdrawn_dossiers"] == 1
    assert source.withdrawn_record_ids("dossier", S.SOURCE) == {DOSSIER_ID}
    assert source.dossiers_of(S.judged_documents()[0].id) == []


def test_a_harvest_of_a_diwoo_source_assembles_its_dossier(tmp_path: Path) -> None:
    """The whole run: the DiWoo spider reads the publisher's sitemaps and downloads the files
    (the inventory as XLSX), the dossier stage joins the ten rows; a second run changes nothing."""
    settings = sandbox_settings(tmp_path / "data", date(2025, 1, 1))
    with DossierPublisher() as server:
        store = open_store(settings)
        try:
            store.upsert_source(
                build_source(key=S.SOURCE, name="VWS", supplier="diwoo", base_url=server.url)
            )
            first = harvest(settings, S.SOURCE, today=date(2025, 12, 1))
            [dossier] = list(store.iter_records("dossier", S.SOURCE))
            again = harvest(settings, S.SOURCE, today=date(2025, 12, 1))
            assert list(store.iter_records("dossier", S.SOURCE)) == [dossier]
        finally:
            store.close()
    assert first.counts["dossiers"] == 1 and first.counts["dossier_rows_joined"] == 10
    assert (again.counts["dossiers"], again.counts["dossiers_changed"]) == (1, 0)
    assert isinstance(dossier, Dossier)
    assert dossier.title == "Besluit op het Woo-verzoek over de inkoop van mondkapjes"
    assert dossier.outcome == Outcome.DEELS_OPENBAAR and dossier.problems == []
    assert dossier.join_counts.model_dump() == {
        "rows": 10, "joined": 10, "by_link": 7, "by_number": 3, "not_joined": 0,
    }  # fmt: skip
    assert dossier.judgement_counts == {"deels openbaar": 6, "openbaar": 3, "reeds openbaar": 1}


def test_a_dossier_that_cannot_be_built_is_an_error_and_keeps_its_stored_version(
    source: Store, blobs: BlobStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    publish_besluit(source, blobs, S.inventory_document(), S.ediscovery_xlsx())
    other = S.document(f"{S.SITE}/tweede-besluit.pdf", "Besluit op een tweede verzoek", S.woo())
    publish(source, blobs, other, b"%PDF-1.7 tweede besluit")
    first = assemble_dossiers(source, blobs, S.SOURCE)
    assert first.counts["dossiers"] == 2 and first.errors == []
    failing = next(i for i in first.dossier_ids if i != DOSSIER_ID)
    stored = source.get_record(failing)

    def build(group: Group, *args: Any) -> Dossier:
        if group.decision_letter() == other:
            raise ValueError("a bug")
        return build_dossier(group, *args)

    monkeypatch.setattr("vindplaats.harvest.dossiers.build_dossier", build)
    again = assemble_dossiers(source, blobs, S.SOURCE)
    assert again.errors == [f"dossier {failing}: ValueError: a bug"]
    assert again.counts["dossier_failed"] == 1 and again.dossier_ids == [DOSSIER_ID]
    assert again.counts["withdrawn_dossiers"] == 0
    assert source.get_record(failing) == stored
    assert source.withdrawn_record_ids("dossier", S.SOURCE) == set()


def test_what_a_row_of_the_inventory_says_unreadably_is_a_problem_naming_line_and_column(
    source: Store, blobs: BlobStore
) -> None:
    rows = [*S.ROWS[:2], (1003, "Nota aan de minister", "Onder voorbehoud", "5.1.2 x", None)]
    publish_besluit(source, blobs, S.inventory_document(), S.ediscovery_xlsx(rows))
    dossier = dossier_of(source, assemble_dossiers(source, blobs, S.SOURCE))
    assert [(p.kind, p.line, p.column, p.value) for p in dossier.problems] == [
        (ProblemKind.INVENTORY_ROW, 6, "Beoordeling", "Onder voorbehoud"),
        (ProblemKind.INVENTORY_ROW, 6, "Beoordelingsgrond", "5.1.2 x"),
    ]
    assert dossier.judgement_counts == {"deels openbaar": 2, "onbekend": 1}
    assert dossier.inventory[2].grounds[0].code is None  # kept as written, flagged
    assert dossier.inventory[2].grounds[0].written == "5.1.2 x"
