"""The planted-violation ORI publisher: every row of `PLANTED` is there to be found, once, and
the rest of the feed is clean (schema errors are exactly the planted schema rows)."""

from __future__ import annotations

import itertools
from pathlib import Path

import httpx
import pytest

from normalize.tooi import value_by_uri
from normalize.woo_categories import CATEGORIES
from vindplaats.conformance.schemas import Schemas
from vindplaats.sandbox import Sandbox
from vindplaats.sandbox.ori import OriApi
from vindplaats.sandbox.ori_planted import (
    ENDLESS,
    OFF_API_NEXT,
    PLANTED,
    SIZE_CAP,
    PlantedFeed,
    event_uid,
    uid,
)
from vindplaats.sandbox.ori_records import COLLECTIONS
from vindplaats.settings import Settings

RULES = (
    "HTTP", "SCHEMA", "REQUIRED", "DATE", "TOOI", "WOO-CATEGORY", "PAGE-DUPLICATE", "PAGE-GAP",
    "PAGE-UNSTABLE", "PAGE-LINK", "REF-BROKEN", "URL-SELF", "FILE-DOWNLOAD", "FILE-TYPE",
    "EVENT-ORDER", "EVENT-RESOURCE", "RATE-LIMITED", "SIZE", "CHECK-INCOMPLETE",
)  # fmt: skip


@pytest.fixture
def planted() -> tuple[Sandbox, PlantedFeed]:
    with Sandbox() as sandbox:
        plugin = next(p for p in sandbox.plugins if isinstance(p, OriApi))
        feed = plugin.feed("planted")
        assert isinstance(feed, PlantedFeed)
        yield sandbox, feed


def row(rule: str, resource: str = "") -> str:
    return next(p.record for p in PLANTED if p.rule == rule and resource in ("", p.resource))


def test_every_ori_rule_has_a_row_and_every_row_one_record() -> None:
    assert {p.rule for p in PLANTED} == {f"ORI-{r}" for r in RULES}
    keyed = [(p.rule, p.resource, p.record, p.field) for p in PLANTED]
    assert len(keyed) == len(set(keyed))
    assert len({p.record for p in PLANTED if p.record}) == len([p for p in PLANTED if p.record])


def test_schema_errors_are_exactly_the_planted_schema_rows(
    planted: tuple[Sandbox, PlantedFeed],
) -> None:
    _, feed = planted
    schemas = Schemas("ori-2", Settings().xsd_dir)
    found = set()
    for collection in COLLECTIONS:
        validator = schemas.record(collection)
        assert validator is not None
        for record in feed.listing(collection):
            for error in validator.errors(record):
                found.add((error.rule, collection, record["id"], error.field))
    expected = {
        (p.rule, p.resource, p.record, p.field)
        for p in PLANTED
        if p.rule in ("ORI-SCHEMA", "ORI-REQUIRED", "ORI-DATE")
    }
    assert found == expected


def test_codes_and_categories(planted: tuple[Sandbox, PlantedFeed]) -> None:
    _, feed = planted
    codes = {r["id"]: r["gemeente"]["gemeentecode"] for r in feed.listing("fracties")}
    bad = [i for i, code in codes.items() if value_by_uri("gemeenten", _tooi(code)) is None]
    assert bad == [row("ORI-TOOI")]
    good = {c.tooi_uri for c in CATEGORIES.values()}
    papers = feed.listing("informatieobjecten")
    assert [p["id"] for p in papers if p["wooinformatiecategorie"] not in good] == [
        row("ORI-WOO-CATEGORY")
    ]


def _tooi(code: str) -> str:
    return f"https://identifier.overheid.nl/tooi/id/gemeente/gm{code}"


