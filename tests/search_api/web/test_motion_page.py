"""GET /moties/{id}: the motion as a page — kind, date, meeting and agenda item, submitters with
their party, the result, the votes per member and per party, its documents; a motion the source
no longer publishes says so."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest
from starlette.testclient import TestClient

from search_api import create_app
from search_api.web.council_text import agenda_anchor
from tests.search_api.web.council_sample import HOSTILE, M1_VOTES, Council, build_council


@pytest.fixture(scope="module")
def council(tmp_path_factory: pytest.TempPathFactory) -> Council:
    return build_council(Path(tmp_path_factory.mktemp("council")))


@pytest.fixture(scope="module")
def client(council: Council) -> Iterator[TestClient]:
    with TestClient(create_app(council.settings)) as test_client:
        yield test_client


def page(client: TestClient, motion_id: str) -> str:
    response = client.get("/moties/" + quote(motion_id, safe=":"))
    assert response.status_code == 200, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    return response.text


class _Tables(HTMLParser):
    """The text of every cell of each table on the page, by the table's id."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.table: list[list[str]] | None = None
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.table = self.tables.setdefault(dict(attrs).get("id") or "", [])
        elif tag == "tr" and self.table is not None:
            self.table.append([])
        elif tag in ("td", "th") and self.table is not None:
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self.table is not None and self.cell is not None:
            self.table[-1].append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "table":
            self.table = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def tables(html: str) -> dict[str, list[list[str]]]:
    parser = _Tables()
    parser.feed(html)
    return parser.tables


def test_the_motion_page_shows_kind_date_result_meeting_and_agenda_item(
    client: TestClient, council: Council
) -> None:
    html = page(client, council.m1_id)
    assert "<h1>Motie M1 Geluidsscherm langs de kade</h1>" in html
    assert "<dt>Soort</dt><dd>Motie</dd>" in html
    assert "woensdag 12 maart 2025" in html
    assert 'class="result result-aangenomen">Aangenomen</span>' in html
    meeting = f"/vergaderingen/{council.meeting_id}"
    assert f'<a href="{meeting}">Raadsvergadering 12 maart 2025</a>' in html
    agenda_item = f"{meeting}#{agenda_anchor(council.items['3'])}"
    assert f'<a href="{agenda_item}">Moties</a>' in html
    assert f'href="/documenten/{council.voorstel_id}"' in html
    assert 'href="/organisaties/raadstad"' in html
    assert "Niet meer gepubliceerd" not in html


def test_the_agenda_item_link_lands_on_that_item_of_the_meeting_page(
    client: TestClient, council: Council
) -> None:
    html = page(client, council.m1_id)
    link = re.search(r'<dt>Agendapunt</dt><dd><a href="([^"]+)"', html)
    assert link is not None
    path, anchor = link.group(1).split("#")
    meeting_page = client.get(path)
    assert meeting_page.status_code == 200
    assert f'<li id="{anchor}"' in meeting_page.text


def test_submitters_and_co_submitters_with_their_party(
    client: TestClient, council: Council
) -> None:
    html = page(client, council.m1_id)
    people = html[html.index('id="indieners"') : html.index('id="stemmingen"')]
    items = [
        " ".join(re.sub(r"<[^>]+>", "", li).split())
        for li in re.findall(r"<li>(.*?)</li>", people, re.S)
    ]
    assert items == [
        "P. Jansen (Partij A) — indiener",
        "M. Visser (Partij B) — mede-indiener",
    ]


def test_votes_per_party_are_counted_from_the_votes(client: TestClient, council: Council) -> None:
    rows = tables(page(client, council.m1_id))["per-fractie"]
    assert rows[0] == ["Fractie", "Voor", "Tegen", "Onthouden of afwezig", "Totaal", "Verdeling"]
    counted = {row[0]: [int(n) for n in row[1:5]] for row in rows[1:]}
    expected: dict[str, Counter[str]] = {}
    for _, party, choice in M1_VOTES:
        expected.setdefault(party, Counter())[choice.value] += 1
    assert counted == {
        party: [c["voor"], c["tegen"], c["onthouden"] + c["afwezig"], sum(c.values())]
        for party, c in expected.items()
    }
    assert counted["Partij A"] == [2, 0, 1, 3]


def test_each_party_has_a_bar_of_its_for_and_against_shares(
    client: TestClient, council: Council
) -> None:
    html = page(client, council.m1_id)
    bars = re.findall(r'<svg class="tally"[^>]*aria-label="([^"]+)">(.*?)</svg>', html, re.S)
    assert [label for label, _ in bars] == [
        "2 voor, 0 tegen, 1 onthouden of afwezig",
        "1 voor, 1 tegen",
        "0 voor, 2 tegen",
    ]
    widths = re.findall(r'<rect class="(\w+)"[^>]*width="([\d.]+)"', bars[1][1])
    assert widths == [("voor", "50.00"), ("tegen", "50.00"), ("anders", "0.00")]
    assert "<img" not in html


def test_votes_per_member_are_listed_by_name(client: TestClient, council: Council) -> None:
    rows = tables(page(client, council.m1_id))["per-lid"]
    assert rows[0] == ["Naam", "Fractie", "Stem"]
    expected = sorted((name, party, choice.value.capitalize()) for name, party, choice in M1_VOTES)
    assert [tuple(row) for row in rows[1:]] == expected


def test_a_withdrawn_amendment_says_so_and_keeps_its_votes(
    client: TestClient, council: Council
) -> None:
    html = page(client, council.a1_id)
    assert "<dt>Soort</dt><dd>Amendement</dd>" in html
    assert "Niet meer gepubliceerd." in html
    assert "De bron publiceert dit amendement niet meer" in html
    assert 'class="result result-verworpen">Verworpen</span>' in html
    assert tables(html)["per-lid"][1:] == [["R. Smit", "Partij C", "Voor"]]


def test_hostile_names_are_escaped(client: TestClient, council: Council) -> None:
    html = page(client, council.hostile_motion_id)
    assert HOSTILE not in html
    assert "<script>" not in html
    assert html.count("&lt;script&gt;") >= 5
    rows = tables(html)["per-lid"]
    assert rows[1] == [HOSTILE, HOSTILE, "Tegen"]


@pytest.mark.parametrize(
    "motion_id", ["motion:notubiz:raadstad:bestaat-niet", "meeting:notubiz:raadstad:m1", "%00"]
)
def test_an_unknown_motion_is_a_dutch_404_page(client: TestClient, motion_id: str) -> None:
    response = client.get("/moties/" + motion_id)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert '<html lang="nl">' in response.text
