"""`vindplaats export woo-index ORG --out DIR --base-url URL`: the static export, its report and
its refusals (exit 2, one clear line, no traceback)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.vindplaats.cli.runner import run_cli
from tests.vindplaats.woo.conftest import standards_or_skip
from tests.vindplaats.woo.generated import KEY, PDF, generate
from vindplaats.settings import load_settings

URL = "https://woo.alkmaar.nl/publicaties"


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("export-cli") / "data"
    generate(load_settings(data_dir=data), 40)
    return data


def test_the_export_is_written_listed_and_valid(data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = run_cli("export", "woo-index", KEY, "--out", str(out), "--base-url", URL,
                     data_dir=data_dir)  # fmt: skip
    assert (result.code, result.err) == (0, "")
    lines = result.out.splitlines()
    assert lines[0] == (
        f"skipped document:notubiz:{KEY}:600016: no_date: no date: nothing to give its "
        "documenthandeling a time"
    )
    assert sum(line.startswith("skipped document:") for line in lines) == 8
    assert f"exported 32 of 40 documents of {KEY} into {out}: 3 sitemaps in 3 categories" in (
        result.out
    )
    assert lines[-1] == "skipped 8: 2 format_not_accepted, 2 no_date, 2 not_downloaded, 2 withdrawn"
    assert (out / "documenten" / "600000" / "Raadsvoorstel_0_Stationsplein.pdf").read_bytes() == PDF
    checked = run_cli("validate", "diwoo", str(out), data_dir=data_dir,
                      env={"VINDPLAATS_XSD_DIR": str(standards_or_skip())})  # fmt: skip
    assert checked.code == 0, checked.out
    assert checked.out.splitlines()[-1] == "valid: 7 files checked, 0 errors, 0 warnings"


def test_json_lists_every_skipped_document(data_dir: Path, tmp_path: Path) -> None:
    env = {"VINDPLAATS_PUBLIC_BASE_URL": "https://ori.nl"}
    result = run_cli("export", "woo-index", KEY, "--out", str(tmp_path / "site"), "--json",
                     data_dir=data_dir, env=env)  # fmt: skip
    assert result.code == 0, result.err
    report = json.loads(result.out)
    assert report["root_url"] == f"https://ori.nl/woo/{KEY}"
    assert (report["documents"], report["exported"]) == (40, 32)
    assert report["by_category"] == {"3.3.2a": 6, "3.3.2c": 24, "3.3.2f": 2}
    assert len(report["skipped"]) == 8
    assert report["skipped_by_reason"] == {
        "format_not_accepted": 2, "no_date": 2, "not_downloaded": 2, "withdrawn": 2
    }  # fmt: skip
    assert report["skipped"][1] == {
        "id": f"document:notubiz:{KEY}:600017",
        "reason": "not_downloaded",
        "message": "the original is not stored (pending)",
    }


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("nergens", "--base-url", URL), "unknown organisation 'nergens'"),
        ((KEY,), "give --base-url URL"),
        ((KEY, "--base-url", "http://woo.alkmaar.nl"), "is not an absolute https URL"),
        ((KEY, "--base-url", "https://user:pw@woo.alkmaar.nl"), "may not carry credentials"),
    ],
)
def test_refusals_exit_2_with_one_line(
    data_dir: Path, tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    out = tmp_path / "site"
    result = run_cli("export", "woo-index", *args, "--out", str(out), data_dir=data_dir)
    assert result.code == 2
    assert result.out == ""
    assert result.err.startswith("vindplaats: error: ") and message in result.err
    assert "Traceback" not in result.err and len(result.err.splitlines()) == 1
    assert not out.exists()


def test_a_directory_holding_something_else_is_left_alone(data_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("<p>home</p>")
    result = run_cli("export", "woo-index", KEY, "--out", str(tmp_path / "site"), "--base-url",
                     URL, "--json", data_dir=data_dir)  # fmt: skip
    assert result.code == 2 and result.out == ""
    assert "is not an earlier Woo-index export" in result.err
    assert [p.name for p in (tmp_path / "site").iterdir()] == ["index.html"]
