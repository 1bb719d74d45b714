from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from crawlers.run import run_crawl, settings_env, supervise
from tests.crawlers.conftest import notubiz_source
from tests.crawlers.notubiz_server import NotubizFixtureServer
from vindplaats.errors import NotFound, SourceError, UnsafeURLError
from vindplaats.settings import load_settings
from vindplaats.sources import build_source
from vindplaats.store import SQLiteStore, open_store

MARCH_FROM, MARCH_UNTIL = date(2024, 3, 1), date(2024, 3, 31)


def guarded_store(tmp_path: Path) -> tuple[Any, SQLiteStore]:
    settings = load_settings(data_dir=tmp_path, download_delay=0, autothrottle=False)
    assert settings.allow_private_networks is False
    return settings, open_store(settings)


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_a_loopback_api_is_refused_before_anything_runs(
    tmp_path: Path, fixture_server: NotubizFixtureServer, host: str
) -> None:
    settings, store = guarded_store(tmp_path)
    base = f"http://{host}:{fixture_server.port}"
    try:
        store.upsert_source(notubiz_source(base))
    finally:
        store.close()
    with pytest.raises(UnsafeURLError) as caught:
        run_crawl(settings, "zuidwaarde", window_from=MARCH_FROM, window_until=MARCH_UNTIL)
    message = str(caught.value)
    assert "loopback/private address" in message
    assert "VINDPLAATS_ALLOW_PRIVATE_NETWORKS=true" in message
    assert fixture_server.requests == []


def test_the_resolver_refuses_localhost_inside_the_crawl(
    tmp_path: Path, fixture_server: NotubizFixtureServer
) -> None:
    """'localhost' is no IP literal: only the crawler's resolver can see it is loopback."""
    settings, store = guarded_store(tmp_path)
    try:
        store.upsert_source(notubiz_source(f"http://localhost:{fixture_server.port}"))
    finally:
        store.close()
    command = [
        sys.executable, "-m", "crawlers.run", "--source", "zuidwaarde",
        "--from", "2024-03-01", "--until", "2024-03-31",
    ]  # fmt: skip
    report = supervise(command, {**os.environ, **settings_env(settings)})
    assert report.status == "failed"
    assert report.counts.get("refused", 0) >= 1
    refused = [e for e in report.errors if "localhost" in e and "127.0.0.1" in e]
    assert refused and "loopback/private address" in refused[0]
    assert fixture_server.requests == []  # no connection was ever made


def test_progress_events_reach_the_caller(
    tmp_path: Path, fixture_server: NotubizFixtureServer
) -> None:
    settings = load_settings(
        data_dir=tmp_path, allow_private_networks=True, download_delay=0, autothrottle=False
    )
    store = open_store(settings)
    try:
        store.upsert_source(notubiz_source(fixture_server.url, organisation="777"))
    finally:
        store.close()
    events: list[dict[str, Any]] = []
    report = run_crawl(
        settings,
        "zuidwaarde",
        window_from=MARCH_FROM,
        window_until=MARCH_UNTIL,
        on_progress=events.append,
    )
    kinds = [e["event"] for e in events]
    assert kinds[0] == "started" and kinds[-1] == "report"
    progress = [e for e in events if e["event"] == "progress"]
    assert progress[-1]["counts"] == report.counts
    assert events[-1]["status"] == report.status == "ok"


def test_a_crashing_child_gives_a_failed_report_with_its_last_words(tmp_path: Path) -> None:
    script = "import sys; print('loading the world', file=sys.stderr); sys.exit(3)"
    report = supervise([sys.executable, "-c", script], dict(os.environ))
    assert report.status == "failed"
    assert "exited with status 3" in report.errors[0]
    assert "loading the world" in report.errors


def test_a_child_without_a_report_fails_even_with_status_zero() -> None:
    script = 'print(\'{"event": "progress", "counts": {"meetings": 2}}\')'
    report = supervise([sys.executable, "-c", script], dict(os.environ))
    assert report.status == "failed"
    assert report.counts == {"meetings": 2}


def test_unknown_and_incomplete_sources_are_refused(tmp_path: Path) -> None:
    settings, store = guarded_store(tmp_path)
    try:
        store.upsert_source(build_source(key="leeg", name="Leeg", supplier="notubiz"))
    finally:
        store.close()
    with pytest.raises(NotFound):
        run_crawl(settings, "bestaat-niet", window_from=MARCH_FROM, window_until=MARCH_UNTIL)
    with pytest.raises(SourceError, match="notubiz_organisation_id"):
        run_crawl(settings, "leeg", window_from=MARCH_FROM, window_until=MARCH_UNTIL)
    with pytest.raises(ValueError, match="after"):
        run_crawl(settings, "leeg", window_from=date(2024, 4, 1), window_until=date(2024, 3, 1))


def test_every_setting_reaches_the_child(tmp_path: Path) -> None:
    settings = load_settings(data_dir=tmp_path, allow_private_networks=True, download_delay=0)
    env = settings_env(settings)
    assert env["VINDPLAATS_DATA_DIR"] == str(tmp_path)
    assert env["VINDPLAATS_ALLOW_PRIVATE_NETWORKS"] == "true"
    assert env["VINDPLAATS_DOWNLOAD_DELAY"] == "0.0"
    fields = type(settings).model_fields
    assert set(env) == {
        f"VINDPLAATS_{name.upper()}" for name in fields if getattr(settings, name) is not None
    }
    if "database_url" in fields:  # a secret reaches the child in clear, never masked
        secret = load_settings(data_dir=tmp_path, database_url="postgresql://u:s3cret@db/v")
        assert settings_env(secret)["VINDPLAATS_DATABASE_URL"] == "postgresql://u:s3cret@db/v"
