"""Which spider harvests which supplier, and the API base a source uses.

The facts are the table of `vindplaats.suppliers`; this module looks them up for the crawl.
Kept free of Scrapy imports so callers (the CLI, the harvest run) can look things up cheaply.
"""

from __future__ import annotations

import importlib
from typing import Any

from normalize.records import Supplier
from vindplaats.errors import HarvestError, SourceError
from vindplaats.sources import Source
from vindplaats.suppliers import SUPPLIERS, SupplierFacts


def spider_entry(supplier: Supplier) -> SupplierFacts:
    try:
        return SUPPLIERS[supplier]
    except KeyError:
        raise HarvestError(f"no harvester for supplier {supplier.value!r} yet") from None


def load_spider(supplier: Supplier) -> Any:
    """The spider class for a supplier (imports Scrapy)."""
    module, _, name = spider_entry(supplier).spider.partition(":")
    return getattr(importlib.import_module(module), name)


def api_base(source: Source) -> str:
    """The API base URL a source is harvested from: its override or the supplier's default."""
    base = source.base_url or spider_entry(source.supplier).default_api_base
    if not base:
        raise SourceError(f"source {source.key!r}: base_url is required for {source.supplier}")
    return base
