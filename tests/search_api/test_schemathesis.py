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
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.search_api.sample import Sample

pytestmark = pytest.mark.slow

MAX_EXAMPLES = 200
MIN_CASES = 2000
SEED = 20261201
ROOT = Path(__file__).resolve().parents[2]


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
    return "\n".join(lines)


@pytest.mark.timeout(900)  # 32 operations; on two loaded cores a run can take minutes
def test_schemathesis_finds_no_failure(live_url: str, sample: Sample, tmp_path: Path) -> None:
    config = tmp_path / "schemathesis.toml"
    config.write_text(_config(sample), encoding="utf-8")
    report = tmp_path / "report.json"
    command = [
        sys.executable, "-m", "schemathesis.cli", "--config-file", str(config), "--no-color",
        "run", f"{live_url}/openapi.json",
        "--checks", "all",
        "--mode", "all",
        "--phases", "examples,coverage,fuzzing,stateful",
        "--max-examples", str(MAX_EXAMPLES),
        "--seed", str(SEED),
        "--workers", "2",
        "--request-timeout", "30",
        "--generation-database", "none",
        "--report", "json", "--report-json-path", str(report),
    ]  # fmt: skip
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
        "SCHEMATHESIS_HOOKS": "tests.search_api.schemathesis_hooks",
    }
    run = subprocess.run(
        command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=840, check=False
    )
    output = run.stdout[-20000:] + run.stderr[-5000:]
    assert report.is_file(), output
    summary = json.loads(report.read_text(encoding="utf-8"))
    print(
        f"schemathesis: {summary['test_cases']['generated']} cases in "
        f"{summary['running_time']:.1f} s, seed {summary['seed']}"
    )
    assert summary["complete"], output
    assert summary["failures"] == [], output
    assert summary["errors"] == [], output
    assert summary["operations"]["tested"] == summary["operations"]["total"], output
    assert summary["test_cases"]["generated"] >= MIN_CASES, output
    assert run.returncode == 0, output
