from __future__ import annotations

from typing import Any

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


# The suite runs on every core (`scripts/test` passes `-n auto` to pytest-xdist). Each test file
# runs whole on one worker, so its module fixtures (servers, harvests, indices) are set up once;
# the web interface's tests (tests/search_api/web) all run on one worker, which harvests the demo
# site once for all of them.
WEB_TESTS = "tests/search_api/web/"
# Started first, so that no worker is left with one of these at the end while the other is idle
# (without this, xdist starts the files with many tests first and these single long tests last).
LONG_FIRST = (
    "tests/search_api/test_schemathesis.py",
    WEB_TESTS,
    "tests/vindplaats/cli/test_demo.py",
    "tests/vindplaats/woo/test_export.py",
    "tests/search_api/ori/test_v2_schemathesis.py",
    "tests/search_api/ori/test_mini_schemathesis.py",
    "tests/search_api/ori/test_events_schemathesis.py",
    "tests/vindplaats/engine/test_rebuild.py",
)


def work_unit(nodeid: str) -> str:
    """What runs whole on one worker: the web tests together, any other test with its file."""
    return WEB_TESTS if nodeid.startswith(WEB_TESTS) else nodeid.split("::", 1)[0]


_RANK = {unit: rank for rank, unit in enumerate(LONG_FIRST)}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # stable: the order within a rank (and a file) stays
    items.sort(key=lambda item: _RANK.get(work_unit(item.nodeid), len(LONG_FIRST)))


def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    from xdist.scheduler import LoadScopeScheduling

    class WorkUnitScheduling(LoadScopeScheduling):
        """xdist's scope scheduling with `work_unit` as the scope, in collection order."""

        def _split_scope(self, nodeid: str) -> str:
            return work_unit(nodeid)

    config.option.loadscopereorder = False
    return WorkUnitScheduling(config, log)
