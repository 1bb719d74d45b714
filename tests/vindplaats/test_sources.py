from __future__ import annotations

from pathlib import Path

import pytest

from tests.shared import shared_file
from vindplaats.errors import SourceError
from vindplaats.sources import build_source, read_catalogue


def test_valid_source() -> None:
    source = build_source(
        key="alkmaar",
        name="Alkmaar",
        supplier="notubiz",
        notubiz_organisation_id="987",
        base_url="https://api.notubiz.nl/",
    )
    assert source.base_url == "https://api.notubiz.nl"
    source.check_harvestable()


@pytest.mark.parametrize(
    "fields",
    [
        {"key": "Alkmaar", "name": "A", "supplier": "notubiz"},
        {"key": "a", "name": "A", "supplier": "acme"},
        {"key": "a", "name": "A", "supplier": "notubiz", "base_url": "file:///etc/passwd"},
        {"key": "a", "name": "", "supplier": "notubiz"},
    ],
)
def test_invalid_sources_are_refused(fields: dict[str, str]) -> None:
    with pytest.raises(SourceError):
        build_source(**fields)


def test_notubiz_needs_an_organisation_id() -> None:
    with pytest.raises(SourceError, match="notubiz_organisation_id"):
        build_source(key="a", name="A", supplier="notubiz").check_harvestable()


def test_bad_catalogue_line_is_named(tmp_path: Path) -> None:
    csv = tmp_path / "c.csv"
    csv.write_text("key,name,supplier\nok,Ok,notubiz\nBAD KEY,X,notubiz\n")
    with pytest.raises(SourceError, match=r"c.csv:3"):
        read_catalogue(csv)


def test_duplicate_keys_are_refused(tmp_path: Path) -> None:
    csv = tmp_path / "c.csv"
    csv.write_text("key,name,supplier\nlimburg,Limburg,ibabs\nlimburg,Limburg,ibabs\n")
    with pytest.raises(SourceError, match=r"c.csv:3: key 'limburg' is already used on line 2"):
        read_catalogue(csv)


def test_the_shared_catalogue_rows_all_validate() -> None:
    """Every row of the national catalogue is a valid source (its two reused keys,
    groningen and limburg, are reported as such rather than silently merged)."""
    catalogue = shared_file("data/ori-sources.csv")
    with pytest.raises(SourceError, match="is already used on line"):
        read_catalogue(catalogue)


def test_ibabs_needs_a_sitename() -> None:
    with pytest.raises(SourceError, match="ibabs_sitename"):
        build_source(key="a", name="A", supplier="ibabs").check_harvestable()
