"""GET /api/search: the year facet and filter, the newest-added order and the `Link` header."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from starlette.testclient import TestClient

from tests.search_api.sample import LETTERS, Sample

LINK = re.compile(r'<([^>]*)>; rel="([a-z]+)"')


def search(client: TestClient, query: str) -> dict[str, Any]:
    response = client.get("/api/search?" + query)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def links(header: str) -> dict[str, str]:
    """The targets of a `Link` header by relation (RFC 8288 link-values, comma-separated)."""
    found = {rel: target for target, rel in LINK.findall(header)}
    assert ", ".join(f'<{t}>; rel="{r}"' for r, t in found.items()) == header
    return found


def test_year_facet_counts_each_year_and_its_filter_finds_them(client: TestClient) -> None:
    body = search(client, "size=1")
    years = {f["value"]: f["count"] for f in body["facets"]["year"]}
    assert years == {"2024": 2 + LETTERS, "2023": 1}  # the rest is undated
    assert sum(years.values()) < body["total"]
    for year, count in years.items():
        found = search(client, f"year={year}&size=100")
        assert found["total"] == count
        assert {hit["date"][:4] for hit in found["hits"]} == {year}
    both = search(client, "year=2023&year=2024&size=1")
    assert both["total"] == sum(years.values())
    assert search(client, "year=1999")["total"] == 0


def test_year_combines_with_other_filters(client: TestClient, sample: Sample) -> None:
    body = search(client, "year=2023&year=2024&source=testdam")
    assert sample.motie_id in {hit["id"] for hit in body["hits"]}
    assert {f["value"] for f in body["facets"]["year"]} == {"2023", "2024"}


@pytest.mark.parametrize("value", ["24", "20245", "MMXXIV", "2024-01", " 2024"])
def test_a_year_that_is_not_four_digits_is_refused(client: TestClient, value: str) -> None:
    response = client.get("/api/search", params={"year": value})
    assert response.status_code == 400, response.text
    assert response.json()["error"]["parameter"] == "year"


def test_added_desc_is_a_total_order_walked_by_cursor(client: TestClient) -> None:
    """The sample indexes no harvest times: every record ties, and the order is by id."""
    seen: list[str] = []
    url: str | None = "/api/search?sort=added_desc&size=7&facets=false"
    while url:
        body = client.get(url).json()
        seen += [hit["id"] for hit in body["hits"]]
        assert all(hit["added"] is None for hit in body["hits"])
        url = body["next"]
    assert seen == sorted(seen) and len(seen) == search(client, "size=1")["total"]


def test_link_header_names_the_first_and_the_next_page(client: TestClient) -> None:
    response = client.get("/api/search?source=anderdam&sort=date_desc&size=10&facets=false")
    found = links(response.headers["link"])
    assert set(found) == {"first", "next"}
    assert found["next"] == response.json()["next"]
    assert found["first"] == "/api/search?source=anderdam&sort=date_desc&size=10&facets=false"
    second = client.get(found["next"])
    assert second.status_code == 200
    again = links(second.headers["link"])
    assert again["first"] == found["first"]
    assert (
        parse_qs(urlsplit(again["next"]).query)["cursor"]
        != parse_qs(urlsplit(found["next"]).query)["cursor"]
    )
    last = client.get(again["next"])
    assert set(links(last.headers["link"])) == {"first"}  # 26 hits: no fourth page
    assert last.json()["next"] is None


def test_link_targets_keep_the_parameters_encoded(client: TestClient) -> None:
    response = client.get("/api/search", params={"q": 'brief <b> "x', "size": "1"})
    first = links(response.headers["link"])["first"]
    assert "<" not in first and ">" not in first and " " not in first
    assert parse_qs(urlsplit(first).query)["q"] == ['brief <b> "x']
    alone = client.get("/api/search?year=1999").headers["link"]
    assert alone == '</api/search?year=1999>; rel="first"'
