"""`vindplaats doctor`: which optional tools and configured services are there, how to get
what is missing, and exit status 1 only when something configured fails."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.replay import Answer, ReplayServer, Request
from tests.vindplaats.cli import ocr_tools
from tests.vindplaats.cli.runner import run_cli
from vindplaats import __version__


def checks(out: str) -> dict[str, dict[str, str]]:
    return {c["name"]: c for c in json.loads(out)["checks"]}


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def old_tika_answer(request: Request) -> Answer:
    """A Tika server too old to be used: 2.9.1 at `/version`."""
    if request.path == "/version":
        return Answer.of(200, "text/plain", b"Apache Tika 2.9.1")
    return Answer.of(404, "text/plain", b"")


@pytest.fixture
def old_tika() -> Iterator[str]:
    with ReplayServer(old_tika_answer) as server:
        yield server.url


def test_missing_ocr_tools_are_named_with_the_packages(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run_cli("doctor", data_dir=tmp_path / "data", env={"PATH": str(empty)})
    assert result.code == 0, result.err  # optional tools only warn
    assert result.out.startswith(f"vindplaats {__version__}\n")
    assert "tesseract-ocr tesseract-ocr-nld poppler-utils" in result.out
    found = checks(run_cli("doctor", "--json", data_dir=tmp_path, env={"PATH": str(empty)}).out)
    assert found["tesseract"]["state"] == "missing"
    assert found["pdftoppm"]["state"] == "missing"
    assert found["pdftoppm"]["hint"] == "sudo apt-get install poppler-utils"
    assert found["embedded Tika"]["state"] == "ok"
    assert found["Tika server"]["state"] == "not configured"
    assert found["Elasticsearch"]["state"] == "not configured"
    assert found["store"]["state"] == "ok"
    assert found["text analyser"]["state"] == "ok"
    assert not (tmp_path / "data").exists()  # looking does not create the store


def test_an_unbuilt_text_analyser_fails_with_how_to_build_it(tmp_path: Path) -> None:
    shadow = tmp_path / "shadow"
    shadow.mkdir()
    (shadow / "vindplaats_text.py").write_text("raise ImportError('no such extension')\n")
    result = run_cli("doctor", "--json", data_dir=tmp_path, env={"PYTHONPATH": str(shadow)})
    assert result.code == 1, result.err
    found = checks(result.out)["text analyser"]
    assert found["state"] == "failing" and "no such extension" in found["detail"]
    assert "scripts/bootstrap" in found["hint"]


def test_installed_ocr_tools_and_a_missing_language(tmp_path: Path) -> None:
    path = ocr_tools.path_with(ocr_tools.install(tmp_path / "bin", "tekst"))
    found = checks(run_cli("doctor", "--json", data_dir=tmp_path, env={"PATH": path}).out)
    assert found["tesseract"]["state"] == "ok" and "language nld" in found["tesseract"]["detail"]
    assert found["pdftoppm"]["state"] == "ok"
    env = {"PATH": path, "VINDPLAATS_OCR_LANGUAGE": "nld+xyz"}
    result = run_cli("doctor", "--json", data_dir=tmp_path, env=env)
    assert result.code == 0
    tesseract = checks(result.out)["tesseract"]
    assert tesseract["state"] == "missing" and "'xyz'" in tesseract["detail"]
    assert tesseract["hint"] == "sudo apt-get install tesseract-ocr-xyz"


def test_configured_services_that_fail_exit_1(tmp_path: Path, old_tika: str) -> None:
    down = f"http://127.0.0.1:{closed_port()}"
    env = {
        "VINDPLAATS_TIKA_URL": down,
        "VINDPLAATS_ENGINE": "elasticsearch",
        "VINDPLAATS_ELASTICSEARCH_URL": f"http://elastic:geheim@127.0.0.1:{closed_port()}",
    }
    result = run_cli("doctor", "--json", data_dir=tmp_path, env=env)
    assert result.code == 1, result.err
    found = checks(result.out)
    assert found["Tika server"]["state"] == "failing"
    assert found["Elasticsearch"]["state"] == "failing"
    assert "geheim" not in result.out and "elastic:***@" in found["Elasticsearch"]["detail"]
    assert json.loads(result.out)["ok"] is False
    text = run_cli("doctor", data_dir=tmp_path, env=env)
    assert text.code == 1 and "Traceback" not in text.out + text.err

    old = run_cli("doctor", "--json", data_dir=tmp_path, env={"VINDPLAATS_TIKA_URL": old_tika})
    assert old.code == 1
    tika = checks(old.out)["Tika server"]
    assert tika["state"] == "failing" and "Apache Tika 2.9.1" in tika["detail"]
    assert "3.2.2" in tika["hint"]


def test_an_unusable_data_dir_fails(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    result = run_cli("doctor", "--json", data_dir=blocker / "data")
    assert result.code == 1
    assert checks(result.out)["store"]["state"] == "failing"


def test_version() -> None:
    result = run_cli("--version", data_dir=Path("/nonexistent"))
    assert (result.code, result.out.strip()) == (0, f"vindplaats {__version__}")
