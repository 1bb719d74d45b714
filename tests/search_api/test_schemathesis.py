"""Schemathesis against the real server: the API's own OpenAPI document, every check, no failure.

The server is uvicorn on a loopback port over the sample store and index (`live_url`);
schemathesis runs as its command line does in CI (`schemathesis run <url>/openapi.json --checks
all`), every phase (examples, coverage, fuzzing, stateful), in both modes: schema-valid requests
must be answered 2xx (or 404 for an unknown id), schema-invalid ones 4xx, and every answer must
match its documented status, media type, headers and JSON schema. The known ids of the sample
are offered as a dictionary, so the id routes are fuzzed with records that exist as well as with
random ids. `schemathesis_hooks` keeps positive cases within the two rules of `/api/search` that
JSON Schema cannot say, and a well-formed `Range` past the end of a file is expected to be a 416.

The run is bounded (`MAX_EXAMPLES` per operation and phase; at least `MIN_CASES` cases in all)
and seeded (`SEED`), so every CI run sends the same cases. It is marked `slow`: skip it locally
with `pytest -m "not slow"`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.search_api.sample import Sample
from tests.search_api.schemathesis_run import run_schemathesis

pytestmark = pytest.mark.slow

MAX_EXAMPLES = 200
MIN_CASES = 2000
SEED = 20261201


def _config(sample: Sample) -> str:
    documents = [
        sample.begroting_id,
        sample.motie_id,
        sample.failed_id,
        sample.pending_id,
        sample.withdrawn_id,
        sample.html_id,
        sample.jaarrekening_id,
        sample.letter_ids[0],
    ]
    dictionaries = {
        "document_ids": documents,
        "meeting_ids": [sample.meeting_id],
        "motion_ids": [sample.motion_id],
        "dossier_ids": [sample.dossier_id],
    }
    lines: list[str] = []
    for name, values in dictionaries.items():
        lines += [f"[dictionaries.{name}]", f"values = {json.dumps(values)}", ""]
    for path, name in (
        ("/api/documents/{id}", "document_ids"),
        ("/api/documents/{id}/file", "document_ids"),
        ("/api/meetings/{id}", "meeting_ids"),
        ("/api/motions/{id}", "motion_ids"),
        ("/api/dossiers/{id}", "dossier_ids"),
    ):
        binding = f'{{ dictionary = "{name}", probability = 0.5 }}'
        lines += ["[[operations]]", f'include-path = "{path}"']
        lines += [f'parameters = {{ "path.id" = {binding} }}']
        if path.endswith("/file"):
            # a well-formed Range past the end of the file is rightly a 416
            statuses = '["2xx", "3xx", "404", "416"]'
            lines += [f"checks.positive_data_acceptance.expected-statuses = {statuses}"]
        lines += [""]
    # JSON Schema cannot say which documents, meetings and organisations are held: a report on a
    # subject the store does not hold is rightly a 422 (reports on held subjects are accepted in
    # `test_reports_api.py`), and a client's sixth report within the hour a 429
    lines += ["[[operations]]", 'include-name = "POST /api/reports"']
    statuses = '["2xx", "3xx", "422", "429"]'
    lines += [f"checks.positive_data_acceptance.expected-statuses = {statuses}", ""]
    return "\n".join(lines)


@pytest.mark.timeout(900)  # 32 operations; on two loaded cores a run can take minutes
def test_schemathesis_finds_no_failure(live_url: str, sample: Sample, tmp_path: Path) -> None:
    run_schemathesis(
        f"{live_url}/openapi.json",
        _config(sample),
        tmp_path,
        min_cases=MIN_CASES,
        max_examples=MAX_EXAMPLES,
        seed=SEED,
        timeout=840,
        workers=2,
        hooks="tests.search_api.schemathesis_hooks",
        label="/api",
    )
