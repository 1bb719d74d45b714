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


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_a_catalogue_may_separate_its_columns_by_comma_semicolon_or_tab(
    tmp_path: Path, delimiter: str
) -> None:
    csv = tmp_path / "c.csv"
    rows = [
        ["key", "name", "supplier", "notubiz_organisation_id"],
        ["den-haag", "Den Haag, gemeente", "notubiz", "318"],
        ["leiden", "Leiden", "notubiz", "1"],
    ]
    quoted = [[f'"{cell}"' if "," in cell else cell for cell in row] for row in rows]
    csv.write_text("\n".join(delimiter.join(row) for row in quoted) + "\n")
    sources = read_catalogue(csv)
    assert [(s.key, s.name, s.notubiz_organisation_id) for s in sources] == [
        ("den-haag", "Den Haag, gemeente", "318"),
        ("leiden", "Leiden", "1"),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", r"^no sources in .*c\.csv: the file is empty$"),
        ("\n  \n", r"^no sources in .*c\.csv: the file is empty$"),
        ("key,name,supplier\n\n", r"^no sources in .*c\.csv: a header but no rows$"),
        (
            "key,naam,supplier,colour\na,A,notubiz,red\n",
            r"c\.csv:1: header: missing column name; unknown columns naam, colour \(columns: key,",
        ),
        ("key,name,key\na,A,a\n", r"c\.csv:1: header: missing column supplier; column key twice"),
        (
            "key,name,supplier\n\na,A,notubiz\nb,B\n",
            r"c\.csv:4: 2 fields where the header has 3$",
        ),
        ("key,name,supplier\na,A,notubiz\n\n\nBAD,B,notubiz\n", r"c\.csv:5: invalid source 'BAD'"),
    ],
)
def test_a_bad_catalogue_says_what_and_where(tmp_path: Path, text: str, message: str) -> None:
    csv = tmp_path / "c.csv"
    csv.write_text(text)
    with pytest.raises(SourceError, match=message):
        read_catalogue(csv)
