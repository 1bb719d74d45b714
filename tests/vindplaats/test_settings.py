from __future__ import annotations

from pathlib import Path

import pytest

from vindplaats.errors import ConfigError
from vindplaats.settings import load_settings


def test_defaults() -> None:
    settings = load_settings()
    assert settings.data_dir == Path("./data") or "VINDPLAATS_DATA_DIR" in __import__("os").environ
    assert settings.allow_private_networks is False
    assert "Vindplaats/" in settings.user_agent and "+http" in settings.user_agent


def test_environment_is_read(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("VINDPLAATS_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("VINDPLAATS_ALLOW_PRIVATE_NETWORKS", "true")
    settings = load_settings()
    assert settings.data_dir == tmp_path
    assert settings.allow_private_networks is True
    assert settings.store_path.parent == tmp_path


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("VINDPLAATS_PORT", "abc"),
        ("VINDPLAATS_ENGINE", "solr"),
        ("VINDPLAATS_CONCURRENCY_PER_HOST", "0"),
    ],
)
def test_invalid_values_name_the_key(monkeypatch: pytest.MonkeyPatch, key: str, value: str) -> None:
    monkeypatch.setenv(key, value)
    with pytest.raises(ConfigError, match=key):
        load_settings()
