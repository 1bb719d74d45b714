from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.crawlers.notubiz_server import NotubizFixtureServer
from vindplaats.settings import Settings, load_settings
from vindplaats.sources import Source, build_source
from vindplaats.store import SQLiteStore, open_store


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return load_settings(
        data_dir=tmp_path, allow_private_networks=True, download_delay=0, autothrottle=False
    )


@pytest.fixture
def store(settings: Settings) -> Iterator[SQLiteStore]:
    opened = open_store(settings)
    yield opened
    opened.close()


@pytest.fixture
def fixture_server() -> Iterator[NotubizFixtureServer]:
    with NotubizFixtureServer() as server:
        yield server


def notubiz_source(base_url: str, organisation: str = "686", key: str = "zuidwaarde") -> Source:
    return build_source(
        key=key,
        name="Gemeente Zuidwaarde",
        supplier="notubiz",
        notubiz_organisation_id=organisation,
        base_url=base_url,
        cbs_code="GM9999",
    )
