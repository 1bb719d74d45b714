"""The verification dry-run against the sandbox (real spider, real HTTP on loopback): what it
shows, that it stays within its request cap, downloads nothing, touches no real store, and keeps
a source's token out of what it shows."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from vindplaats.operations.verification import verify_source
from vindplaats.sandbox import Sandbox
from vindplaats.settings import Settings, load_settings
from vindplaats.sources import Source, build_source

TODAY = date(2026, 11, 28)  # the sandbox's today: its meetings fall around it


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sandbox]:
    with Sandbox(files_dir=tmp_path_factory.mktemp("files")) as running:
        yield running


def _settings(tmp_path: Path, **more: object) -> Settings:
    return load_settings(
        data_dir=tmp_path / "real",
        allow_private_networks=True,
        download_delay=0,
        autothrottle=False,
        **more,
    )


def _notubiz(sandbox: Sandbox, organisation_id: str = "9001") -> Source:
    return build_source(
        key="voorbeeldstad-notubiz",
        name="Voorbeeldstad",
        supplier="notubiz",
        base_url=sandbox.notubiz_url,
        notubiz_organisation_id=organisation_id,
    )


def test_the_dry_run_shows_the_meetings_of_the_last_months(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    settings = _settings(tmp_path, verification_max_requests=2000)
    sandbox.clear_requests()
    seen = verify_source(settings, _notubiz(sandbox), today=TODAY)
    assert seen["fatal"] is False and seen["status"] in ("ok", "partial"), seen["errors"]
    assert seen["window"] == {"from": "2026-08-28", "until": "2026-12-28"}
    assert 0 < len(seen["meetings"]) <= 20
    assert all("2026-08-28" <= m["date"] <= "2026-12-28" for m in seen["meetings"])
    assert seen["meetings"] == sorted(seen["meetings"], key=lambda m: m["date"], reverse=True)
    assert seen["records"]["meeting"] >= len(seen["meetings"])
    assert seen["records"]["document"] > 0 and seen["documents"]
    # every request was an API call (no document file was fetched), and nothing reached the
    # real data directory
    assert seen["requests"] == len(sandbox.requests) == seen["counts"]["api_responses"]
    assert not seen["counts"].get("documents_downloaded")
    assert not (tmp_path / "real" / "store.sqlite3").exists()


def test_the_request_cap_stops_the_dry_run_and_says_so(sandbox: Sandbox, tmp_path: Path) -> None:
    settings = _settings(tmp_path, verification_max_requests=3)
    sandbox.clear_requests()
    seen = verify_source(settings, _notubiz(sandbox), today=TODAY)
    assert seen["stopped"] == "request_cap" and seen["status"] == "stopped"
    assert seen["requests"] == 3 and len(sandbox.requests) == 3
    assert seen["fatal"] is False


def test_an_unknown_organisation_is_a_fatal_verification(sandbox: Sandbox, tmp_path: Path) -> None:
    seen = verify_source(_settings(tmp_path), _notubiz(sandbox, "424242"), today=TODAY)
    assert seen["fatal"] is True and seen["fatal_error"]
    assert seen["meetings"] == []


def test_a_blocked_address_is_refused_before_anything_runs(tmp_path: Path) -> None:
    settings = load_settings(data_dir=tmp_path, allow_private_networks=False)
    source = build_source(
        key="x-parlaeus",
        name="X",
        supplier="parlaeus",
        base_url="http://127.0.0.1:9/receive/opendata",
        api_token="geheim-token-123",
    )
    seen = verify_source(settings, source, today=TODAY)
    assert seen["fatal"] is True and seen["requests"] == 0
    assert "geheim-token-123" not in str(seen)


def test_the_time_cap_stops_a_slow_supplier_and_says_so(sandbox: Sandbox, tmp_path: Path) -> None:
    settings = _settings(tmp_path, verification_seconds=2, verification_max_requests=2000)
    sandbox.faults.set("/notubiz", "slow", seconds=0.7)
    try:
        seen = verify_source(settings, _notubiz(sandbox), today=TODAY)
    finally:
        sandbox.faults.clear("/notubiz")
    assert seen["stopped"] == "time_cap", seen
    assert seen["seconds"] < 30 and 0 < seen["requests"] < 12
