"""The crawl child's log lines with `VINDPLAATS_LOG_FORMAT=json`: Scrapy's records become JSON
lines too (passed on by the harvest at DEBUG), and the Parlaeus token is masked in them."""

from __future__ import annotations

import json
from pathlib import Path

from tests.vindplaats.cli.runner import run_cli
from vindplaats.sandbox import Sandbox

WRONG = "verkeerd-json-token-31f7"
ALLOW = {"VINDPLAATS_ALLOW_PRIVATE_NETWORKS": "true", "VINDPLAATS_DOWNLOAD_DELAY": "0"}


def test_crawl_logs_are_json_lines_without_the_token(tmp_path: Path) -> None:
    with Sandbox() as sandbox:
        [source] = sandbox.sources(supplier="parlaeus")
        added = run_cli(
            "sources", "add", "--key", source.key, "--name", source.name,
            "--supplier", "parlaeus", "--base-url", str(source.base_url),
            "--api-token-env", "THE_RID",
            data_dir=tmp_path, env={**ALLOW, "THE_RID": WRONG},
        )  # fmt: skip
        assert added.code == 0, added.err
        world = sandbox.parlaeus_world
        harvested = run_cli(
            "harvest", source.key, "--since", str(world.date_from),
            "--until", str(world.date_until), data_dir=tmp_path, timeout=180,
            env={**ALLOW, "VINDPLAATS_LOG_LEVEL": "DEBUG", "VINDPLAATS_LOG_FORMAT": "json"},
        )  # fmt: skip
    assert harvested.code == 1, harvested.out + harvested.err
    assert WRONG not in harvested.out + harvested.err
    entries, messages = [], []
    for line in harvested.err.splitlines():
        if line.startswith(f"{source.key}: ") or line.startswith("vindplaats: error: "):
            messages.append(line)  # the CLI's progress and error lines, not log records
            continue
        entries.append(json.loads(line))
    assert messages and entries
    forwarded = [
        json.loads(e["message"].removeprefix("crawl: "))
        for e in entries
        if e["logger"] == "crawlers.run" and e["message"].startswith("crawl: {")
    ]
    assert any(f["logger"].startswith("scrapy") for f in forwarded)
    assert {f["pid"] for f in forwarded} and all(f["pid"] != entries[0]["pid"] for f in forwarded)
    assert any("rid=***" in f["message"] for f in forwarded)
