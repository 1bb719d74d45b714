"""GET /vergaderingen/{id}: the meeting as a page — its facts, the agenda tree with documents,
motions and register entries, and with `?q=` the hits of the query marked and counted."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest
from starlette.testclient import TestClient

from search_api import create_app
from search_api.web.council_text import agenda_anchor
from tests.search_api.web.council_sample import HOSTILE, Council, build_council


@pytest.fixture(scope="module")
def council(tmp_path_factory: pytest.TempPathFactory) -> Council:
    return build_council(Path(tmp_path_factory.mktemp("council")))


@pytest.fixture(scope="module")
def client(council: Council) -> Iterator[TestClient]:
    with TestClient(create_app(council.settings)) as test_client:
        yield test_client


def page(client: TestClient, meeting_id: str, q: str | None = None) -> str:
    params = {"q": q} if q is not None else None
    response = client.get("/vergaderingen/" + quote(meeting_id, safe=":"), params=params)
    assert response.status_code == 200, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    return response.text


class _Tree(HTMLParser):
    """The agenda as nested (position, title, children) from the page's `ol.agenda` lists."""

    def __init__(self) -> None:
        super().__init__()
        self.roots: list[dict[str, object]] = []
        self.stack: list[list[dict[str, object]]] = []
        self.title: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag == "ol" and "agenda" in classes:
            self.stack.append(self.roots if not self.stack else self._last()["children"])  # type: ignore[arg-type]
        elif tag == "li" and "punt" in classes:
            self.stack[-1].append({"id": dict(attrs)["id"], "title": "", "children": []})
        elif re.fullmatch(r"h[3-6]", tag) and "punt-titel" in classes:
            self.title = []

    def _last(self) -> dict[str, object]:
        return self.stack[-1][-1]

    def handle_endtag(self, tag: str) -> None:
        if tag == "ol" and self.stack:
            self.stack.pop()
        elif re.fullmatch(r"h[3-6]", tag) and self.title is not None:
            self._last()["title"] = " ".join("".join(self.title).split())
            self.title = None

    def handle_data(self, data: str) -> None:
        if self.title is not None:
            self.title.append(data)


def agenda_of(html: str) -> list[dict[str, object]]:
    parser = _Tree()
    parser.feed(html)
    return parser.roots


def section(html: str, anchor: str) -> str:
    """The HTML of the agenda item with that anchor, up to the next agenda item."""
    start = html.index(f'id="{anchor}"')
    end = html.find('<li id="punt-', start)
    return html[start : end if end != -1 else len(html)]


def test_the_meeting_page_shows_its_facts_and_links_to_the_organisation(
    client: TestClient, council: Council
) -> None:
    html = page(client, council.meeting_id)
    assert "<h1>Raadsvergadering 12 maart 2025</h1>" in html
    assert "<dt>Commissie</dt><dd>Gemeenteraad</dd>" in html
    # 18:30 UTC is 19:30 in Amsterdam in March (CET)
    assert "woensdag 12 maart 2025, 19:30–23:00" in html
    assert "Raadzaal, stadhuis" in html
    assert "<dd>Bevestigd</dd>" in html
    assert 'href="/organisaties/raadstad"' in html
    assert '<html lang="nl">' in html


def test_the_agenda_is_a_tree_with_numbers_titles_and_descriptions(
    client: TestClient, council: Council
) -> None:
    html = page(client, council.meeting_id)
    agenda = agenda_of(html)
    assert [item["title"] for item in agenda] == ["1 Opening", "2 Hamerstukken", "3 Moties"]
    heading = agenda[1]
    children = heading["children"]
    assert isinstance(children, list)
    assert [c["title"] for c in children] == ["2a Bestemmingsplan Havenkwartier", "2b Subsidies"]
    assert [c["title"] for c in children[1]["children"]] == ["2b.1 Toelichting subsidieregeling"]
    assert heading["id"] == agenda_anchor(council.items["2"])
    assert "Vaststelling van het bestemmingsplan." in section(
        html, agenda_anchor(council.items["2a"])
    )
    # headings in order: h3 for the top level, one deeper per level
    assert re.search(r"<h5 class=\"punt-titel\">\s*<span class=\"nummer\">2b\.1</span>", html)


def test_each_item_lists_its_documents_motions_and_register_entries(
    client: TestClient, council: Council
) -> None:
    html = page(client, council.meeting_id)
    havenkwartier = section(html, agenda_anchor(council.items["2a"]))
    assert f'href="/documenten/{council.voorstel_id}"' in havenkwartier
    assert "Raadsvoorstel bestemmingsplan Havenkwartier" in havenkwartier
    toelichting = section(html, agenda_anchor(council.items["2b.1"]))
    assert f'href="/documenten/{council.toelichting_id}"' in toelichting
    moties = section(html, agenda_anchor(council.items["3"]))
    assert f'href="/moties/{council.m1_id}"' in moties
    assert "Aangenomen" in moties
    assert "Toezegging over de kade" in moties
    # an entry that is a motion shown, or whose documents are shown, is not listed again
    assert moties.count("Motie M1 Geluidsscherm langs de kade") == 1
    assert moties.count("Brief van de havenvereniging") == 1
    assert "(Ingekomen stukken)" in moties
    # the amendment has no agenda item: listed with the meeting, flagged as gone from the source
    rest = html[html.index('id="stukken"') :]
    assert f'href="/moties/{council.a1_id}"' in rest
    assert "niet meer bij de bron" in rest
    assert council.outside_id not in html


def test_a_query_marks_the_hits_in_this_meeting_and_counts_them(
    client: TestClient, council: Council
) -> None:
    html = page(client, council.meeting_id, "geluidsscherm")
    # the raadsvoorstel (page 2) and motion M1 hit; the letter outside the meeting does not count
    assert "2 treffers voor <q>geluidsscherm</q> in deze vergadering" in html
    havenkwartier = section(html, agenda_anchor(council.items["2a"]))
    assert 'class="badge">treffer' in havenkwartier
    assert 'class="record document treffer"' in havenkwartier
    reader = f"/documenten/{council.voorstel_id}?q=geluidsscherm"
    assert f'href="{reader}&amp;pagina=2#pagina-2">Pagina 2</a>' in havenkwartier
    # the snippet keeps the engine's <mark> and its escaping of the page text
    assert "<mark>geluidsscherm</mark> (a &lt; b)" in havenkwartier
    assert 'class="record motion treffer"' in section(html, agenda_anchor(council.items["3"]))
    for quiet in ("1", "2b.1"):
        assert "treffer" not in section(html, agenda_anchor(council.items[quiet]))
    assert council.outside_id not in html


def test_a_query_without_hits_says_so(client: TestClient, council: Council) -> None:
    html = page(client, council.meeting_id, "woonwijk")
    assert "Geen treffers voor <q>woonwijk</q> in deze vergadering." in html
    assert 'class="badge"' not in html
    assert 'value="woonwijk"' in html


def test_hostile_names_and_queries_are_escaped(client: TestClient, council: Council) -> None:
    html = page(client, council.hostile_meeting_id, HOSTILE)
    assert HOSTILE not in html
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert 'value="&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;"' in html


@pytest.mark.parametrize(
    "meeting_id",
    ["meeting:notubiz:raadstad:bestaat-niet", "document:notubiz:raadstad:d1", "x"],
)
def test_an_unknown_meeting_is_a_dutch_404_page(client: TestClient, meeting_id: str) -> None:
    response = client.get("/vergaderingen/" + meeting_id)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert '<html lang="nl">' in response.text
