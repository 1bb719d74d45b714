"""The official XSDs these tests validate against, from `../shared` (skipped when absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.shared import shared_file
from vindplaats.settings import Settings, load_settings


def standards_or_skip() -> Path:
    """The standards directory; the test is skipped, saying why, when it is absent."""
    shared_file("standards/sitemaps/0.9/sitemap.xsd")
    return shared_file("standards/diwoo/0.9.8/diwoo-metadata.xsd").parents[2]


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return load_settings(xsd_dir=standards_or_skip(), data_dir=tmp_path / "data")
