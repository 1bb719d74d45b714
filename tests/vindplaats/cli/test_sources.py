"""`vindplaats sources add | list | import`, and errors at start naming the setting."""

from __future__ import annotations

import json
from pathlib import Path

from tests.vindplaats.cli.runner import run_cli

HEADER = (
    "key,name,organisation_type,supplier,cbs_code,allmanak_id,notubiz_organisation_id,"
    "ibabs_sitename,include_pattern,exclude_pattern,base_url,api_version,municipality_prefix,"
    "tooi_uri"
)


def test_add_then_list(tmp_path: Path) -> None:
    added = run_cli(
        "sources", "add", "--key", "alkmaar", "--name", "Alkmaar", "--supplier", "notubiz",
        "--notubiz-organisation-id", "987", "--cbs-code", "GM0361",
        data_dir=tmp_path,
    )  # fmt: skip
    assert added.code == 0, added.err
    assert "added source alkmaar" in added.out
    again = run_cli(
        "sources", "add", "--key", "alkmaar", "--name", "Alkmaar (NH)", "--supplier", "notubiz",
        "--notubiz-organisation-id", "987",
        data_dir=tmp_path,
    )  # fmt: skip
    assert again.code == 0 and "updated source alkmaar" in again.out
    listed = run_cli("sources", "list", data_dir=tmp_path)
    assert listed.code == 0
    header, row = listed.out.splitlines()
    assert header.split()[:3] == ["KEY", "SUPPLIER", "NAME"]
    assert row.split()[:2] == ["alkmaar", "notubiz"]
    assert "Alkmaar (NH)" in row and "never" in row
    as_json = json.loads(run_cli("sources", "list", "--json", data_dir=tmp_path).out)
    assert as_json[0]["key"] == "alkmaar"
    assert as_json[0]["notubiz_organisation_id"] == "987"
    assert as_json[0]["last_run"] is None


def test_invalid_sources_exit_2_with_a_message(tmp_path: Path) -> None:
    cases = [
        (["--key", "Bad Key", "--supplier", "ibabs"], "key"),
        (["--key", "x", "--supplier", "notubiz"], "notubiz_organisation_id is required"),
        (["--key", "x", "--supplier", "ibabs", "--base-url", "ftp://example.org"], "http"),
        (
            [
                "--key", "x", "--supplier", "ibabs", "--ibabs-sitename", "x",
                "--base-url", "http://127.0.0.1:9/api",
            ],
            "VINDPLAATS_ALLOW_PRIVATE_NETWORKS=true",
        ),
        (["--key", "x", "--supplier", "ibabs"], "ibabs_sitename is required"),
        (["--key", "x", "--supplier", "diwoo"], "base_url is required for diwoo"),
        (["--key", "x", "--supplier", "ori"], "base_url is required for ori"),
    ]  # fmt: skip
    for extra, message in cases:
        result = run_cli("sources", "add", "--name", "X", *extra, data_dir=tmp_path)
        assert result.code == 2, (extra, result.err)
        assert result.err.startswith("vindplaats: error: "), result.err
        assert message in result.err
        assert "Traceback" not in result.err
    assert "never" not in run_cli("sources", "list", data_dir=tmp_path).out


def test_loopback_base_url_allowed_by_the_setting(tmp_path: Path) -> None:
    result = run_cli(
        "sources", "add", "--key", "lab", "--name", "Lab", "--supplier", "ibabs",
        "--ibabs-sitename", "lab", "--base-url", "http://127.0.0.1:9/api",
        data_dir=tmp_path,
        env={"VINDPLAATS_ALLOW_PRIVATE_NETWORKS": "true"},
    )  # fmt: skip
    assert result.code == 0, result.err


def test_import_catalogue(tmp_path: Path) -> None:
    csv = tmp_path / "sources.csv"
    csv.write_text(
        HEADER + "\n"
        "aalten,Aalten,gemeente,ibabs,GM0197,36483,,aalten,,,,,,"
        "https://identifier.overheid.nl/tooi/id/gemeente/gm0197\n"
        "alkmaar,Alkmaar,gemeente,notubiz,GM0361,,987,,,,,,,\n"
        "drenthe,Drenthe,provincie,gemeenteoplossingen,PV22,,,,,,https://93.184.215.14/api,2,,\n",
        encoding="utf-8",
    )
    data = tmp_path / "data"
    first = run_cli("sources", "import", str(csv), data_dir=data)
    assert first.code == 0, first.err
    assert "3 added, 0 updated" in first.out
    second = run_cli("sources", "import", str(csv), data_dir=data)
    assert "0 added, 3 updated" in second.out
    keys = [s["key"] for s in json.loads(run_cli("sources", "list", "--json", data_dir=data).out)]
    assert keys == ["aalten", "alkmaar", "drenthe"]


