"""Parlaeus beyond its golden records (tests/crawlers/test_golden.py): the errors and requests
of the crawl of tests/fixtures/parlaeus/, and a refused or missing token."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from normalize.records import Supplier
from tests.crawlers.conftest import GOLDEN_CASES, Crawl, Harvest, crawl_case, parlaeus_source
from tests.crawlers.parlaeus_server import TOKEN


def harvest(tmp: Path, token: str | None) -> Crawl:
    case = GOLDEN_CASES[Supplier.PARLAEUS]
    return Crawl.of(crawl_case(case, tmp, source=lambda s: parlaeus_source(s.url, token)))


@pytest.fixture
def zuidrade(golden_harvest: Callable[[Supplier], Harvest]) -> Crawl:
    return Crawl.of(golden_harvest(Supplier.PARLAEUS))


def test_the_watermark_is_the_latest_change(zuidrade: Crawl) -> None:
    assert zuidrade.report.watermark is not None
    assert zuidrade.report.watermark.isoformat() == "2024-03-10T08:00:00+01:00"


def test_errors_say_what_was_wrong_and_never_show_the_token(zuidrade: Crawl) -> None:
    base = zuidrade.base
    errors = zuidrade.report.errors
    assert (
        f"{base}/receive/opendata?fn=agenda_detail&agid=303&rid=***: status 500: Interne "
        "fout bij het ophalen van de agenda" in errors
    )
    assert "invalid person '13' (" in "\n".join(errors) and "name:" in "\n".join(errors)
    assert (
        "document 9004 has no usable link (''): "
        f"{base}/receive/opendata?fn=agenda_detail&agid=301" in errors
    )
    assert f"a person without raid in {base}/receive/opendata?fn=person_list&rid=***" in errors
    assert (
        f"a meeting without agid in {base}/receive/opendata?fn=agenda_list&since=20240301"
        "&until=20240331&rid=***" in errors
    )
    assert any(e.startswith("meeting 301: 1 agenda point(s) without apid") for e in errors)
    assert not any(TOKEN in e for e in errors)


def test_every_call_carries_the_token_and_each_meeting_is_read_once(zuidrade: Crawl) -> None:
    calls = [r for r in zuidrade.requests if r.startswith("/receive/opendata?")]
    assert all(r.endswith(f"&rid={TOKEN}") for r in calls)
    functions = sorted(parse_qs(urlsplit(r).query)["fn"][0] for r in calls)
    assert functions == [
        "agenda_detail",
        "agenda_detail",
        "agenda_detail",
        "agenda_list",
        "cie_list",
        "person_list",
    ]
    assert f"/receive/opendata?fn=agenda_list&since=20240301&until=20240331&rid={TOKEN}" in calls


def test_a_refused_token_fails_the_run_at_once(tmp_path: Path) -> None:
    refused = harvest(tmp_path, "wrong-token-31337")
    assert refused.report.status == "failed"
    assert refused.report.errors[0] == (
        "Parlaeus refused the token for zuidrade (status 403: Geen toegang: ongeldige rid); "
        "check the source's api_token"
    )
    assert not any("wrong-token-31337" in e for e in refused.report.errors)
    assert [parse_qs(urlsplit(r).query)["fn"] for r in refused.requests] == [["cie_list"]]
    assert refused.records == []


def test_a_source_without_token_fails_with_a_clear_message(tmp_path: Path) -> None:
    missing = harvest(tmp_path, None)
    assert missing.report.status == "failed"
    assert "api_token is required for parlaeus" in missing.report.errors[0]
    assert missing.requests == []
