"""GET /api/search: the Woo filters and facets over council records and Woo publications together.

The corpus (`tests.vindplaats.harvest.woo_corpus`) is stored in a real SQLite store, indexed by
the real indexer into the embedded engine, and searched through the app: a ministry's Woo-besluit
(with judgements and refusal grounds from its inventory), a municipality's covenant with partly
invented codes beside that municipality's council documents, and a town whose TOOI URI is in no
list with a motion.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from search_api import create_app
from tests.vindplaats.harvest.woo_corpus import (
    ADVIES,
    ADVIES_DOC,
    AFVAL,
    BESLUIT_DOC,
    CONVENANT_DOC,
    FACETS,
    INGEKOMEN_DOC,
    MAILS_DOC,
    MOTIE_DOC,
    MOTION,
    RAADSVOORSTEL_DOC,
    UTRECHT,
    VWS,
    build_corpus,
)

WOO_FACETS = tuple(FACETS)


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    settings = build_corpus(tmp_path_factory.mktemp("woo-search"))
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def search(client: TestClient, query: str) -> dict[str, Any]:
    response = client.get(f"/api/search?size=100&{query}")
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def found(client: TestClient, query: str) -> set[str]:
    return {hit["id"] for hit in search(client, query)["hits"]}


def counts(body: dict[str, Any], facet: str) -> list[tuple[str, int]]:
    return [(f["value"], f["count"]) for f in body["facets"][facet]]


def test_woo_facets_count_council_records_and_woo_publications_together(
    client: TestClient,
) -> None:
    body = search(client, "")
    assert body["total"] == 8
    for facet in WOO_FACETS:
        assert counts(body, facet) == FACETS[facet], facet


def test_woo_facets_count_the_filtered_result_set(client: TestClient) -> None:
    body = search(client, "publisher=Utrecht")
    assert {h["id"] for h in body["hits"]} == {
        CONVENANT_DOC.id,
        RAADSVOORSTEL_DOC.id,
        INGEKOMEN_DOC.id,
    }
    assert counts(body, "woo_category") == [("3.3.2a", 1), ("3.3.2c", 1), ("3.3.2f", 1)]
    assert counts(body, "woo_judgement") == [("niet openbaar", 1)]
    assert counts(body, "publisher") == [("gemeente Utrecht", 3)]


def test_a_publisher_is_found_by_name_in_any_case_or_by_its_tooi_uri(client: TestClient) -> None:
    utrecht = {CONVENANT_DOC.id, RAADSVOORSTEL_DOC.id, INGEKOMEN_DOC.id}
    assert found(client, "publisher=gemeente%20utrecht") == utrecht
    assert found(client, "publisher=UTRECHT") == utrecht
    assert found(client, f"publisher={UTRECHT}") == utrecht  # council records by their source's
    vws = {BESLUIT_DOC.id, MAILS_DOC.id, ADVIES_DOC.id}
    assert found(client, f"publisher={VWS}") == vws
    assert (
        found(client, "publisher=Ministerie%20van%20Volksgezondheid,%20Welzijn%20en%20Sport") == vws
    )
    assert found(client, "publisher=testdam") == {MOTIE_DOC.id, MOTION.id}
    assert found(client, "publisher=Nergenshuizen") == set()
    assert found(client, f"publisher={VWS}&publisher=testdam") == vws | {MOTIE_DOC.id, MOTION.id}


def test_a_woo_publication_is_found_by_each_of_its_information_categories(
    client: TestClient,
) -> None:
    assert found(client, "woo_category=3.3.2e") == {ADVIES_DOC.id}
    assert found(client, "woo_category=3.3.2i") == {BESLUIT_DOC.id, MAILS_DOC.id, ADVIES_DOC.id}
    assert found(client, "woo_category=3.3.2c") == {RAADSVOORSTEL_DOC.id, MOTIE_DOC.id, MOTION.id}
    hit = next(h for h in search(client, "woo_category=3.3.2e")["hits"])
    assert hit["woo_category"] == "3.3.2i"  # the first of its categories is shown


def test_document_types_and_themes_by_tooi_label_in_any_case_or_uri(client: TestClient) -> None:
    advies = {ADVIES_DOC.id, CONVENANT_DOC.id}  # the covenant's invented code has a known label
    assert found(client, f"woo_document_type={ADVIES}") == advies
    assert found(client, "woo_document_type=ADVIES") == advies
    assert found(client, "woo_document_type=motie") == {MOTIE_DOC.id, MOTION.id}
    assert found(client, "woo_document_type=vergaderstuk") == {RAADSVOORSTEL_DOC.id}
    assert found(client, "woo_document_type=E-Mail") == {MAILS_DOC.id}  # not a TOOI value either
    assert found(client, f"woo_theme={AFVAL}") == {ADVIES_DOC.id}
    assert found(client, "woo_theme=Zorg%20en%20Gezondheid") == {BESLUIT_DOC.id}
    assert found(client, "woo_theme=STADSONTWIKKELING") == {CONVENANT_DOC.id}
    assert found(client, "woo_theme=wonen") == set()


def test_judgement_and_refusal_ground_filters(client: TestClient) -> None:
    assert found(client, "woo_judgement=deels%20openbaar") == {MAILS_DOC.id}
    both = "woo_judgement=openbaar&woo_judgement=niet%20openbaar"
    assert found(client, both) == {ADVIES_DOC.id, CONVENANT_DOC.id}
    assert found(client, "woo_ground=5.1.2e") == {MAILS_DOC.id, CONVENANT_DOC.id}
    assert found(client, "woo_ground=5.1.2%20i") == {MAILS_DOC.id}
    assert found(client, "woo_ground=artikel%205.1,%20lid%202,%20sub%20i") == {MAILS_DOC.id}
    assert found(client, "woo_ground=zie%20besluit") == set()
    assert found(client, "woo_category=3.3.2f&woo_ground=5.1.2e") == {CONVENANT_DOC.id}


def test_refusal_ground_facets_carry_their_label(client: TestClient) -> None:
    grounds = {f["value"]: f["label"] for f in search(client, "")["facets"]["woo_ground"]}
    assert grounds == {
        "5.1.2e": "eerbiediging van de persoonlijke levenssfeer",
        "5.1.2i": "goed functioneren van de Staat en andere bestuursorganen",
    }


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("woo_judgement=gedeeltelijk", "woo_judgement"),
        ("woo_judgement=", "woo_judgement"),
        ("woo_ground=" + "5" * 1001, "woo_ground"),
        ("publisher=a%01b", "publisher"),
    ],
)
def test_bad_woo_filter_values_are_a_400_naming_the_parameter(
    client: TestClient, query: str, parameter: str
) -> None:
    response = client.get(f"/api/search?{query}")
    assert response.status_code == 400
    assert response.json()["error"]["parameter"] == parameter


def test_the_woo_filters_are_published_in_openapi(client: TestClient) -> None:
    operation = client.get("/openapi.json").json()["paths"]["/api/search"]["get"]
    published = {p["name"]: p["schema"] for p in operation["parameters"]}
    for name in ("publisher", "woo_document_type", "woo_theme", "woo_ground"):
        assert published[name]["type"] == "array", name
    assert published["woo_judgement"]["items"]["enum"] == [
        "openbaar",
        "deels openbaar",
        "niet openbaar",
        "reeds openbaar",
    ]
