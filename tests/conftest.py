from __future__ import annotations

import pytest

from tests.golden import UPDATE


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite the golden files (tests/fixtures/*/expected/) from this run",
    )


def pytest_configure(config: pytest.Config) -> None:
    UPDATE["flag"] = bool(config.getoption("--update-golden", default=False))
