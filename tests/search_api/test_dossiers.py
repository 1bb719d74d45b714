"""GET /api/dossiers/{id} end to end: a Woo-besluit's documents with their DiWoo metadata and
downloaded originals in a real SQLite store, the dossier stage run over them, and the API's
answer: decision, outcome, judgement counts, the ten inventory rows with their grounds, each
linked to its harvested document; documents link back to their dossier; an unknown id is a
404 JSON error; a dossier with an unreadable inventory shows the failure; a withdrawn one is
still served, flagged."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from starlette.testclient import TestClient

from normalize.dossier_build import native_of
from search_api import create_app
from tests.normalize import dossier_samples as S
from tests.search_api.council_document import store_council_document
from vindplaats.harvest.dossiers import assemble_dossiers
from vindplaats.settings import load_settings
from vindplaats.sources import build_source
from vindplaats.store import open_blobs, open_store

DOSSIER_ID = S.DOSSIER_ID
OTHER_SITE = "https://open.example.nl/woo/2024-0007"


def path(dossier_id: str) -> str:
    return "/api/dossiers/" + quote(dossier_id, safe=":")


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    settings = load_settings(data_dir=tmp_path_factory.mktemp("dossier-api"))
    store, blobs = open_store(settings), open_blobs(settings)
    store.upsert_source(build_source(key=S.SOURCE, name="VWS", supplier="diwoo"))
    store.upsert_record(S.ORGANIZATION)
    S.publish_besluit(store, blobs, S.inventory_document(), S.ediscovery_xlsx())
    # a second Woo-besluit whose inventory is a PDF table: an unreadable inventory
    other = S.document(
        f"{OTHER_SITE}/besluit.pdf",
        "Besluit op het Wob-verzoek over subsidies",
        S.woo(
            documentsoorten=[{"label": "beslissing op Wob-/Woo-verzoek"}],
            has_parts=[{"resource": f"{OTHER_SITE}/inventaris.pdf"}],
        ),
    )
    S.publish(store, blobs, other, b"%PDF-1.7 besluit")
    S.publish(
        store,
        blobs,
        S.document(f"{OTHER_SITE}/inventaris.pdf", "Inventarislijst", S.woo()),
        b"%PDF-1.7 table",
    )
    store_council_document(store)
    assert assemble_dossiers(store, blobs, S.SOURCE).counts["dossiers"] == 2
    store.close()
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def test_the_dossier_shows_decision_outcome_counts_and_the_joined_inventory(
    client: TestClient,
) -> None:
    response = client.get(path(DOSSIER_ID))
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == DOSSIER_ID and body["withdrawn"] is False
    assert body["title"] == "Besluit op het Woo-verzoek over de inkoop van mondkapjes"
    assert body["decision_date"] == "2025-11-03"
    assert (body["outcome"], body["outcome_source"], body["law"]) == (
        "deels openbaar",
        "judgements",
        "Woo",
    )
    assert body["case_number"] == S.CASE
    assert body["organization"] == {"id": S.ORGANIZATION.id, "name": "VWS"}
    assert body["decision"]["id"] == S.letter().id
    assert body["decision"]["links"]["self"] == "/api/documents/" + quote(S.letter().id, ":")
    assert body["judgement_counts"] == {"deels openbaar": 6, "openbaar": 3, "reeds openbaar": 1}
    assert body["ground_counts"]["5.1.2e"] == 4
    rows = body["inventory"]
    assert [r["number"] for r in rows] == [str(n) for n, *_ in S.ROWS]
    assert [r["judgement"] for r in rows] == [j.lower() for _, _, j, _, _ in S.ROWS]
    assert [g["code"] for g in rows[0]["grounds"]] == ["5.1.2e", "5.1.1c"]
    assert rows[0]["grounds"][0]["law"] == "Woo"
    titles = {d.id: d.title for d in S.judged_documents()}
    for row, (_, name, _, _, _) in zip(rows, S.ROWS, strict=True):
        assert row["document"]["title"] == name
        assert titles[row["document_id"]] == name
        linked = client.get(row["document"]["links"]["self"])
        assert linked.status_code == 200 and linked.json()["title"] == name
    assert body["join_counts"]["joined"] == 10 and body["not_joined"] == []
    roles = {d["id"]: d["role"] for d in body["documents"]}
    assert roles[S.letter().id] == "decision"
    assert roles[S.inventory_document().id] == "inventory"
    assert len(roles) == 12 and body["problems"] == []


def test_a_document_links_back_to_its_dossier_and_a_council_one_has_none(
    client: TestClient,
) -> None:
    doc = S.judged_documents()[0]
    body = client.get("/api/documents/" + quote(doc.id, safe=":")).json()
    assert body["dossiers"] == [
        {
            "id": DOSSIER_ID,
            "title": "Besluit op het Woo-verzoek over de inkoop van mondkapjes",
            "link": path(DOSSIER_ID),
        }
    ]
    council = client.get("/api/documents/document:notubiz:testdam:1001").json()
    assert council["title"] == "Begroting 2025" and "dossiers" not in council


def test_an_unreadable_inventory_shows_as_the_dossiers_failure(client: TestClient) -> None:
    other_id = f"dossier:diwoo:vws:{native_of(OTHER_SITE + '/besluit.pdf')}"
    body = client.get(path(other_id)).json()
    assert body["law"] == "Wob" and body["outcome"] is None and body["inventory"] == []
    [problem] = body["problems"]
    assert problem["kind"] == "inventory_unreadable"
    assert "a PDF, not a spreadsheet" in problem["message"]
    assert body["inventory_files"][0]["error_code"] == "not_a_spreadsheet"


@pytest.mark.parametrize(
    "dossier_id",
    [
        "dossier:diwoo:vws:" + native_of("https://open.example.nl/nothing.pdf"),
        "document:diwoo:vws:" + S.LETTER_URL,  # a document id is no dossier id
        "not-an-id",
    ],
)
def test_an_unknown_dossier_is_a_404_json_error(client: TestClient, dossier_id: str) -> None:
    response = client.get(path(dossier_id))
    assert response.status_code == 404
    error = response.json()["error"]
    assert error["code"] == "not_found" and "no dossier with id" in error["message"]


def test_a_query_parameter_is_refused(client: TestClient) -> None:
    response = client.get(path(DOSSIER_ID) + "?format=json")
    assert response.status_code == 400
    assert response.json()["error"]["parameter"] == "format"


def test_openapi_documents_the_dossier_endpoint(client: TestClient) -> None:
    document = client.get("/openapi.json").json()
    operation = document["paths"]["/api/dossiers/{id}"]["get"]
    assert operation["operationId"] == "getDossier"
    assert set(operation["responses"]) >= {"200", "400", "404"}
    assert "DossierDetail" in document["components"]["schemas"]


def test_a_withdrawn_dossier_is_still_served_flagged(tmp_path: Path) -> None:
    settings = load_settings(data_dir=tmp_path)
    store, blobs = open_store(settings), open_blobs(settings)
    store.upsert_source(build_source(key=S.SOURCE, name="VWS", supplier="diwoo"))
    store.upsert_record(S.ORGANIZATION)
    S.publish_besluit(store, blobs, S.inventory_document(), S.ediscovery_xlsx())
    assemble_dossiers(store, blobs, S.SOURCE)
    store.mark_withdrawn([S.letter().id, S.inventory_document().id,
                          *(d.id for d in S.judged_documents())])  # fmt: skip
    assert assemble_dossiers(store, blobs, S.SOURCE).counts["withdrawn_dossiers"] == 1
    store.close()
    with TestClient(create_app(settings)) as client:
        body = client.get(path(DOSSIER_ID)).json()
        assert body["withdrawn"] is True and body["withdrawn_at"] is not None
        assert body["join_counts"]["joined"] == 10  # as it was when last formed
        doc = client.get("/api/documents/" + quote(S.judged_documents()[0].id, safe=":")).json()
        assert doc["withdrawn"] is True and "dossiers" not in doc
