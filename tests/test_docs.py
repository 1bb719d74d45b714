"""README.md documents every CLI command and every setting (datasette's rule)."""

from __future__ import annotations

import argparse
from pathlib import Path

from vindplaats.cli.main import build_parser
from vindplaats.settings import PREFIX, Settings

README = (Path(__file__).resolve().parents[1] / "README.md").read_text("utf-8")


def _commands(
    parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()
) -> list[tuple[str, ...]]:
    found: list[tuple[str, ...]] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found.append((*prefix, name))
                found += _commands(sub, (*prefix, name))
    return found


def test_every_cli_command_is_documented() -> None:
    commands = _commands(build_parser())
    assert ("sources", "add") in commands and ("demo",) in commands
    missing = [" ".join(c) for c in commands if f"vindplaats {' '.join(c)}" not in README]
    assert not missing, f"README.md does not document: {missing}"


def test_every_setting_is_documented() -> None:
    names = [PREFIX + field.upper() for field in Settings.model_fields]
    assert "VINDPLAATS_DATA_DIR" in names
    missing = [name for name in names if name not in README]
    assert not missing, f"README.md does not document: {missing}"
