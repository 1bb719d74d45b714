"""Which spider harvests which supplier, and the API base a source uses.

Kept free of Scrapy imports so callers (CLI, harvest pipeline) can look things up cheaply.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any

from normalize.records import Supplier
from vindplaats.errors import HarvestError, SourceError
from vindplaats.sources import Source

NOTUBIZ_API = "https://api.notubiz.nl"
IBABS_API = "https://wcf.ibabs.eu/api/Public.svc"


@dataclass(frozen=True)
class SpiderEntry:
    path: str  # "module:Class" of the spider
    default_base_url: str | None  # None: every source must carry its own base_url


SPIDERS: dict[Supplier, SpiderEntry] = {
    Supplier.NOTUBIZ: SpiderEntry("crawlers.notubiz:NotubizSpider", NOTUBIZ_API),
    Supplier.GEMEENTEOPLOSSINGEN: SpiderEntry("crawlers.gemeenteoplossingen:GoSpider", None),
    Supplier.PARLAEUS: SpiderEntry("crawlers.parlaeus:ParlaeusSpider", None),
    Supplier.IBABS: SpiderEntry("crawlers.ibabs:IbabsSpider", IBABS_API),
}


def spider_entry(supplier: Supplier) -> SpiderEntry:
    try:
        return SPIDERS[supplier]
    except KeyError:
        raise HarvestError(f"no harvester for supplier {supplier.value!r} yet") from None


def load_spider(supplier: Supplier) -> Any:
    """The spider class for a supplier (imports Scrapy)."""
    module, _, name = spider_entry(supplier).path.partition(":")
    return getattr(importlib.import_module(module), name)


def api_base(source: Source) -> str:
    """The API base URL a source is harvested from: its override or the supplier's default."""
    base = source.base_url or spider_entry(source.supplier).default_base_url
    if not base:
        raise SourceError(f"source {source.key!r}: base_url is required for {source.supplier}")
    return base