def test_paging_faults(planted: tuple[Sandbox, PlantedFeed]) -> None:
    _, feed = planted
    with httpx.Client(timeout=30) as client:
        base = feed.api
        ids = []
        url = f"{base}/agendapunten"
        while url:
            page = client.get(url).json()
            ids += [r["id"] for r in page["results"]]
            url = page.get("next", "")
        assert [i for i in set(ids) if ids.count(i) > 1] == [uid("agendapunten", "p-dup")]
        listed = [r["id"] for r in feed.listing("informatieobjecten")]
        gap = row("ORI-PAGE-GAP")
        assert (
            gap not in listed and client.get(f"{base}/informatieobjecten/{gap}").status_code == 200
        )
        first, second = (client.get(f"{base}/indieners").json()["results"] for _ in range(2))
        assert first == second[::-1] and first != second
        last = client.get(f"{base}/besluiten?page=2").json()
        assert last["next"] == OFF_API_NEXT
        endless = client.get(f"{base}/dagelijksebesturen?page={ENDLESS - 1}").json()
        assert endless["results"] == [] and endless["next"].endswith(f"page={ENDLESS}")
        html = client.get(f"{base}/mediabronnen")
        assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
        limited = client.get(f"{base}/spreekfragmenten")
        assert limited.status_code == 429 and limited.headers["retry-after"] == "1"
        assert client.get(f"{base}/spreekfragmenten").status_code == 200
        feed.rearm()
        assert client.get(f"{base}/spreekfragmenten").status_code == 429


def test_reference_self_and_file_faults(planted: tuple[Sandbox, PlantedFeed]) -> None:
    _, feed = planted
    with httpx.Client(timeout=30) as client:
        broken = feed.resolve("agendapunten", row("ORI-REF-BROKEN"))
        assert broken is not None
        assert client.get(broken["vergadering"]["url"]).status_code == 404
        person = feed.resolve("natuurlijkpersonen", row("ORI-URL-SELF"))
        assert person is not None
        other = client.get(person["url"]).json()
        assert other["id"] != person["id"]
        files = {p.rule: feed.resolve("informatieobjecten", p.record) for p in PLANTED}
        assert client.get(files["ORI-FILE-DOWNLOAD"]["link"]).status_code == 404  # type: ignore[index]
        typed = client.get(files["ORI-FILE-TYPE"]["link"])  # type: ignore[index]
        assert typed.headers["content-type"].startswith("text/html")
        big = client.get(files["ORI-SIZE"]["link"])  # type: ignore[index]
        assert big.headers["content-type"] == "application/pdf" and len(big.content) > SIZE_CAP
        good = [p for p in feed.listing("informatieobjecten") if "link" in p]
        bad = {files[r]["id"] for r in ("ORI-FILE-DOWNLOAD", "ORI-FILE-TYPE", "ORI-SIZE")}  # type: ignore[index]
        for paper in good:
            if paper["id"] not in bad:
                answer = client.get(paper["link"])
                assert answer.status_code == 200 and answer.headers["content-type"] == PDF
                assert len(answer.content) < SIZE_CAP


PDF = "application/pdf"


def test_event_faults(planted: tuple[Sandbox, PlantedFeed]) -> None:
    _, feed = planted
    with httpx.Client(timeout=30) as client:
        page = client.get(f"{feed.api}/events", params={"sortOrder": "asc", "limit": 100}).json()
        events = page["results"]
        assert page["total"] == len(events)
        late = [
            e["eventId"]
            for before, e in itertools.pairwise(events)
            if e["timestamp"] < before["timestamp"]
        ]
        assert late == [event_uid("order")]
        gone = [e["eventId"] for e in events if client.get(e["resourceUrl"]).status_code != 200]
        assert gone == [event_uid("gone")]


def test_the_sandbox_docs_render_the_table() -> None:
    text = (Path(__file__).resolve().parents[3] / "docs" / "sandbox.md").read_text("utf-8")
    section = text.split("## ORI planted violations", 1)[1]
    rows = [line for line in section.splitlines() if line.startswith("| ORI-")]
    assert len(rows) == len(PLANTED)
    for line, planted_row in zip(rows, PLANTED, strict=True):
        cells = [cell.strip().strip("`") for cell in line.strip("|").split("|")]
        assert cells[:4] == [
            planted_row.rule,
            planted_row.resource,
            planted_row.record,
            planted_row.field,
        ]
