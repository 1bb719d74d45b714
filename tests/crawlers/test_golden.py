"""Every registered spider, crawled (child process, real Scrapy, loopback replay server) against
its fixtures in tests/fixtures/<supplier>/, stores its golden records and reports its counts.
Rewrite the golden files after a deliberate change with `UPDATE_GOLDEN=1` (or
`--update-golden`) and review the diff."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from crawlers.registry import spider_entry
from normalize.records import Supplier
from tests.crawlers.conftest import GOLDEN_CASES, Harvest
from tests.golden import assert_golden
from vindplaats.errors import HarvestError


def registered() -> list[Supplier]:
    """The suppliers the registry has a spider for."""
    found = []
    for supplier in Supplier:
        try:
            spider_entry(supplier)
        except HarvestError:
            continue
        found.append(supplier)
    return found


def test_every_registered_spider_has_a_golden_case() -> None:
    assert set(GOLDEN_CASES) == set(registered())


@pytest.mark.parametrize("supplier", registered(), ids=lambda s: str(s.value))
def test_the_spider_yields_its_golden_records(
    supplier: Supplier, golden_harvest: Callable[[Supplier], Harvest]
) -> None:
    case = GOLDEN_CASES[supplier]
    harvest = golden_harvest(supplier)
    assert_golden(harvest.records, case.golden)
    report = harvest.first
    assert report.status == case.status, report.errors
    assert {k: report.counts.get(k) for k in case.counts} == case.counts
    if case.watermark is not None:
        assert report.watermark is not None
        assert report.watermark.isoformat().startswith(case.watermark)
