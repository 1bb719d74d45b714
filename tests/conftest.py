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


# The suite runs on every core (`scripts/test` passes `-n auto --dist loadgroup` to pytest-xdist).
# Each test file runs whole on one worker, so its module fixtures (servers, harvests, indices)
# are set up once; every test on the harvested demo site (tests/search_api/web) goes to one
# worker, which harvests the demo once for all of them.
DEMO_SITE_GROUP = "demo-site"


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.get_closest_marker("xdist_group"):
            continue
        uses_demo = "demo_site" in getattr(item, "fixturenames", ())
        group = DEMO_SITE_GROUP if uses_demo else item.nodeid.split("::", 1)[0]
        item.add_marker(pytest.mark.xdist_group(group))
