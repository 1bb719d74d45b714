"""`/api/monitor`, `/monitor.csv` and `/monitor` over the sample store: every catalogue entry
(330) plus the sample's own sources, the filters and the order of the URL, the CSV holding the
page's rows in the page's order, cache headers, and a bad parameter answering 400 in JSON."""

from __future__ import annotations

import csv
import io

from lxml import html
from starlette.testclient import TestClient

CATALOGUE = 330


def test_every_catalogue_entry_and_the_sample_sources(client: TestClient) -> None:
    answer = client.get("/api/monitor")
    assert answer.status_code == 200
    assert "max-age" in answer.headers["cache-control"] and answer.headers["etag"]
    body = answer.json()
    assert body["count"] == body["total"] == len(body["rows"])
    catalogue = [row for row in body["rows"] if row["in_catalogue"]]
    assert len(catalogue) == CATALOGUE
    outside = [row for row in body["rows"] if not row["in_catalogue"]]
    assert all(row["connection"] != "not_connected" for row in outside)
    names = [row["name"].casefold() for row in body["rows"]]
    assert names == sorted(names)
    again = client.get("/api/monitor", headers={"If-None-Match": answer.headers["etag"]})
    assert again.status_code == 304


def test_filters_and_order(client: TestClient) -> None:
    rows = client.get("/api/monitor?type=provincie&order=desc").json()["rows"]
    assert rows and {row["organisation_type"] for row in rows} == {"provincie"}
    names = [row["name"].casefold() for row in rows]
    assert names == sorted(names, reverse=True)
    found = client.get("/api/monitor", params={"q": "aalsm"}).json()["rows"]
    assert [row["key"] for row in found] == ["aalsmeer"]
    connected = client.get("/api/monitor?status=connected&sort=supplier").json()["rows"]
    assert {row["connection"] for row in connected} == {"connected"}
    suppliers = [row["supplier"] for row in connected]
    assert suppliers == sorted(suppliers)


def test_csv_is_the_page_row_for_row(client: TestClient) -> None:
    query = "?type=gemeente&supplier=ibabs&sort=freshness&order=desc"
    page = html.fromstring(client.get("/monitor" + query).text)
    table = [
        [" ".join(cell.text_content().split()) for cell in tr.xpath("./th|./td")]
        for tr in page.xpath("//table[@id='monitor-table']/tbody/tr")
    ]
    answer = client.get("/monitor.csv" + query)
    assert answer.headers["content-type"] == "text/csv; charset=utf-8"
    lines = list(csv.reader(io.StringIO(answer.text)))
    assert lines[0][0] == "Organisatie" and lines[0][-1] == "Woo-index-export"
    assert len(lines) - 1 == len(table) > 10
    for shown, line in zip(table, lines[1:], strict=True):
        assert shown[:6] == line[:6] and shown[-1] == line[-1]
        assert shown[6].endswith(str(sum(int(n) for n in line[6:-1])))


def test_page_is_accessible_and_sortable(client: TestClient) -> None:
    page = html.fromstring(client.get("/monitor?sort=last_harvest&order=desc").text)
    [caption] = page.xpath("//table[@id='monitor-table']/caption")
    assert "laatste oogst (aflopend)" in caption.text_content()
    [current] = page.xpath("//th[@aria-sort]")
    assert current.get("aria-sort") == "descending" and current.get("scope") == "col"
    [link] = current.xpath(".//a/@href")
    assert link == "/monitor?sort=last_harvest"  # ascending is the default
    assert len(page.xpath("//tbody/tr/th[@scope='row']")) >= CATALOGUE


def test_bad_parameters(client: TestClient) -> None:
    for query in ("type=stad", "sort=colour", "order=up", "status=x&status=y"):
        answer = client.get("/api/monitor?" + query)
        assert answer.status_code == 400, query
        assert answer.json()["error"]
    assert client.get("/monitor.csv?supplier=nobody").status_code == 400


def test_unknown_parameter_and_the_forms_empty_choice(client: TestClient) -> None:
    answer = client.get("/api/monitor?colour=red")
    assert answer.status_code == 400 and answer.json()["error"]["parameter"] == "colour"
    page = client.get("/monitor?q=&type=&supplier=&status=provincie")
    assert page.status_code == 400
    page = client.get("/monitor?q=&type=waterschap&supplier=&status=")
    assert page.status_code == 200
    rows = html.fromstring(page.text).xpath("//table[@id='monitor-table']/tbody/tr")
    assert rows and all(tr.xpath("string(./td[1])") == "Waterschap" for tr in rows)


def test_described_in_the_openapi_document(client: TestClient) -> None:
    document = client.get("/openapi.json").json()
    operation = document["paths"]["/api/monitor"]["get"]
    names = {p["name"] for p in operation["parameters"]}
    assert names == {"type", "supplier", "status", "q", "sort", "order"}
    ok = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert ok == {"$ref": "#/components/schemas/MonitorResponse"}
    assert "MonitorRow" in document["components"]["schemas"]
