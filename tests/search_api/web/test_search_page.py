"""The search page at `/` over the sample store and index (real store, real tantivy engine),
read as a user reads it: results, facets that combine, permalinks, zero results, bad input."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from starlette.testclient import TestClient

from normalize.records import Document
from search_api import create_app
from search_api.web.facet_view import VISIBLE, facet_groups
from search_api.web.query_state import QueryState
from search_api.web.search_format import safe_snippet
from tests.search_api.sample import SampleBuilder
from tests.search_api.sample_documents import NB
from vindplaats.engine import open_engine
from vindplaats.engine.base import FacetValue
from vindplaats.harvest.index import index_motions
from vindplaats.settings import load_settings

NOTES = 20
HOSTILE_TITLE = '<script>alert("titel")</script> Verordening & "nota"'


class Page(HTMLParser):
    """The parts of a page a test reads: links (href, text), the form's fields, all text."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self.fields: list[tuple[str, str]] = []
        self._href: str | None = None
        self._text: list[str] = []
        self._select: str | None = None
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        if tag == "a" and "href" in found:
            self._href, self._text = found["href"], []
        elif tag == "input" and "name" in found:
            self.fields.append((found["name"], found.get("value", "")))
        elif tag == "select":
            self._select = found.get("name")
        elif tag == "option" and self._select and "selected" in found:
            self.fields.append((self._select, found.get("value", "")))

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._href is not None:
            self.links.append((self._href, " ".join("".join(self._text).split())))
            self._href = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data: str) -> None:
        if self._href is not None:
            self._text.append(data)

    def link(self, text: str) -> str:
        """The href of the first link whose text starts with `text`."""
        for href, shown in self.links:
            if shown.startswith(text):
                return href
        raise AssertionError(f"no link {text!r} in {self.links}")

    def hrefs(self, prefix: str) -> list[str]:
        return [href for href, _ in self.links if href.startswith(prefix)]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """The sample with its motion indexed, plus a document whose title and text are hostile
    HTML."""
    data_dir: Path = tmp_path_factory.mktemp("search-page")
    builder = SampleBuilder(load_settings(data_dir=data_dir))
    try:
        for part in (
            builder.sources,
            builder.meeting,
            builder.register_entries,
            builder.testdam_documents,
            builder.testdam_states,
            builder.motion,
            builder.anderdam_documents,
        ):
            part()
        builder.add(
            Document.build(
                NB,
                "testdam",
                "666",
                title=HOSTILE_TITLE,
                original_url="https://example.org/files/666.pdf",
                content_type="application/pdf",
                document_type="Overig",
                **builder.testdam,
            ),
            ["Een vijandige <script>alert('tekst')</script> bladzijde over kwaadaardigheid."],
            organization="Gemeente Testdam",
        )
        for n in range(NOTES):  # enough records for more than one full page
            builder.add(
                Document.build(
                    NB,
                    "testdam",
                    f"notitie-{n}",
                    title=f"Notitie {n}",
                    original_url=f"https://example.org/files/notitie-{n}.pdf",
                    content_type="application/pdf",
                    document_type="Overig",
                    **builder.testdam,
                ),
                [f"Een notitie over groenbeheer, nummer {n}."],
                organization="Gemeente Testdam",
            )
        builder.index_all()
        engine = open_engine(builder.settings)
        try:
            index_motions(builder.store, engine)  # the sample's motion found as a motion
        finally:
            engine.close()
    finally:
        builder.store.close()
    with TestClient(create_app(builder.settings)) as test_client:
        yield test_client


def _total(html: str) -> int:
    found = re.search(r'<p class="count" role="status">([\d.]+) resulta', html)
    assert found, html[:2000]
    return int(found.group(1).replace(".", ""))


def _results(html: str) -> str:
    start = html.index('<section class="results"')
    return html[start : html.index("</section>", start)]


def _api_total(client: TestClient, params: list[tuple[str, str]]) -> int:
    response = client.get("/api/search?" + urlencode(params))
    assert response.status_code == 200, response.text
    total: int = response.json()["total"]
    return total


def test_results_show_title_organisation_type_date_and_page_links(client: TestClient) -> None:
    response = client.get("/?q=begrotingen")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    html = response.text
    page = Page(html)
    reader = "/documenten/document:notubiz:testdam:1001?q=begrotingen"
    assert page.link("Begroting 2025") == reader
    assert page.link("p. 3") == reader + "&pagina=3#pagina-3"  # "begrotingen" is on page 3
    assert "Gemeente Testdam" in html and "Raadsvoorstel" in html
    assert '<time datetime="2024-11-05">5 november 2024</time>' in html
    assert "<mark>" in _results(html)
    assert "Gemeenteraad" in html  # the committee
    assert page.link("Volg deze zoekopdracht") == "/feed.atom?q=begrotingen"
    assert page.link("CSV") == "/api/export?format=csv&q=begrotingen"
    assert page.link("NDJSON") == "/api/export?format=ndjson&q=begrotingen"


