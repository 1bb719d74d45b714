"""Schemathesis with the OFFICIAL ORI API 2.0.0-beta.4 document against /ori/v2/ on the real
server (uvicorn over the sample, `live_url`): every check, every phase, reads and writes, no
failure.

The document is read with `vindplaats.ori.spec.load` (its common.yaml references made local,
offline) and written to a temporary file, never into the project; `--url` takes the place of
its `servers`. The ids of every served resource, as a client walking the collections sees them,
are offered as a dictionary for the `{id}` paths, so resources that exist are fuzzed as well as
random ids. The official write methods (POST, PUT, DELETE) answer 501, which the document lists
for each of them: `not_a_server_error` is told so for those operations only. Bounded
(`MAX_EXAMPLES` per operation and phase) and seeded (`SEED`), so every CI run sends the same
cases; marked `slow`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.search_api.schemathesis_run import official_document, run_schemathesis
from vindplaats.ori.ori2_collections import COLLECTIONS

pytestmark = pytest.mark.slow

MAX_EXAMPLES = 15
MIN_CASES = 1000
SEED = 20261202
BASE = "/ori/v2"


def served_ids(url: str) -> dict[str, list[str]]:
    """The ids of every resource of every collection, walking `next` from page 1."""
    found: dict[str, list[str]] = {}
    with httpx.Client(timeout=30) as client:
        for collection in COLLECTIONS:
            ids: list[str] = []
            page: str | None = f"{url}/{collection}"
            while page is not None:
                body = client.get(page).raise_for_status().json()
                ids += [item["id"] for item in body["results"]]
                page = body["next"]
            found[collection] = ids
    return found


def config(ids: dict[str, list[str]]) -> str:
    lines: list[str] = []
    for collection, values in ids.items():
        if values:
            lines += [f"[dictionaries.{collection}]", f"values = {json.dumps(values[:20])}", ""]
    for collection, values in ids.items():
        if values:
            binding = f'{{ dictionary = "{collection}", probability = 0.5 }}'
            lines += ["[[operations]]", f'include-path = "/{collection}/{{id}}"']
            lines += [f'parameters = {{ "path.id" = {binding} }}', ""]
    lines += [
        "[[operations]]",
        'include-method-regex = "(?i)^(post|put|delete)$"',
        'checks.not_a_server_error.expected-statuses = ["2xx", "3xx", "4xx", "501"]',
        "",
    ]
    return "\n".join(lines)


def run_official(url: str, config_text: str, tmp_path: Path) -> dict[str, Any]:
    return run_schemathesis(
        str(official_document("ori-2", tmp_path)),
        config_text,
        tmp_path,
        url=url,
        min_cases=MIN_CASES,
        max_examples=MAX_EXAMPLES,
        seed=SEED,
        timeout=400,
        workers=2,
        label="ori-2",
    )


@pytest.mark.timeout(420)
def test_schemathesis_with_the_official_ori_2_document_finds_no_failure(
    live_url: str, tmp_path: Path
) -> None:
    ids = served_ids(live_url + BASE)
    assert all(ids[name] for name in ("vergaderingen", "agendapunten", "informatieobjecten"))
    run_official(live_url + BASE, config(ids), tmp_path)
