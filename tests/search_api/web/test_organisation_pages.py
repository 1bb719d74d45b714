"""GET /organisaties and /organisaties/{key} over the sample store (a NotuBiz and an iBabs
municipality) and a store of hostile and secret-bearing sources: every source listed with its
freshness and documents held, sortable; an organisation's sources with health, last run and
next harvest; its charts count what the store holds; its search box, meetings, dossiers and
Woo-index link; no secret ever shown, hostile text escaped, an unknown key a Dutch 404 page."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from normalize.records import Document, Meeting, Organization, Supplier
from search_api import create_app
from tests.search_api.sample import Sample
from vindplaats.settings import load_settings
from vindplaats.sources import build_source
from vindplaats.store import open_store
from vindplaats.store.models import RunStatus

TOKEN = "rid-SECRET-7f3a9c"
HOSTILE = '<script>alert("x")</script>'


def rows_of(html: str, table_id: str) -> dict[str, int]:
    """(label, count) of each row of the chart table `table_id`."""
    table = re.search(rf'<table class="chart" id="{table_id}">(.*?)</table>', html, re.S)
    assert table is not None, f"no chart {table_id}"
    found = re.findall(
        r'<th scope="row">(?:<a [^>]*>)?([^<]+)(?:</a>)?</th>\s*<td class="number">(\d+)</td>',
        table[1],
    )
    return {label: int(count) for label, count in found}


def list_rows(html: str) -> list[tuple[str, str]]:
    """(key, name) of each organisation in the list, in order."""
    return re.findall(r'<th scope="row"><a href="/organisaties/([^"]+)">([^<]+)</a></th>', html)


def test_the_list_shows_every_source_with_its_freshness_and_documents(
    client: TestClient, sample: Sample
) -> None:
    response = client.get("/organisaties")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    html = response.text
    assert list_rows(html) == [("anderdam", "Anderdam"), ("testdam", "Testdam")]
    store = open_store(sample.settings)
    try:
        withdrawn = store.withdrawn_record_ids("document")
        held = Counter(
            doc.source_key for doc in store.iter_records("document") if doc.id not in withdrawn
        )
    finally:
        store.close()
    for key, count in held.items():
        row = re.search(rf'/organisaties/{key}".*?</tr>', html, re.S)
        assert row is not None and f'<td class="number">{count}</td>' in row[0]
    assert "iBabs" in html and "NotuBiz" in html
    assert "nog nooit geoogst" in html  # anderdam has no runs
    assert "actueel" in html  # testdam was harvested while the sample was built


def test_the_list_sorts_by_a_parameter_and_refuses_an_unknown_one(client: TestClient) -> None:
    by_documents = client.get("/organisaties?sort=documenten").text
    assert [key for key, _ in list_rows(by_documents)] == ["anderdam", "testdam"]  # 26 vs 5
    assert 'aria-sort="descending"' in by_documents
    by_harvest = client.get("/organisaties?sort=oogst").text
    assert [key for key, _ in list_rows(by_harvest)] == ["testdam", "anderdam"]  # never: last
    by_name = client.get("/organisaties?sort=naam").text
    assert [key for key, _ in list_rows(by_name)] == ["anderdam", "testdam"]
    assert '<a href="?sort=documenten">' in by_name
    bad = client.get("/organisaties?sort=%3Cb%3E")
    assert bad.status_code == 400 and bad.headers["content-type"].startswith("text/html")
    assert "onbekende sortering" in bad.text and "<b>" not in bad.text


def test_the_charts_count_the_documents_the_store_holds(client: TestClient, sample: Sample) -> None:
    html = client.get("/organisaties/testdam").text
    store = open_store(sample.settings)
    try:
        withdrawn = store.withdrawn_record_ids("document", "testdam")
        docs = [
            d
            for d in store.iter_records("document", "testdam")
            if isinstance(d, Document) and d.id not in withdrawn
        ]
    finally:
        store.close()
    assert sample.withdrawn_id in withdrawn  # the sample's withdrawn document is not counted
    years = Counter(str(d.sort_date.year) if d.sort_date else "zonder datum" for d in docs)
    assert rows_of(html, "grafiek-1") == dict(years)
    per_type = rows_of(html, "grafiek-2")
    assert sum(per_type.values()) == len(docs)
    assert per_type["Motie"] == sum(d.document_type == "motie" for d in docs)
    # each bar is a search of what it counts
    assert '<a href="/?organization=testdam&amp;document_type=motie">Motie</a>' in html
    year = min(y for y in years if y.isdigit())
    assert f"date_from={year}-01-01&amp;date_to={year}-12-31" in html


def test_the_page_has_a_scoped_search_meetings_dossiers_and_the_woo_index(
    client: TestClient, sample: Sample
) -> None:
    response = client.get("/organisaties/testdam")
    assert response.status_code == 200
    html = response.text
    assert "<h1>Testdam</h1>" in html
    form = re.search(r'<form class="org-search"[^>]*action="/">(.*?)</form>', html, re.S)
    assert form is not None
    assert '<input type="hidden" name="organization" value="testdam">' in form[1]
    assert '<label for="q-organisatie">' in form[1] and 'id="q-organisatie" name="q"' in form[1]
    meeting = f'<a href="/vergaderingen/{sample.meeting_id}">Raadsvergadering 5 november 2024</a>'
    assert meeting in html and "(gepland)" not in html  # it was in 2024
    assert f'href="/dossiers/{sample.dossier_id}"' in html
    assert "Woo-index" in html  # testdam has a TOOI URI; this server publishes no export
    assert "VINDPLAATS_PUBLIC_BASE_URL" in html
    sources = re.search(r"<h2>Bronnen</h2>(.*?)<h2>", html, re.S)
    assert sources is not None
    assert "deels geslaagd" in sources[1] and "(1 fout)" in sources[1]
    assert "Volgende oogst" in sources[1]
    other = client.get("/organisaties/anderdam").text
    assert "Woo-index" not in other and "<h2>Vergaderingen</h2>" not in other


def test_an_unknown_organisation_is_a_dutch_404_page(client: TestClient) -> None:
    response = client.get("/organisaties/bestaat-niet")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert 'lang="nl"' in response.text and "bestaat-niet" in response.text
    hostile = client.get("/organisaties/%3Cscript%3E")
    assert hostile.status_code == 404 and "<script>" not in hostile.text


@pytest.fixture(scope="module")
def hostile_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """A Parlaeus source with a secret token whose failed run names it, and a source whose
    name and meeting are markup; served with a public base URL (the Woo-index link shows)."""
    data_dir: Path = tmp_path_factory.mktemp("org-hostile")
    settings = load_settings(data_dir=data_dir, public_base_url="https://ori.example.nl")
    store = open_store(settings)
    store.upsert_source(
        build_source(
            key="geheimdam",
            name="Geheimdam",
            supplier="parlaeus",
            municipality_prefix="geheimdam",
            api_token=TOKEN,
        )
    )
    store.upsert_source(
        build_source(
            key="boosdam",
            name=HOSTILE,
            supplier="notubiz",
            notubiz_organisation_id="1",
            tooi_uri="https://identifier.overheid.nl/tooi/id/gemeente/gm0001",
        )
    )
    run = store.start_run("geheimdam")
    url = f"https://geheimdam.parlaeus.nl/receive/opendata?rid={TOKEN}&page=1"
    store.finish_run(run.id, RunStatus.FAILED, {}, [f"GET {url}: HTTP 500 for token {TOKEN}"])
    org = Organization.build(Supplier.NOTUBIZ, "boosdam", "1", name=HOSTILE)
    store.upsert_record(org)
    store.upsert_record(
        Meeting.build(Supplier.NOTUBIZ, "boosdam", "m1", name=HOSTILE, organization_id=org.id)
    )
    store.close()
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def test_a_secret_token_is_never_shown(hostile_client: TestClient) -> None:
    for path in ("/organisaties", "/organisaties/geheimdam"):
        response = hostile_client.get(path)
        assert response.status_code == 200
        assert TOKEN not in response.text and "SECRET" not in response.text
    html = hostile_client.get("/organisaties/geheimdam").text
    assert "https://geheimdam.parlaeus.nl/receive/opendata" in html  # the base URL, shown
    assert "oogst mislukt" in html and "Laatste fout" in html  # the error, masked
    assert "HTTP 500" in html


def test_hostile_text_is_escaped(hostile_client: TestClient) -> None:
    for path in ("/organisaties", "/organisaties/boosdam"):
        html = hostile_client.get(path).text
        assert "<script>" not in html
        assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    html = hostile_client.get("/organisaties/boosdam").text
    assert '<a href="/woo/boosdam/robots.txt">' in html  # TOOI URI and a public base URL
