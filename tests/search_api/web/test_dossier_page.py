"""GET /dossiers/{id}: a Woo-besluit harvested into a real store (its documents with DiWoo
metadata and originals, the dossier stage run over them) as a Dutch page: decision facts, the
judgement and ground counts with labels, the inventory table with each row's judgement, grounds
and a link to its harvested document; an unreadable inventory says so; hostile text is escaped
and a `javascript:` link is never a link; paging of a long inventory; unknown ids a 404 page."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from urllib.parse import quote

import pytest
from starlette.testclient import TestClient

from normalize.dossier import Dossier, DossierGround, InventoryEntry, Outcome
from normalize.dossier_build import native_of
from normalize.grounds import Law
from normalize.inventory_values import Judgement
from normalize.records import Organization, Supplier
from search_api import create_app
from search_api.web.dossier_page import ROWS_PER_PAGE
from tests.normalize import dossier_samples as S
from vindplaats.harvest.dossiers import assemble_dossiers
from vindplaats.settings import load_settings
from vindplaats.sources import build_source
from vindplaats.store import open_blobs, open_store

OTHER_SITE = "https://open.example.nl/woo/2024-0007"
HOSTILE = '<img src=x onerror="alert(1)">'


def path(dossier_id: str) -> str:
    return "/dossiers/" + quote(dossier_id, safe=":")


def inventory_rows(html: str) -> list[list[str]]:
    """The cells of each inventory row, tags stripped."""
    table = re.search(r'<table class="inventory">(.*?)</table>', html, re.S)
    assert table is not None
    body = table[1].split("<tbody>", 1)[1]
    rows = re.findall(r"<tr>(.*?)</tr>", body, re.S)
    cell = re.compile(r"<t[hd][^>]*>(.*?)</t[hd]>", re.S)
    return [[re.sub(r"<[^>]+>", "", c).strip() for c in cell.findall(row)] for row in rows]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    settings = load_settings(data_dir=tmp_path_factory.mktemp("dossier-page"))
    store, blobs = open_store(settings), open_blobs(settings)
    store.upsert_source(build_source(key=S.SOURCE, name="VWS", supplier="diwoo"))
    store.upsert_record(S.ORGANIZATION)
    S.publish_besluit(store, blobs, S.inventory_document(), S.ediscovery_xlsx())
    other = S.document(
        f"{OTHER_SITE}/besluit.pdf",
        "Besluit op het Wob-verzoek over subsidies",
        S.woo(
            documentsoorten=[{"label": "beslissing op Wob-/Woo-verzoek"}],
            has_parts=[{"resource": f"{OTHER_SITE}/inventaris.pdf"}],
        ),
    )
    S.publish(store, blobs, other, b"%PDF-1.7 besluit")
    inventory = S.document(f"{OTHER_SITE}/inventaris.pdf", "Inventarislijst", S.woo())
    S.publish(store, blobs, inventory, b"%PDF-1.7 table")
    assert assemble_dossiers(store, blobs, S.SOURCE).counts["dossiers"] == 2
    store.save_dossier(hostile_dossier())
    store.save_dossier(long_dossier())
    store.close()
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def hostile_dossier() -> Dossier:
    org = Organization.build(Supplier.DIWOO, S.SOURCE, S.SOURCE, name="VWS")
    letter = f"document:diwoo:{S.SOURCE}:boos"
    ground = DossierGround(written=HOSTILE, code=None)
    row = InventoryEntry(
        number=HOSTILE,
        line=2,
        inventory_document_id=letter,
        name=HOSTILE,
        judgement_text=HOSTILE,
        grounds=[ground],
        explanation=HOSTILE,
        link="javascript:alert(1)",
    )
    return Dossier.build(
        Supplier.DIWOO,
        S.SOURCE,
        "boos",
        title=HOSTILE,
        summary=HOSTILE,
        case_number=HOSTILE,
        organization_id=org.id,
        decision_document_id=None,
        inventory=[row],
        judgement_counts={HOSTILE: 1},
    )


def long_dossier() -> Dossier:
    org = Organization.build(Supplier.DIWOO, S.SOURCE, S.SOURCE, name="VWS")
    inventory = f"document:diwoo:{S.SOURCE}:lang-inventaris"
    rows = [
        InventoryEntry(
            number=str(n),
            line=n + 1,
            inventory_document_id=inventory,
            name=f"Stuk {n}",
            judgement=Judgement.OPENBAAR,
            link=f"https://open.example.nl/lang/{n}.pdf",
        )
        for n in range(1, ROWS_PER_PAGE + 6)
    ]
    return Dossier.build(
        Supplier.DIWOO,
        S.SOURCE,
        "lang",
        title="Besluit met een lange inventarislijst",
        decision_date=date(2025, 1, 2),
        outcome=Outcome.OPENBAAR,
        law=Law.WOO,
        organization_id=org.id,
        decision_document_id=None,
        inventory=rows,
    )


def test_the_dossier_page_shows_the_decision_counts_and_the_joined_inventory(
    client: TestClient,
) -> None:
    response = client.get(path(S.DOSSIER_ID))
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    html = response.text
    assert "<h1>Besluit op het Woo-verzoek over de inkoop van mondkapjes</h1>" in html
    assert "<dt>Besluitdatum</dt><dd>3 november 2025</dd>" in html
    assert "deels openbaar (afgeleid uit de beoordelingen in de inventarislijst)" in html
    assert "Woo (Wet open overheid)" in html and f"<dd>{S.CASE}</dd>" in html
    letter = S.letter()
    assert f'<a href="/documenten/{quote(letter.id, safe=":")}">{letter.title}</a>' in html
    # the counts, as the dossier holds them, with the grounds' labels
    assert '<th scope="row">deels openbaar</th><td class="number">6</td>' in html
    assert '<th scope="row">openbaar</th><td class="number">3</td>' in html
    grounds = re.search(r'<th scope="row">5.1.2e</th><td>([^<]+)</td><td[^>]*>(\d+)</td>', html)
    assert grounds is not None
    assert grounds.groups() == ("eerbiediging van de persoonlijke levenssfeer", "4")
    # every inventory row, in order, its document linked
    rows = inventory_rows(html)
    assert [r[0] for r in rows] == [str(n) for n, *_ in S.ROWS]
    assert [r[3] for r in rows] == [j.lower() for _, _, j, _, _ in S.ROWS]
    assert {r[2] for r in rows} == {"19 februari 2021"}  # the e-discovery export's dates
    assert rows[0][4].startswith("5.1.2e (eerbiediging van de persoonlijke levenssfeer)")
    assert "5.1.1c" in rows[0][4]
    for doc in S.judged_documents():
        assert f'<a href="/documenten/{quote(doc.id, safe=":")}">{doc.title}</a>' in html
    assert "10 documenten in de inventarislijst; 10 gekoppeld" in html


def test_an_unreadable_inventory_is_shown_as_the_problem(client: TestClient) -> None:
    other = f"dossier:diwoo:vws:{native_of(OTHER_SITE + '/besluit.pdf')}"
    html = client.get(path(other)).text
    assert "Wob (Wet openbaarheid van bestuur)" in html
    assert "Er is geen (leesbare) inventarislijst bij dit besluit." in html
    assert "Inventarislijst onleesbaar" in html and "a PDF, not a spreadsheet" in html


def test_hostile_text_is_escaped_and_a_javascript_link_is_no_link(client: TestClient) -> None:
    html = client.get(path(f"dossier:diwoo:{S.SOURCE}:boos")).text
    assert "<img" not in html and "javascript:" not in html
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in html
    [row] = inventory_rows(html)
    assert row[1] == "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;"  # a name, not a link
    assert len(row) == 5 and ">Datum<" not in html  # no row has a date: no date column


def test_a_long_inventory_is_paged(client: TestClient) -> None:
    first = client.get(path(f"dossier:diwoo:{S.SOURCE}:lang")).text
    assert len(inventory_rows(first)) == ROWS_PER_PAGE
    assert '<a href="?pagina=2#inventaris" rel="next">' in first
    # a row not joined links to the inventory's own (web) link
    assert '<a href="https://open.example.nl/lang/1.pdf" rel="nofollow noopener">' in first
    second = client.get(path(f"dossier:diwoo:{S.SOURCE}:lang") + "?pagina=2").text
    assert [r[0] for r in inventory_rows(second)] == [str(n) for n in range(201, 206)]
    assert '<a href="?pagina=1#inventaris" rel="prev">' in second
    for bad in ("3", "0", "x"):
        response = client.get(path(f"dossier:diwoo:{S.SOURCE}:lang") + f"?pagina={bad}")
        assert response.status_code == 400 and "pagina moet een getal" in response.text


@pytest.mark.parametrize(
    "dossier_id",
    [
        "dossier:diwoo:vws:" + native_of("https://open.example.nl/nothing.pdf"),
        "document:diwoo:vws:" + S.LETTER_URL,  # a document id is no dossier id
        "not-an-id",
    ],
)
def test_an_unknown_dossier_is_a_dutch_404_page(client: TestClient, dossier_id: str) -> None:
    response = client.get(path(dossier_id))
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert 'lang="nl"' in response.text and "niet gevonden" in response.text


def test_a_withdrawn_dossier_says_so(tmp_path: Path) -> None:
    settings = load_settings(data_dir=tmp_path)
    store, blobs = open_store(settings), open_blobs(settings)
    store.upsert_source(build_source(key=S.SOURCE, name="VWS", supplier="diwoo"))
    store.upsert_record(S.ORGANIZATION)
    S.publish_besluit(store, blobs, S.inventory_document(), S.ediscovery_xlsx())
    assemble_dossiers(store, blobs, S.SOURCE)
    store.mark_withdrawn([S.letter().id, S.inventory_document().id,
                          *(d.id for d in S.judged_documents())])  # fmt: skip
    assemble_dossiers(store, blobs, S.SOURCE)
    store.close()
    with TestClient(create_app(settings)) as client:
        html = client.get(path(S.DOSSIER_ID)).text
    assert "Dit besluit staat niet meer bij de bron" in html
    assert len(inventory_rows(html)) == len(S.ROWS)  # as it was when last formed
