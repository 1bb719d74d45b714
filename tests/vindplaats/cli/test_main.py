"""`vindplaats --version`, `--help` and every subcommand's `--help`."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.vindplaats.cli.runner import run_cli
from vindplaats import __version__

SUBCOMMANDS = [
    ["demo"],
    ["serve"],
    ["sources"],
    ["sources", "add"],
    ["sources", "list"],
    ["sources", "import"],
    ["harvest"],
    ["search"],
    ["extract"],
]


def test_version(tmp_path: Path) -> None:
    result = run_cli("--version", data_dir=tmp_path)
    assert result.code == 0
    assert result.out.strip() == f"vindplaats {__version__}"


def test_help_lists_every_command(tmp_path: Path) -> None:
    result = run_cli("--help", data_dir=tmp_path)
    assert result.code == 0
    for command in ("demo", "serve", "sources", "harvest", "search", "extract"):
        assert command in result.out


@pytest.mark.parametrize("command", SUBCOMMANDS, ids=" ".join)
def test_subcommand_help(tmp_path: Path, command: list[str]) -> None:
    result = run_cli(*command, "--help", data_dir=tmp_path)
    assert result.code == 0, result.err
    assert result.out.startswith(f"usage: vindplaats {' '.join(command)}")
    assert len(result.out.splitlines()) > 4


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    for args in (["nosuchcommand"], ["search", "x", "--size", "0"], ["harvest"]):
        result = run_cli(*args, data_dir=tmp_path)
        assert result.code == 2, args
        assert "usage: vindplaats" in result.err


def test_unknown_source_is_refused(tmp_path: Path) -> None:
    result = run_cli("harvest", "nowhere", data_dir=tmp_path)
    assert result.code == 2
    assert result.err == "vindplaats: error: unknown source 'nowhere'\n"
