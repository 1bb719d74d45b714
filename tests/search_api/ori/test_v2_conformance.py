"""Our own conformance checker against /ori/v2/ on the real server (uvicorn) over a copy of the
sample whose municipality has a code of the TOOI lists: every rule of ori-2 passes (schemas,
required fields, dates, TOOI codes, Woo categories, paging complete and stable, links,
references, self URLs, files) except the one thing our server does not control: the supplier's
own link of a document we have not downloaded yet, which in the sample names a host that does
not exist."""

from __future__ import annotations

from pathlib import Path

import pytest

from search_api import create_app
from tests.search_api.live import served
from tests.search_api.sample import build_sample
from vindplaats.conformance.checker import check
from vindplaats.conformance.client import Limits
from vindplaats.ori.ids import ori_uuid
from vindplaats.store import open_store


@pytest.mark.timeout(300)
def test_the_checker_finds_nothing_wrong_with_what_we_serve(tmp_path: Path) -> None:
    sample = build_sample(tmp_path / "data")
    store = open_store(sample.settings)
    try:
        source = store.get_source("testdam")
        store.upsert_source(source.model_copy(update={"cbs_code": "GM0361"}))
    finally:
        store.close()
    settings = sample.settings.model_copy(
        update={"api_rate_limit": "off", "allow_private_networks": True}
    )
    with served(create_app(settings), wait=30) as (url, _):
        report = check(f"{url}/ori/v2", "ori-2", settings, Limits(max_requests=3000))
    assert report.complete and report.requests > 50
    assert (report.errors, report.warnings) == (1, 0)
    errors = [f for f in report.findings if f.severity == "error"]
    assert [(f.rule, f.record, f.url) for f in errors] == [
        ("ORI-FILE-DOWNLOAD", ori_uuid(sample.pending_id), "https://example.org/files/1004.pdf")
    ]