def test_import_bad_line_names_file_and_line(tmp_path: Path) -> None:
    csv = tmp_path / "bad.csv"
    csv.write_text(
        HEADER + "\n"
        "aalten,Aalten,gemeente,ibabs,GM0197,,,aalten,,,,,,\n"
        "broken,Broken,gemeente,nosuchsupplier,,,,,,,,,,\n",
        encoding="utf-8",
    )
    result = run_cli("sources", "import", str(csv), data_dir=tmp_path / "data")
    assert result.code == 2
    assert f"{csv}:3" in result.err and "supplier" in result.err
    listed = run_cli("sources", "list", data_dir=tmp_path / "data")
    assert "aalten" not in listed.out  # nothing stored from a bad file
    missing = run_cli("sources", "import", str(tmp_path / "nope.csv"), data_dir=tmp_path)
    assert missing.code == 2 and "no such file" in missing.err


def test_import_of_an_empty_or_semicolon_separated_csv(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    result = run_cli("sources", "import", str(empty), data_dir=tmp_path / "data")
    assert result.code == 2
    assert result.err == f"vindplaats: error: no sources in {empty}: the file is empty\n"
    semicolons = tmp_path / "semicolons.csv"
    semicolons.write_text(
        "key;name;supplier;notubiz_organisation_id\nalkmaar;Alkmaar;notubiz;987\n\n"
        "diwoo-town;D;diwoo;\n",
        encoding="utf-8",
    )
    refused = run_cli("sources", "import", str(semicolons), data_dir=tmp_path / "data")
    assert refused.code == 2
    assert refused.err.startswith(f"vindplaats: error: {semicolons}:4: source 'diwoo-town': ")
    semicolons.write_text(semicolons.read_text().replace("diwoo-town;D;diwoo;", "b;B;notubiz;1"))
    imported = run_cli("sources", "import", str(semicolons), data_dir=tmp_path / "data")
    assert imported.code == 0, imported.err
    assert "2 added, 0 updated" in imported.out


def test_invalid_setting_names_its_key(tmp_path: Path) -> None:
    result = run_cli("sources", "list", data_dir=tmp_path, env={"VINDPLAATS_PORT": "abc"})
    assert result.code == 2
    assert result.err.startswith("vindplaats: error: ")
    assert "VINDPLAATS_PORT" in result.err
    assert len(result.err.strip().splitlines()) == 1


def test_a_base_url_with_credentials_is_refused_without_echoing_them(tmp_path: Path) -> None:
    for url in ("http://user:s3cr3t-pw@127.0.0.1:9/api", "https://user:s3cr3t-pw@example.org"):
        result = run_cli(
            "sources", "add", "--key", "x", "--name", "X", "--supplier", "ibabs",
            "--ibabs-sitename", "x", "--base-url", url,
            data_dir=tmp_path,
        )  # fmt: skip
        assert result.code == 2, result.err
        assert "must not carry credentials" in result.err
        assert "s3cr3t-pw" not in result.err + result.out
    assert run_cli("sources", "list", "--json", data_dir=tmp_path).out.strip() == "[]"


def test_harvest_refuses_a_name_and_a_literal_alike_before_a_run(tmp_path: Path) -> None:
    """`localhost` (a name resolving to loopback) and `[::127.0.0.1]` (an IPv4-compatible
    literal of it) are refused the same way: exit 2, no run recorded."""
    allow = {"VINDPLAATS_ALLOW_PRIVATE_NETWORKS": "true"}
    for key, url in (("named", "http://localhost:9/api"), ("literal", "http://[::127.0.0.1]:9")):
        added = run_cli(
            "sources", "add", "--key", key, "--name", key, "--supplier", "notubiz",
            "--notubiz-organisation-id", "1", "--base-url", url,
            data_dir=tmp_path, env=allow,
        )  # fmt: skip
        assert added.code == 0, added.err
        refused = run_cli("harvest", key, data_dir=tmp_path)
        assert refused.code == 2, refused.err
        assert "loopback/private address" in refused.err
        assert "Traceback" not in refused.err
    listed = json.loads(run_cli("sources", "list", "--json", data_dir=tmp_path).out)
    assert [s["last_run"] for s in listed] == [None, None]