def test_a_motion_links_to_its_motion_page(client: TestClient) -> None:
    page = Page(client.get("/?q=fietspad").text)
    assert any(href.startswith("/moties/motion:") for href, _ in page.links), page.links


def test_facets_combine_and_within_one_facet_or(client: TestClient) -> None:
    first = Page(client.get("/").text)
    anderdam = first.link("Gemeente Anderdam")
    html = client.get(anderdam).text
    assert _total(html) == _api_total(client, [("organization", "Gemeente Anderdam")]) == 26
    narrowed = Page(html)
    # the other organisation stays offered, with its own count: choosing it adds it (OR)
    both = narrowed.link("Gemeente Testdam")
    assert sorted(v for k, v in parse_qsl(urlsplit(both).query) if k == "organization") == [
        "Gemeente Anderdam",
        "Gemeente Testdam",
    ]
    either = _total(client.get(both).text)
    assert either == _api_total(
        client, [("organization", "Gemeente Anderdam"), ("organization", "Gemeente Testdam")]
    )
    assert either > 26
    # a value of another facet narrows (AND)
    letters = client.get(narrowed.link("Ingekomen stuk")).text
    assert _total(letters) == 25
    chosen = Page(letters)
    assert chosen.link("Organisatie: Gemeente Anderdam") == "/?document_type=ingekomen_stuk"
    assert chosen.link("Documentsoort: Ingekomen stuk") == "/?organization=Gemeente+Anderdam"


def test_a_permalink_reproduces_the_view_and_the_form_keeps_it(client: TestClient) -> None:
    url = "/?q=brief&organization=Gemeente+Anderdam&date_from=2024-01-05&sort=date_asc&size=5"
    html = client.get(url).text
    assert _results(client.get(url).text) == _results(html)
    assert _total(html) == 21  # letters of 5 January 2024 and later
    fields = Page(html).fields
    assert ("q", "brief") in fields and ("date_from", "2024-01-05") in fields
    assert ("sort", "date_asc") in fields and ("organization", "Gemeente Anderdam") in fields
    resubmitted = client.get("/?" + urlencode(fields)).text  # the form sent as it stands
    assert _results(resubmitted) == _results(html)
    assert "Ingekomen brief 04" in html and html.index("Ingekomen brief 05") < html.index(
        "Ingekomen brief 06"
    )


def test_sort_orders_all_hits(client: TestClient) -> None:
    newest = _results(client.get("/?q=brief&sort=date_desc&size=1").text)
    oldest = _results(client.get("/?q=brief&sort=date_asc&size=1").text)
    assert "Ingekomen brief 24" in newest and "Ingekomen brief 00" in oldest


def test_paging_follows_the_cursor_to_the_end(client: TestClient) -> None:
    url = "/?q=brief&sort=date_asc&size=10"
    seen: list[str] = []
    pages = 0
    while url:
        html = client.get(url).text
        pages += 1
        seen += re.findall(r"Ingekomen brief \d\d", _results(html))
        page = Page(html)
        if pages > 1:
            assert f"pagina {pages}" in html
            assert page.link("Eerste pagina") == "/?q=brief&sort=date_asc&size=10"
        nexts = [href for href, text in page.links if text == "Volgende pagina"]
        url = nexts[0] if nexts else ""
    assert pages == 3
    assert seen == [f"Ingekomen brief {n:02d}" for n in range(25)]


def test_an_empty_query_shows_the_newest_documents(client: TestClient) -> None:
    html = client.get("/").text
    assert "Nieuwste documenten" in html and "Vindplaats doorzoekt" in html
    newest = client.get("/api/search?sort=date_desc&size=1").json()["hits"][0]["title"]
    first = re.search(r'<li class="hit">\s*<h3><a href="[^"]+">([^<]+)</a>', html)
    assert first and first.group(1) == newest


def test_the_export_of_an_empty_query_is_in_the_order_the_page_shows(client: TestClient) -> None:
    html = client.get("/").text
    link = re.search(r'href="(/api/export\?format=csv[^"]*)"', html)
    assert link, "no CSV export link"
    rows = client.get(link.group(1).replace("&amp;", "&")).text.lstrip("\ufeff").splitlines()
    newest = client.get("/api/search?sort=date_desc&size=1").json()["hits"][0]["id"]
    assert rows[1].split(",")[0] == newest


