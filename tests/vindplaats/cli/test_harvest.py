"""`vindplaats harvest` and `sources list` show bounded error text, however much a supplier
sent: a 9 MB SOAP fault is stored, printed and listed as a few KB with a marker. The summary
of a DiWoo run shows its Woo-besluit dossiers."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from tests.crawlers.bounds_server import BigAnswer, BoundsServer, register
from tests.vindplaats.cli.runner import run_cli
from vindplaats.cli.harvest import summary
from vindplaats.store.models import HarvestRun, RunStatus

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


def test_the_summary_shows_the_dossiers_of_a_diwoo_run() -> None:
    counts = {"dossiers": 2, "dossiers_changed": 1, "dossier_rows_joined": 10,
              "dossier_inventory_failed": 1, "withdrawn_dossiers": 0}  # fmt: skip
    run = HarvestRun(id=1, source_key="vws", started_at=datetime(2026, 1, 1, tzinfo=UTC),
                     status=RunStatus.OK, counts=counts)  # fmt: skip
    assert (
        "  dossiers    2 Woo-besluiten, 1 changed, 10 inventory rows joined, "
        "1 unreadable inventories"
    ) in summary(run).splitlines()
    council = run.model_copy(update={"counts": {"documents": 3}})
    assert "dossiers" not in summary(council)
