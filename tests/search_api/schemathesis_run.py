"""One schemathesis run as CI runs it (its command line in a subprocess), for every API test.

`run_schemathesis(schema, config, tmp_path, ...)` runs `schemathesis run <schema>` (a URL of an
OpenAPI document, or a file with `url` the API base) with every phase, both modes, seeded and
bounded, a JSON report; it asserts the run complete with no failure and no error, every
operation tested and at least `min_cases` cases, and returns the report's summary.
`official_document(standard, tmp_path)` writes an official ORI document (remote references
resolved offline, `vindplaats.ori.spec`) to a file for it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from vindplaats.ori import spec
from vindplaats.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


def official_document(standard: spec.Standard, tmp_path: Path) -> Path:
    document = tmp_path / f"{standard}.json"
    document.write_text(json.dumps(spec.load(standard, Settings().xsd_dir)), encoding="utf-8")
    return document


def _command(schema: str, config: Path, report: Path, options: dict[str, Any]) -> list[str]:
    command = [
        sys.executable, "-m", "schemathesis.cli", "--config-file", str(config), "--no-color",
        "run", schema,
        "--mode", "all",
        "--phases", "examples,coverage,fuzzing,stateful",
        "--max-examples", str(options["max_examples"]),
        "--seed", str(options["seed"]),
        "--workers", str(options["workers"]),
        "--request-timeout", "30",
        "--generation-database", "none",
        "--report", "json", "--report-json-path", str(report),
    ]  # fmt: skip
    if options["url"]:
        command += ["--url", options["url"]]
    if options["checks_all"]:  # else the config file says which checks run, per operation
        command += ["--checks", "all"]
    return command


def run_schemathesis(
    schema: str,
    config: str,
    tmp_path: Path,
    *,
    min_cases: int,
    max_examples: int,
    seed: int,
    timeout: float,
    url: str | None = None,
    workers: int = 1,
    checks_all: bool = True,
    hooks: str | None = None,
    label: str = "",
) -> dict[str, Any]:
    config_file = tmp_path / "schemathesis.toml"
    config_file.write_text(config, encoding="utf-8")
    report = tmp_path / "report.json"
    options = {"max_examples": max_examples, "seed": seed, "workers": workers, "url": url}
    command = _command(schema, config_file, report, {**options, "checks_all": checks_all})
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    if hooks:
        env["SCHEMATHESIS_HOOKS"] = hooks
    run = subprocess.run(
        command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    output = run.stdout[-20000:] + run.stderr[-5000:]
    assert report.is_file(), output
    summary: dict[str, Any] = json.loads(report.read_text(encoding="utf-8"))
    print(
        f"schemathesis {label}: {summary['test_cases']['generated']} cases in "
        f"{summary['running_time']:.1f} s, seed {summary['seed']}"
    )
    assert summary["complete"], output
    assert summary["failures"] == [], output
    assert summary["errors"] == [], output
    assert summary["operations"]["tested"] == summary["operations"]["total"], output
    assert summary["test_cases"]["generated"] >= min_cases, output
    assert run.returncode == 0, output
    return summary
