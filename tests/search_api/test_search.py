"""GET /api/search: hits, page links, filters, sorting, cursor paging, facets and 400s."""

from __future__ import annotations

from typing import Any

import pytest
from starlette.testclient import TestClient

from tests.search_api.sample import LETTERS, Sample


def search(client: TestClient, query: str) -> dict[str, Any]:
    response = client.get("/api/search?" + query)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    body: dict[str, Any] = response.json()
    return body


def test_hit_has_metadata_pages_and_links(client: TestClient, sample: Sample) -> None:
    body = search(client, "q=woningbouw")
    ids = [hit["id"] for hit in body["hits"]]
    assert sample.begroting_id in ids
    hit = body["hits"][ids.index(sample.begroting_id)]
    assert hit["title"] == "Begroting 2025"
    assert hit["organization"] == "Gemeente Testdam"
    assert hit["date"] == "2024-11-05"
    assert hit["document_type"] == "raadsvoorstel"  # controlled
    assert hit["document_type_label"] == "Raadsvoorstel"  # as the supplier wrote it
    assert hit["woo_category"] == "3.3.2c"
    assert hit["committee"] == "Gemeenteraad"
    assert hit["supplier"] == "notubiz"
    assert hit["page_count"] == 3
    assert hit["pages"][0]["number"] == 2
    assert "<mark>" in hit["pages"][0]["snippet"]
    links = hit["links"]
    assert links["self"] == f"/api/documents/{sample.begroting_id}"
    assert links["file"] == f"/api/documents/{sample.begroting_id}/file"
    assert links["original"] == "https://example.org/files/1001.pdf"
    assert links["pages"] == ["https://example.org/files/1001.pdf#page=2"]
    assert client.get(links["self"]).status_code == 200


def test_empty_query_matches_everything_with_facets(client: TestClient) -> None:
    body = search(client, "")
    assert body["total"] == 4 + 1 + LETTERS  # indexed documents of both sources
    organizations = {f["value"]: f["count"] for f in body["facets"]["organization"]}
    assert organizations == {"Gemeente Testdam": 4, "Gemeente Anderdam": 1 + LETTERS}
    assert search(client, "facets=false")["facets"] == {}


def test_repeated_filter_means_or(client: TestClient, sample: Sample) -> None:
    one = search(client, "document_type=Motie")
    assert [h["id"] for h in one["hits"]] == [sample.motie_id]
    both = search(client, "document_type=Motie&document_type=Jaarstukken")
    assert {h["id"] for h in both["hits"]} == {sample.motie_id, sample.jaarrekening_id}
    assert search(client, "organization=Gemeente+Anderdam&q=begroting")["total"] == 1
    assert search(client, "source=testdam&committee=Commissie+Ruimte")["total"] == 1
    assert search(client, "supplier=ibabs")["total"] == 1 + LETTERS


def test_organisation_committee_and_type_filters_match_by_name_or_key_in_any_case(
    client: TestClient, sample: Sample
) -> None:
    testdam = search(client, "organization=Gemeente+Testdam")["total"]
    assert testdam == 4
    for spelling in ("testdam", "TESTDAM", "gemeente testdam", "Gemeente-Testdam"):
        assert search(client, f"organization={spelling}")["total"] == testdam, spelling
    assert search(client, "organization=Provincie+Testdam")["total"] == 0
    for spelling in ("Commissie+Ruimte", "commissie-ruimte", "COMMISSIE+RUIMTE"):
        hits = search(client, f"committee={spelling}")["hits"]
        assert [h["id"] for h in hits] == [sample.motie_id], spelling
    for spelling in ("motie", "Moties", "MOTIE", "Motie"):
        hits = search(client, f"document_type={spelling}")["hits"]
        assert [h["id"] for h in hits] == [sample.motie_id], spelling
    assert search(client, "document_type=geen+bekend+soort")["total"] == 0


def test_type_and_woo_category_facets_are_controlled_values_with_labels(
    client: TestClient,
) -> None:
    facets = search(client, "")["facets"]
    types = {f["value"]: f["label"] for f in facets["document_type"]}
    assert types["raadsvoorstel"] == "Raadsvoorstel" and types["motie"] == "Motie"
    assert all(value == value.lower() for value in types)
    woo = {f["value"]: f["label"] for f in facets["woo_category"]}
    assert woo["3.3.2c"] == "vergaderstukken decentrale overheden"
    assert all(f["label"] is None for f in facets["organization"])
    total = search(client, "")["total"]
    assert search(client, "woo_category=3.3.2c")["total"] == sum(
        f["count"] for f in facets["woo_category"] if f["value"] == "3.3.2c"
    )
    assert 0 < search(client, "woo_category=3.3.2c")["total"] <= total
    bad = client.get("/api/search?woo_category=vergaderstukken")
    assert bad.status_code == 400
    assert bad.json()["error"]["parameter"] == "woo_category"


def test_date_range_and_sort_over_the_whole_set(client: TestClient, sample: Sample) -> None:
    body = search(client, "source=anderdam&date_from=2024-01-10&date_to=2024-01-12&sort=date_asc")
    assert [h["date"] for h in body["hits"]] == ["2024-01-10", "2024-01-11", "2024-01-12"]
    newest = search(client, "sort=date_desc&size=1")["hits"][0]
    assert newest["id"] == sample.begroting_id
    oldest = search(client, "sort=date_asc&size=1")["hits"][0]
    assert oldest["id"] == sample.motie_id


def test_cursor_paging_walks_all_hits_once(client: TestClient) -> None:
    seen: list[str] = []
    url = "/api/search?source=anderdam&sort=date_desc&size=10&facets=false"
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.text
        body = response.json()
        seen.extend(hit["id"] for hit in body["hits"])
        if body["next"]:
            assert "cursor=" in body["next"] and "source=anderdam" in body["next"]
        url = body["next"]
    assert len(seen) == len(set(seen)) == 1 + LETTERS


def test_pages_parameter_limits_page_hits(client: TestClient) -> None:
    hits = search(client, "q=begroting&pages=0")["hits"]
    assert hits and all(h["pages"] == [] and h["links"]["pages"] == [] for h in hits)


def test_invalid_query_syntax_is_not_an_error(client: TestClient) -> None:
    for query in ['"unbalanced', "-", "|", "*", "a AND (b", "title:x", "((", "\\"]:
        response = client.get("/api/search", params={"q": query})
        assert response.status_code == 200, (query, response.text)


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("colour=red", "colour"),
        ("date_from=2024-13-01", "date_from"),
        ("date_to=yesterday", "date_to"),
        ("date_from=2024-02-01&date_to=2024-01-01", "date_from"),
        ("sort=newest", "sort"),
        ("size=0", "size"),
        ("size=101", "size"),
        ("size=-5", "size"),
        ("size=ten", "size"),
        ("size=99999999999999999999", "size"),
        ("pages=11", "pages"),
        ("facets=maybe", "facets"),
        ("q=a&q=b", "q"),
        ("cursor=not-a-cursor", "cursor"),
        ("cursor=" + "A" * 5000, "cursor"),
        ("q=" + "x" * 1001, "q"),
    ],
)
def test_bad_parameters_answer_400_naming_the_parameter(
    client: TestClient, query: str, parameter: str
) -> None:
    response = client.get("/api/search?" + query)
    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert error["code"] == "bad_request"
    assert error["parameter"] == parameter
    assert error["message"]
