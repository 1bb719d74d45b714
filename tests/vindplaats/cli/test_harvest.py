"""`vindplaats harvest` and `sources list` show bounded error text, however much a supplier
sent: a 9 MB SOAP fault is stored, printed and listed as a few KB with a marker."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from tests.crawlers.bounds_server import BigAnswer, BoundsServer, register
from tests.vindplaats.cli.runner import run_cli

MiB = 1024 * 1024
LIMIT = 4096  # VINDPLAATS_MAX_ERROR_CHARS default


def test_a_9_mb_soap_fault_is_stored_printed_and_listed_capped(tmp_path: Path) -> None:
    env = {"VINDPLAATS_ALLOW_PRIVATE_NETWORKS": "true", "VINDPLAATS_DOWNLOAD_DELAY": "0"}
    with BoundsServer(BigAnswer(fault_chars=9 * MiB)) as server:
        register(tmp_path, server.url)
        harvested = run_cli(
            "harvest", "zuidwaarde", "--since", "2024-01-01", "--until", "2024-01-31",
            data_dir=tmp_path, env=env, timeout=300,
        )  # fmt: skip
    assert harvested.code == 1
    assert "Interne fout bij het lezen van de vergadertypen" in harvested.out
    assert "more characters)" in harvested.out
    assert len(harvested.out) + len(harvested.err) < 6 * LIMIT  # was 18 MB
    assert "vindplaats: error: harvest of zuidwaarde failed" in harvested.err

    listed = run_cli("sources", "list", "--json", data_dir=tmp_path, env=env)
    assert listed.code == 0, listed.err
    assert len(listed.out) < 6 * LIMIT
    [source] = json.loads(listed.out)
    fault = next(e for e in source["last_run"]["errors"] if "SOAP fault" in e)
    assert len(fault) <= LIMIT and fault.endswith(" more characters)")
    assert len(source["health"]["last_error"]) <= LIMIT

    with sqlite3.connect(tmp_path / "vindplaats.sqlite3") as db:
        [(stored,)] = db.execute("SELECT length(errors) FROM harvest_runs").fetchall()
    assert stored < 3 * LIMIT  # the store grows a few KB per run, not 9 MB
