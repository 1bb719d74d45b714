"""The embedded engine's versioned rebuild (`Rebuild`): filled unseen, published at once, an
abandoned version leaves nothing behind, and the old version goes once nobody has it open."""

from __future__ import annotations

import os
from pathlib import Path

from tests.vindplaats.engine.conftest import ids, make_doc, search
from vindplaats.engine import engine_kind
from vindplaats.engine.embedded import EmbeddedEngine
from vindplaats.settings import Settings, load_settings


def settings_in(tmp_path: Path, engine: str = "embedded") -> Settings:
    return load_settings(data_dir=tmp_path / "data", engine=engine)


def test_the_interface_says_which_engine_takes_one_writer_at_a_time(tmp_path: Path) -> None:
    assert engine_kind(settings_in(tmp_path)).single_writer is True
    assert engine_kind(settings_in(tmp_path, "elasticsearch")).single_writer is False


def test_a_new_version_is_searched_only_once_published(tmp_path: Path) -> None:
    settings = settings_in(tmp_path)
    with EmbeddedEngine.from_settings(settings) as served:
        served.index([make_doc(1, "het oude raadsbesluit")])
        rebuild = engine_kind(settings).begin_rebuild(settings)
        assert rebuild.index([make_doc(2, "het nieuwe raadsbesluit")]).indexed == 1
        assert ids(search(served, "raadsbesluit")) == ["document:ibabs:delft:1"]
        rebuild.publish()
        assert ids(search(served, "raadsbesluit")) == ["document:ibabs:delft:2"]
        assert os.path.realpath(settings.index_dir) == os.path.realpath(rebuild.version)
        # the served engine has just left the old version: it is not searched any more
        assert rebuild.retire_old() == "removed 1 old version(s)"
    beside = sorted(p.name for p in settings.index_dir.parent.glob("index*"))
    assert beside == sorted([settings.index_dir.name, Path(rebuild.version).name])


def test_an_abandoned_version_is_removed_and_the_served_one_untouched(tmp_path: Path) -> None:
    settings = settings_in(tmp_path)
    with EmbeddedEngine.from_settings(settings) as served:
        served.index([make_doc(1, "het oude raadsbesluit")])
        rebuild = engine_kind(settings).begin_rebuild(settings)
        rebuild.index([make_doc(2, "het nieuwe raadsbesluit")])
        rebuild.abandon()
        assert not Path(rebuild.version).exists()
        assert ids(search(served, "raadsbesluit")) == ["document:ibabs:delft:1"]
