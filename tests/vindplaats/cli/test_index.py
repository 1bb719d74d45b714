"""`vindplaats index rebuild`: report, the switch to a new version, refusals, old versions."""

from __future__ import annotations

import json
from pathlib import Path

from tests.search_api.sample import Sample, build_sample
from tests.vindplaats.cli.runner import run_cli
from vindplaats.harvest.rebuild import REBUILD_LEASE
from vindplaats.store import open_store


def index_dirs(data_dir: Path) -> list[str]:
    return sorted(p.name for p in data_dir.glob("*index*"))


def searched(sample: Sample, q: str) -> list[str]:
    result = run_cli("search", q, "--json", data_dir=sample.settings.data_dir)
    assert result.code == 0, result.err
    return [hit["id"] for hit in json.loads(result.out)["hits"]]


def test_rebuild_reports_switches_and_leaves_one_version(tmp_path: Path) -> None:
    sample = build_sample(tmp_path / "data")
    data_dir = sample.settings.data_dir
    assert searched(sample, "fietspad") == [sample.motie_id]

    result = run_cli("index", "rebuild", "--json", data_dir=data_dir)
    assert result.code == 0, result.err
    report = json.loads(result.out)
    assert report["failed"] == {} and report["indexed"] == report["submitted"] > 0
    assert "index rebuild:" in result.err  # progress on stderr
    link = data_dir / "index"
    first = link.resolve().name
    assert link.is_symlink() and first.startswith("index-v1-")
    rebuilt = searched(sample, "fietspad")
    assert sample.motie_id in rebuilt  # (with the stored motion too: a rebuild indexes it)

    result = run_cli("index", "rebuild", data_dir=data_dir)
    assert result.code == 0, result.err
    assert "documents indexed, 0 failed." in result.out
    second = link.resolve().name
    assert second.startswith("index-v2-")
    assert index_dirs(data_dir) == ["index", second]  # nobody had `first` open: removed
    assert searched(sample, "fietspad") == rebuilt


def test_a_rebuild_while_another_runs_is_refused_clearly(tmp_path: Path) -> None:
    sample = build_sample(tmp_path / "data")
    store = open_store(sample.settings)
    try:
        assert store.acquire_lease(REBUILD_LEASE, "someone-else", 60)
        result = run_cli("index", "rebuild", data_dir=sample.settings.data_dir)
    finally:
        store.close()
    assert result.code == 1
    assert "another index rebuild is running" in result.err
    assert "Traceback" not in result.err
    assert not (sample.settings.data_dir / "index").is_symlink()  # nothing was switched
