"""The Parlaeus token as a user meets it: registered from the environment, stored, used, and never
shown by `sources add`, `sources list --json`, `harvest` (even at DEBUG), the run record or
`GET /api/sources`; a wrong token fails the run saying so (reliability item 18)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from search_api import create_app
from tests.vindplaats.cli.runner import Result, run_cli
from vindplaats.cli.main import main
from vindplaats.errors import SourceError
from vindplaats.sandbox import Sandbox
from vindplaats.settings import load_settings
from vindplaats.sources import build_source
from vindplaats.store import open_store

WRONG = "verkeerd-token-5a1b9c"
ALLOW = {"VINDPLAATS_ALLOW_PRIVATE_NETWORKS": "true", "VINDPLAATS_DOWNLOAD_DELAY": "0"}


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Sandbox]:
    with Sandbox() as running:
        yield running


def add(sandbox: Sandbox, data: Path, *options: str, env: dict[str, str]) -> Result:
    [source] = sandbox.sources(supplier="parlaeus")
    return run_cli(
        "sources", "add", "--key", source.key, "--name", source.name, "--supplier", "parlaeus",
        "--base-url", str(source.base_url), *options,
        data_dir=data, env={**ALLOW, **env},
    )  # fmt: skip


def cli(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    data: Path,
    *args: str,
    env: dict[str, str] | None = None,
) -> Result:
    """`vindplaats *args` in this process (fast), with only the given settings."""
    for name in [k for k in os.environ if k.startswith("VINDPLAATS_")]:
        monkeypatch.delenv(name)
    for name, value in {**ALLOW, "VINDPLAATS_DATA_DIR": str(data), **(env or {})}.items():
        monkeypatch.setenv(name, value)
    capsys.readouterr()
    code = main(list(args))
    out, err = capsys.readouterr()
    return Result(code, out, err)


@pytest.fixture(scope="module")
def refused(sandbox: Sandbox, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Result]:
    """A source registered with a wrong token (from the environment), then harvested."""
    data = tmp_path_factory.mktemp("refused")
    added = add(sandbox, data, "--api-token-env", "HEUVELRADE_RID", env={"HEUVELRADE_RID": WRONG})
    assert added.code == 0, added.err
    assert added.out.strip() == (
        "added source heuvelrade (parlaeus); api token stored (never shown)"
    )
    world = sandbox.parlaeus_world
    harvested = run_cli(
        "harvest", "heuvelrade", "--since", str(world.date_from), "--until", str(world.date_until),
        data_dir=data, env={**ALLOW, "VINDPLAATS_LOG_LEVEL": "DEBUG"}, timeout=180,
    )  # fmt: skip
    return data, harvested


def test_a_wrong_token_fails_the_run_saying_so(refused: tuple[Path, Result]) -> None:
    _, harvested = refused
    assert harvested.code == 1, harvested.out + harvested.err
    assert "Harvest of heuvelrade: FAILED" in harvested.out
    assert "Parlaeus refused the token for heuvelrade" in harvested.out
    assert "rid=***" in harvested.err  # the DEBUG log shows the request, masked
    assert WRONG not in harvested.out + harvested.err


def test_the_token_is_stored_but_shown_nowhere(
    refused: tuple[Path, Result],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data, _ = refused
    listed = cli(monkeypatch, capsys, data, "sources", "list", "--json")
    assert listed.code == 0 and WRONG not in listed.out
    [entry] = json.loads(listed.out)
    assert entry["api_token"] == "**********"
    assert entry["last_run"]["status"] == "failed"
    assert entry["last_run"]["errors"][0].startswith("Parlaeus refused the token for heuvelrade")

    settings = load_settings(data_dir=data)
    store = open_store(settings)
    try:
        stored = store.get_source("heuvelrade")
        assert stored.api_token is not None and stored.api_token.get_secret_value() == WRONG
        assert WRONG not in repr(stored) and WRONG not in str(stored.redacted())
        [run] = store.list_runs("heuvelrade")
        assert WRONG not in run.model_dump_json()
    finally:
        store.close()
    with TestClient(create_app(settings)) as client:
        response = client.get("/api/sources")
    assert response.status_code == 200 and "heuvelrade" in response.text
    assert WRONG not in response.text and "**********" not in response.text


def test_a_catalogue_import_keeps_a_stored_token(
    sandbox: Sandbox,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    [source] = sandbox.sources(supplier="parlaeus")
    added = cli(
        monkeypatch, capsys, tmp_path,
        "sources", "add", "--key", "heuvelrade", "--name", "Gemeente Heuvelrade",
        "--supplier", "parlaeus", "--base-url", str(source.base_url), "--api-token", WRONG,
    )  # fmt: skip
    assert added.code == 0 and WRONG not in added.out + added.err, added.err
    catalogue = tmp_path / "sources.csv"
    catalogue.write_text(
        f"key,name,supplier,base_url\nheuvelrade,Heuvelrade,parlaeus,{source.base_url}\n",
        encoding="utf-8",
    )
    imported = cli(monkeypatch, capsys, tmp_path, "sources", "import", str(catalogue))
    assert imported.code == 0 and "0 added, 1 updated" in imported.out, imported.err
    store = open_store(load_settings(data_dir=tmp_path))
    try:
        kept = store.get_source("heuvelrade")
        assert kept.name == "Heuvelrade"
        assert kept.api_token is not None and kept.api_token.get_secret_value() == WRONG
    finally:
        store.close()


def test_a_token_variable_that_is_not_set_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = cli(
        monkeypatch, capsys, tmp_path,
        "sources", "add", "--key", "x", "--name", "X", "--supplier", "parlaeus",
        "--base-url", "https://x.parlaeus.nl/receive/opendata",
        "--api-token-env", "NOT_SET_ANYWHERE",
    )  # fmt: skip
    assert missing.code == 2
    assert "the environment variable NOT_SET_ANYWHERE is not set or empty" in missing.err


def test_a_parlaeus_base_url_is_built_from_the_municipality_prefix() -> None:
    source = build_source(
        key="apeldoorn", name="Apeldoorn", supplier="parlaeus", municipality_prefix="Apeldoorn"
    )
    assert source.base_url == "https://apeldoorn.parlaeus.nl/receive/opendata"
    source.check_harvestable()
    with pytest.raises(SourceError, match="municipality_prefix 'Den Haag' is not a host name"):
        build_source(key="x", name="X", supplier="parlaeus", municipality_prefix="Den Haag")
    with pytest.raises(SourceError, match=r"base_url \(or municipality_prefix\) is required"):
        build_source(key="x", name="X", supplier="parlaeus").check_harvestable()
