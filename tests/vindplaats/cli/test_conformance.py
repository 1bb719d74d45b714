"""`vindplaats conformance`: the formats on stdout or in a file, the exit statuses 0, 1 and 2,
and the refusal of a loopback feed without the allow setting."""

from __future__ import annotations

import json
from pathlib import Path

from junitparser import JUnitXml

from tests.vindplaats.cli.runner import Result, run_cli
from tests.vindplaats.conformance.tiny_feed import TinyFeed, served, settings, uid

ALLOW = "VINDPLAATS_ALLOW_PRIVATE_NETWORKS"


def conformance(*args: str, tmp_path: Path, allow: bool = True) -> Result:
    env = {"VINDPLAATS_XSD_DIR": str(settings().xsd_dir), ALLOW: "true" if allow else "false"}
    return run_cli("conformance", *args, data_dir=tmp_path / "data", env=env)


def test_a_clean_feed_exits_0_with_its_summary(tmp_path: Path) -> None:
    with served(TinyFeed()) as base:
        result = conformance(base, "--standard", "ori-2", tmp_path=tmp_path)
    assert (result.code, result.err) == (0, "")
    assert result.out.splitlines()[0] == f"{base} against ori-2"
    assert result.out.splitlines()[-1].startswith("conformant to ori-2: 25 items checked in")


def test_errors_exit_1_and_junit_goes_to_the_file(tmp_path: Path) -> None:
    feed = TinyFeed()
    feed.record("besluiten", "b1").pop("besluitresultaat")
    out = tmp_path / "report.xml"
    with served(feed) as base:
        args = (base, "--standard", "ori-2", "--format", "junit", "--output", str(out))
        result = conformance(*args, tmp_path=tmp_path)
    assert result.code == 1, result.err
    assert result.out.strip().startswith("not conformant to ori-2:")
    assert "1 error, 0 warnings" in result.out
    failures = [
        (suite.name, case.name, outcome.type)
        for suite in JUnitXml.fromfile(str(out))
        for case in suite
        for outcome in case.result
    ]
    assert failures == [("besluiten", uid("b1"), "ORI-REQUIRED")]


def test_json_on_stdout_and_the_request_budget(tmp_path: Path) -> None:
    with served(TinyFeed()) as base:
        args = (base, "--standard", "ori-events", "--format", "json", "--max-requests", "2")
        result = conformance(*args, tmp_path=tmp_path)
    assert result.code == 0, result.err  # the incomplete check is a warning
    data = json.loads(result.out)
    assert data["requests"] == 2 and data["complete"] is False
    assert data["counts"]["by_rule"] == {"ORI-CHECK-INCOMPLETE": 1}


def test_a_loopback_feed_without_the_allow_setting_exits_2(tmp_path: Path) -> None:
    feed = TinyFeed()
    with served(feed) as base:
        result = conformance(base, "--standard", "ori-2", tmp_path=tmp_path, allow=False)
    assert result.code == 2 and result.out == ""
    assert result.err.startswith("vindplaats: error: refused http://127.0.0.1:")
    assert "is a loopback/private address (set VINDPLAATS_ALLOW_PRIVATE_NETWORKS=true" in result.err
    assert feed.reads == {}


def test_unusable_input_exits_2(tmp_path: Path) -> None:
    result = conformance("file:///etc/passwd", "--standard", "diwoo", tmp_path=tmp_path)
    assert result.code == 2 and "only http and https URLs are allowed" in result.err
    result = conformance("https://example.nl", "--standard", "ori-3", tmp_path=tmp_path)
    assert result.code == 2 and "invalid choice: 'ori-3'" in result.err
    result = conformance("https://x.nl", "--standard", "ori-2", "--max-requests", "0",
                         tmp_path=tmp_path)  # fmt: skip
    assert result.code == 2 and "must be more than 0" in result.err
    assert "Traceback" not in result.err
