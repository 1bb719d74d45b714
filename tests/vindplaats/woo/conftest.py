"""The official XSDs these tests validate against: skipped, saying so, when they are absent."""

from __future__ import annotations

from pathlib import Path

import pytest

from vindplaats.settings import Settings, load_settings

STANDARDS = Path(__file__).resolve().parents[3].parent / "shared" / "standards"


def standards_or_skip() -> Path:
    if not (STANDARDS / "diwoo" / "0.9.8" / "diwoo-metadata.xsd").is_file():
        reason = f"the official XSDs are not at {STANDARDS} (the shared reference data)"
        print(f"skipped: {reason}")
        pytest.skip(reason)
    return STANDARDS


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return load_settings(xsd_dir=standards_or_skip(), data_dir=tmp_path / "data")
