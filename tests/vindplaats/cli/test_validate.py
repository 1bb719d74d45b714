"""`vindplaats validate diwoo`: text grouped per file, JSON, and the exit statuses 0, 1 and 2."""

from __future__ import annotations

import json
import socket
from pathlib import Path

from tests.replay import ReplayServer
from tests.vindplaats.cli.runner import run_cli
from tests.vindplaats.woo.conftest import standards_or_skip
from tests.vindplaats.woo.publication import clean, line_of, write
from tests.vindplaats.woo.test_validate import INDEX, served


def validate(*args: str, tmp_path: Path, **env: str) -> tuple[int, str, str]:
    settings = {"VINDPLAATS_XSD_DIR": str(standards_or_skip()), **env}
    result = run_cli("validate", "diwoo", *args, data_dir=tmp_path / "data", env=settings)
    return result.code, result.out, result.err


def test_a_clean_export_exits_0(tmp_path: Path) -> None:
    code, out, err = validate(str(write(tmp_path / "export", clean())), tmp_path=tmp_path)
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == "robots.txt (robots, 2 entries): 0 errors, 0 warnings"
    assert out.splitlines()[-1] == "valid: 5 files checked, 0 errors, 0 warnings"


def test_findings_are_grouped_per_file_and_exit_1(tmp_path: Path) -> None:
    files = clean()
    files["robots.txt"] = str(files["robots.txt"]).replace("Sitemap: https", " Sitemap: https", 1)
    files[INDEX] = str(files[INDEX]).replace("T11:32:33+01:00", " 11:32:33")
    code, out, _ = validate(str(write(tmp_path / "export", files)), tmp_path=tmp_path)
    assert code == 1
    lines = out.splitlines()
    robots_line = line_of(files["robots.txt"], " Sitemap")
    assert lines[:2] == [
        "robots.txt (robots, 2 entries): 1 error, 0 warnings",
        f"  robots.txt:{robots_line}: error WOO-ROBOTS-PADDING: the Sitemap line "
        f"' Sitemap: https://example.nl/woo/sitemapindex-diwoo-infocat008.xml' has leading or "
        "trailing spaces (fix: write Sitemap: lines without leading or trailing spaces)",
    ]
    assert lines[2] == f"{INDEX} (sitemapindex, 1 entry): 1 error, 0 warnings"
    assert lines[3].startswith(
        f"  {INDEX}:{line_of(files[INDEX], ' 11:32:33')}: error WOO-LASTMOD-FORMAT:"
    )
    assert lines[-1] == "not valid: 5 files checked, 2 errors, 0 warnings"


def test_json_and_warnings_alone_exit_0(tmp_path: Path) -> None:
    files = clean()
    files["robots.txt"] = str(files["robots.txt"]).replace("User-agent: *\n", "")
    export = write(tmp_path / "export", files)
    code, out, _ = validate(str(export), "--json", tmp_path=tmp_path)
    assert code == 0
    report = json.loads(out)
    assert set(report) == {
        "schema_version",
        "target",
        "valid",
        "complete",
        "files",
        "findings",
        "counts",
    }
    assert report["valid"] is True and report["complete"] is True
    assert report["counts"] == {
        "files": 5,
        "errors": 0,
        "warnings": 1,
        "by_rule": {"WOO-ROBOTS-AGENT": 1},
    }
    assert report["findings"] == [
        {
            "file": "robots.txt",
            "line": 1,
            "rule": "WOO-ROBOTS-AGENT",
            "severity": "warning",
            "message": "robots.txt has no User-agent: line",
            "fix": "start robots.txt with a User-agent: line",
        }
    ]
    assert report["files"][0] == {
        "file": "robots.txt", "kind": "robots", "bytes": len(files["robots.txt"]), "entries": 2,
        "errors": 0, "warnings": 1, "unlisted_findings": 0,
    }  # fmt: skip
    code, text, _ = validate(str(export), tmp_path=tmp_path)
    assert (
        code == 0
        and text.splitlines()[-1]
        == "valid, with warnings only: 5 files checked, 0 errors, 1 warning"
    )


def test_a_url_on_a_loopback_server(tmp_path: Path) -> None:
    files, site = clean(), [""]
    with ReplayServer(served(files, site)) as server:
        site[0] = f"{server.url}/woo"
        allowed = {"VINDPLAATS_ALLOW_PRIVATE_NETWORKS": "true"}
        code, out, _ = validate(server.url, "--json", tmp_path=tmp_path, **allowed)
        refused = validate(server.url, tmp_path=tmp_path)
    report = json.loads(out)
    assert code == 1  # the loopback server speaks http, not https
    assert report["counts"]["by_rule"] == {"WOO-LOC-HTTPS": 4}
    assert [f["kind"] for f in report["files"]] == [
        "robots",
        "sitemapindex",
        "sitemapindex",
        "sitemap",
        "sitemap",
    ]
    assert refused[0] == 2
    assert "loopback/private address (set VINDPLAATS_ALLOW_PRIVATE_NETWORKS=true" in refused[2]


def test_unusable_input_exits_2_without_a_traceback(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    pdf = tmp_path / "besluit.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    allowed = {"VINDPLAATS_ALLOW_PRIVATE_NETWORKS": "true"}
    cases = [
        (
            (str(tmp_path / "nothing.xml"),),
            {},
            f"{tmp_path / 'nothing.xml'}: no such file or directory",
        ),
        ((str(pdf),), {}, f"{pdf}: not XML and not a robots.txt"),
        ((f"http://127.0.0.1:{port}/robots.txt",), allowed, "cannot read http://127.0.0.1"),
        ((str(pdf),), {"VINDPLAATS_XSD_DIR": str(tmp_path / "no-xsds")}, "VINDPLAATS_XSD_DIR: "),
        ((str(pdf), "--max-files", "0"), {}, "--max-files: must be at least 1, not 0"),
    ]
    for args, env, says in cases:
        code, out, err = validate(*args, tmp_path=tmp_path, **env)
        assert code == 2, (args, out, err)
        assert says in err and "Traceback" not in err, err