def test_zero_results_say_why_and_offer_a_way_out(client: TestClient) -> None:
    response = client.get("/?q=zzzqqq&organization=Gemeente+Testdam&date_from=2020-01-01")
    assert response.status_code == 200
    html = response.text
    assert _total(html) == 0
    assert "Geen resultaten voor “zzzqqq”" in html
    page = Page(html)
    assert page.link("zoekwoorden weglaten") == (
        "/?organization=Gemeente+Testdam&date_from=2020-01-01"
    )
    assert "Organisatie: Gemeente Testdam" in html and "Vanaf 1 januari 2020" in html
    assert page.link("Alle filters wissen") == "/?q=zzzqqq"
    assert "/?q=zzzqqq&date_from=2020-01-01" in page.hrefs("/?")  # one filter left out


def test_a_bad_query_is_searched_as_words(client: TestClient) -> None:
    response = client.get('/?q="unbalanced -| ((*')
    assert response.status_code == 200
    assert "resulta" in response.text


def test_hostile_text_is_shown_as_text(client: TestClient) -> None:
    html = client.get("/?q=kwaadaardigheid").text
    assert _total(html) == 1
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#34;titel&#34;)&lt;/script&gt; Verordening &amp;" in html
    assert "&lt;script&gt;alert(" in _results(html)  # the page text in the snippet, escaped
    hostile_query = client.get("/?q=%3Cscript%3Ealert(1)%3C/script%3E").text
    assert "<script>alert(1)" not in hostile_query


def test_a_snippet_keeps_only_its_marks() -> None:
    snippet = "a <mark>b</mark> &lt;i&gt; <img src=x onerror=1> </mark><mark>c"
    assert str(safe_snippet(snippet)) == (
        "a <mark>b</mark> &lt;i&gt; &lt;img src=x onerror=1&gt; <mark>c</mark>"
    )


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("date_from=2024-02-30", "De datum ‘vanaf’ is geen geldige datum"),
        ("date_to=gisteren", "De datum ‘tot en met’ is geen geldige datum"),
        ("date_from=2025-01-01&date_to=2024-01-01", "ligt na de datum ‘tot en met’"),
        ("sort=random", "Kies een sortering"),
        ("cursor=AAAA", "Deze paginalink is ongeldig"),
    ],
)
def test_a_bad_parameter_shows_the_form_with_a_dutch_message(
    client: TestClient, query: str, message: str
) -> None:
    response = client.get(f"/?q=begroting&{query}")
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("text/html")
    assert message in response.text
    assert ("q", "begroting") in Page(response.text).fields


def test_a_shared_link_with_a_tracking_tag_still_opens(client: TestClient) -> None:
    response = client.get("/?q=begroting&fbclid=abc123&utm_source=nieuwsbrief")
    assert response.status_code == 200
    assert _total(response.text) == _api_total(client, [("q", "begroting")])
    assert "abc123" not in response.text and "utm_source" not in response.text


def test_empty_form_fields_count_as_left_out(client: TestClient) -> None:
    response = client.get("/?q=begroting&date_from=&date_to=&sort=")
    assert response.status_code == 200
    assert _total(response.text) == _api_total(client, [("q", "begroting")])


def test_a_page_shows_at_most_50_hits(client: TestClient) -> None:
    html = client.get("/?size=100").text
    assert _total(html) > 50 and html.count('<li class="hit">') == 50


@pytest.mark.parametrize("url", ["/", "/?q=begroting", "/?q=brief&size=100"])
def test_the_page_with_its_css_stays_under_100_kb(client: TestClient, url: str) -> None:
    html = client.get(url).text
    css = sum(
        len(client.get(href).content)
        for href in re.findall(r'href="(/static/[^"]+\.css[^"]*)"', html)
    )
    assert len(html.encode()) + css < 100_000


def test_a_long_facet_shows_the_first_values_and_the_rest_under_more() -> None:
    values = [FacetValue(value=f"Gemeente {n:02d}", count=100 - n) for n in range(12)]
    state = QueryState(pairs=(("organization", "Gemeente 10"),))
    (group,) = facet_groups(state, {"organization": values})
    assert [item.label for item in group.items] == [f"Gemeente {n:02d}" for n in range(VISIBLE)]
    assert [item.label for item in group.more] == [
        "Gemeente 08",
        "Gemeente 09",
        "Gemeente 10",
        "Gemeente 11",
    ]
    chosen = next(item for item in group.more if item.selected)
    assert chosen.url == "/"  # choosing it again removes it


def test_the_year_facet_narrows_to_that_year(client: TestClient) -> None:
    page = Page(client.get("/?q=fietspad | brief").text)
    year_link = next(href for href, text in page.links if text.startswith("2023 "))
    html = client.get(year_link).text
    params = parse_qsl(urlsplit(year_link).query)
    assert _total(html) == _api_total(client, params) >= 1
    assert "Motie fietspad Dorpsstraat" in _results(html)  # of 1 May 2023
    assert "Ingekomen brief" not in _results(html)
    assert Page(html).link("2024").startswith("/?q=fietspad")  # the other year: an alternative
