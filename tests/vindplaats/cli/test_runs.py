"""`vindplaats runs list | show`: the recorded harvest runs, as an operator reads them."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from tests.vindplaats.cli.harvested import KEY, OTHER, Harvested, harvested


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Harvested]:
    with harvested(tmp_path_factory.mktemp("runs")) as done:
        yield done


def test_runs_list_shows_the_run_with_its_outcome(data: Harvested) -> None:
    assert data.run.code == 1  # partial: the sandbox's broken files
    listed = data.cli("runs", "list")
    assert listed.code == 0, listed.err
    header, row = listed.out.splitlines()
    assert header.split()[:4] == ["ID", "SOURCE", "STARTED", "(UTC)"]
    assert row.split()[:2] == ["1", KEY] and " partial " in row
    assert "documents" in row and "3 failed" in row  # 1 download, 2 extractions
    assert data.cli("runs", "list", KEY).out == listed.out
    assert "no harvest runs of source zandaam yet" in data.cli("runs", "list", OTHER).out


def test_runs_list_as_json_and_limited(data: Harvested) -> None:
    listed = data.cli("runs", "list", "--json", "--limit", "1")
    assert listed.code == 0, listed.err
    [run] = json.loads(listed.out)
    assert (run["id"], run["source_key"], run["status"]) == (1, KEY, "partial")
    assert run["counts"]["download_failed"] == 1 and run["errors"]


def test_runs_show_has_window_counts_and_every_error(data: Harvested) -> None:
    shown = data.cli("runs", "show", "1")
    assert shown.code == 0, shown.err
    assert shown.out.startswith(f"Harvest of {KEY}: PARTIAL (run 1, ")
    assert f"window      {data.world.date_from} .. {data.world.date_until}" in shown.out
    assert "extraction  " in shown.out and "2 failed" in shown.out
    run = json.loads(data.cli("runs", "show", "1", "--json").out)
    assert f"  errors ({len(run['errors'])}):" in shown.out
    for message in run["errors"]:
        assert f"    - {message}" in shown.out


def test_runs_refuse_unknown_sources_and_ids(data: Harvested) -> None:
    for args, message in (
        (("runs", "list", "nowhere"), "unknown source 'nowhere'"),
        (("runs", "show", "999"), "unknown harvest run 999"),
        (("runs", "show", "one"), "not a positive whole number: 'one'"),
        (("runs", "list", "--limit", "0"), "not a positive whole number: '0'"),
    ):
        result = data.cli(*args)
        assert result.code == 2, (args, result.err)
        assert message in result.err and "Traceback" not in result.err
