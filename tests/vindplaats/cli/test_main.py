"""`vindplaats --version`, `--help`, every subcommand's `--help`, and each command loading only its
own module."""

from __future__ import annotations

import argparse
import ast
import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.vindplaats.cli.runner import run_cli
from vindplaats import __version__
from vindplaats.cli.main import COMMANDS, build_parser

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


def test_an_until_before_the_first_harvest_window_is_refused_plainly(tmp_path: Path) -> None:
    added = run_cli(
        "sources", "add", "--key", "a", "--name", "A", "--supplier", "notubiz",
        "--notubiz-organisation-id", "1", data_dir=tmp_path,
    )  # fmt: skip
    assert added.code == 0, added.err
    result = run_cli("harvest", "a", "--until", "2009-01-01", data_dir=tmp_path)
    assert result.code == 2
    assert result.err == (
        "vindplaats: error: --until 2009-01-01 is before the start of the window: the first "
        "harvest starts at VINDPLAATS_BACKFILL_FROM, 2010-01-01; give --since as well\n"
    )


@pytest.mark.parametrize("kind", ["file", "under a file", "dangling link"])
def test_an_unusable_data_directory_is_named(tmp_path: Path, kind: str) -> None:
    (tmp_path / "afile").write_text("not a directory")
    (tmp_path / "link").symlink_to(tmp_path / "missing" / "dir")
    data_dir = {
        "file": tmp_path / "afile",
        "under a file": tmp_path / "afile" / "sub",
        "dangling link": tmp_path / "link",
    }[kind]
    for args in (["sources", "list"], ["harvest", "a", "--until", "2009-01-01"]):
        result = run_cli(*args, data_dir=data_dir)
        assert result.code == 2, result.err
        assert result.err.startswith(
            f"vindplaats: error: VINDPLAATS_DATA_DIR {data_dir} is not a usable directory: "
        )
        assert "unexpected" not in result.err and "Traceback" not in result.err


def _names_registered_by(module: str) -> set[str]:
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers()
    importlib.import_module(f"vindplaats.cli.{module}").register(commands)
    return set(commands.choices)


def test_every_command_is_found_in_the_module_that_registers_it() -> None:
    for module in set(COMMANDS.values()):
        named = {name for name, owner in COMMANDS.items() if owner == module}
        assert _names_registered_by(module) == named, module
    assert set(build_parser().parse_args(["takedowns", "list"]).__dict__) >= {"func"}


@pytest.mark.parametrize(
    ("argv", "loads"),
    [
        (["sources", "list"], {"vindplaats.cli.sources"}),
        (["takedowns", "list"], {"vindplaats.cli.takedown"}),
        (["--version"], set()),
    ],
)
def test_a_command_loads_only_its_own_module(
    tmp_path: Path, argv: list[str], loads: set[str]
) -> None:
    """A command starts without loading the other commands (the web application, the crawlers
    and the conformance checker), so everyday commands answer in a fraction of a second."""
    script = (
        "import sys\n"
        "from vindplaats.cli.main import main\n"
        "try:\n"
        f"    main({argv!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('vindplaats.cli.'))\n"
        "print(loaded, file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env={**os.environ, "VINDPLAATS_DATA_DIR": str(tmp_path)},
        check=True,
    )
    loaded = set(ast.literal_eval(done.stderr.strip().splitlines()[-1]))
    command_modules = {f"vindplaats.cli.{module}" for module in COMMANDS.values()}
    assert loaded & command_modules == loads
    assert "search_api.app" not in done.stderr
