"""GET /api/documents/{id} of a Woo publication shows its DiWoo metadata (`woo`); a council
document beside it in the same store has no `woo` key at all."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from normalize.records import Document, Organization, Supplier
from search_api import create_app
from tests.normalize.woo_samples import KERN, VWS, woo_besluit
from tests.search_api.council_document import store_council_document
from vindplaats.settings import load_settings
from vindplaats.sources import build_source
from vindplaats.store import open_store


@pytest.fixture(scope="module")
def woo_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, str, str]]:
    settings = load_settings(data_dir=tmp_path_factory.mktemp("woo-api"))
    store = open_store(settings)
    store.upsert_source(build_source(key="vws", name="VWS", supplier="diwoo"))
    vws = Organization.build(Supplier.DIWOO, "vws", "vws", name="VWS")
    woo = Document.build(
        Supplier.DIWOO,
        "vws",
        "https://open.example.nl/besluit.pdf",
        title="Besluit op het Woo-verzoek over vaccinatiecampagnes",
        original_url="https://open.example.nl/besluit.pdf",
        organization_id=vws.id,
        woo=woo_besluit(),
    )
    for record in (vws, woo):
        store.upsert_record(record)
    council = store_council_document(store)
    with TestClient(create_app(settings)) as client:
        yield client, woo.id, council.id


def test_a_woo_document_shows_its_diwoo_metadata(
    woo_client: tuple[TestClient, str, str],
) -> None:
    client, woo_id, _ = woo_client
    response = client.get(f"/api/documents/{woo_id}")
    assert response.status_code == 200
    doc = response.json()
    assert doc["title"] == "Besluit op het Woo-verzoek over vaccinatiecampagnes"
    woo = doc["woo"]
    assert woo["publisher"] == {
        "label": "ministerie van Volksgezondheid, Welzijn en Sport",
        "uri": VWS,
        "list": "ministeries",
        "known": True,
    }
    assert woo["officiele_titel"] == doc["title"]
    assert woo["informatiecategorieen"][0]["uri"] == f"{KERN}c_3baef532"
    assert woo["documentsoorten"] == [
        {"label": "advies", "uri": f"{KERN}c_advies", "list": "documentsoorten", "known": False}
    ]
    assert woo["creatiedatum"] == "2025-11-03"
    assert woo["documenthandelingen"][0]["soort_handeling"]["label"] == "vaststelling"
    assert woo["documenthandelingen"][0]["at_time"] == "2025-11-03T15:00:00Z"
    assert woo["has_parts"] == [
        {"label": "Inventarislijst", "resource": "https://example.nl/i.xlsx"}
    ]


def test_a_council_document_has_no_woo_key(woo_client: tuple[TestClient, str, str]) -> None:
    client, _, council_id = woo_client
    doc = client.get(f"/api/documents/{council_id}").json()
    assert doc["title"] == "Begroting 2025"
    assert "woo" not in doc
