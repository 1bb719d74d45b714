"""`vindplaats heartbeats`: lists live and hung workers and schedulers; `--check` is the
health check of this host's worker or scheduler."""

from __future__ import annotations

import json
import socket
from pathlib import Path

from tests.vindplaats.cli.runner import run_cli
from tests.vindplaats.store.test_leases import age_rows
from vindplaats.heartbeat import Pulse
from vindplaats.store import SQLiteStore


def test_heartbeats_list_and_check(tmp_path: Path) -> None:
    data = tmp_path / "data"
    empty = run_cli("heartbeats", data_dir=data)
    assert empty.code == 0 and "no heartbeats" in empty.out
    failed = run_cli("heartbeats", "--check", "worker", data_dir=data)
    assert failed.code == 1 and "unhealthy: no worker heartbeat" in failed.err
    store = SQLiteStore(data / "vindplaats.sqlite3")
    try:
        with Pulse(store, "worker", "w1"), Pulse(store, "scheduler", "s1"):
            assert run_cli("heartbeats", "--check", "worker", data_dir=data).code == 0
            age_rows(store, "heartbeat:scheduler:", 3600)
            listed = run_cli("heartbeats", "--json", data_dir=data)
            rows = {row["id"]: row for row in json.loads(listed.out)}
            assert rows["w1"]["state"] == "alive" and rows["s1"]["state"] == "hung"
            assert rows["s1"]["role"] == "scheduler" and rows["s1"]["age"] >= 3600
            assert rows["w1"]["host"] == socket.gethostname()
            hung = run_cli("heartbeats", "--check", "scheduler", data_dir=data)
            assert hung.code == 1 and "s1: last heartbeat" in hung.err
            table = run_cli(
                "heartbeats", data_dir=data, env={"VINDPLAATS_HEARTBEAT_MAX_AGE": "1e9"}
            )
            assert "s1" in table.out and "hung" not in table.out
    finally:
        store.close()
