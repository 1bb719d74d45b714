"""The one table of supplier facts: what Vindplaats knows of each supplier it harvests.

One frozen row per supplier: the spider that reads it (as a "module:Class" path, so this base
layer imports nothing above it), its default API base (None: every source names its own
`base_url`), the source fields a harvestable source must carry, its default request budgets,
the record types it yields and the count names its crawl reports. The spider registry
(`crawlers.registry`), the source check (`Source.check_harvestable`), the budgets in force
(`vindplaats.budgets`) and the spiders read these facts here; nowhere else states them.

Default budgets are written in the grammar of `VINDPLAATS_BUDGETS` without the supplier
(`api=180/min,download=30/min`): the suppliers' published limits (iBabs), else conservative ones;
`""` for none.
"""

from __future__ import annotations

from dataclasses import dataclass

from normalize.records import Supplier

NOTUBIZ_API = "https://api.notubiz.nl"
IBABS_API = "https://wcf.ibabs.eu/api/Public.svc"

# Counts every spider reports (see `crawlers.counts` for what each means).
COMMON_COUNTS = (
    "api_responses",
    "errors",
    "refused",
    "repaired_links",
    "skipped_non_public",
    "documents_downloaded",
    "documents_unchanged",
    "bytes_downloaded",
    "download_failed",
    "retry_after_waits",
)
CORE_RECORDS = ("organization", "committee", "meeting", "agenda_item", "document")
# the budgets of a supplier that publishes no limits
CONSERVATIVE_BUDGETS = "api=120/min,download=60/min"


@dataclass(frozen=True)
class SupplierFacts:
    supplier: Supplier
    spider: str  # "module:Class" of the spider that harvests it
    default_api_base: str | None  # None: every source must carry its own base_url
    required_fields: tuple[str, ...]  # Source fields a harvestable source must fill
    base_url_hint: str  # what else gives a base URL, named when it is missing ("" if nothing)
    default_budgets: str  # request budgets per kind, e.g. "api=180/min,download=30/min"
    record_types: tuple[str, ...]  # the record types its crawl yields
    counts: tuple[str, ...]  # count names its crawl reports besides the records' own

    @property
    def needs_base_url(self) -> bool:
        return self.default_api_base is None


SUPPLIERS: dict[Supplier, SupplierFacts] = {
    Supplier.NOTUBIZ: SupplierFacts(
        supplier=Supplier.NOTUBIZ,
        spider="crawlers.notubiz:NotubizSpider",
        default_api_base=NOTUBIZ_API,
        required_fields=("notubiz_organisation_id",),
        base_url_hint="",
        default_budgets=CONSERVATIVE_BUDGETS,
        record_types=(*CORE_RECORDS, "register_entry", "motion"),
        counts=(*COMMON_COUNTS, "modified_items", "modified_unknown"),
    ),
    Supplier.GEMEENTEOPLOSSINGEN: SupplierFacts(
        supplier=Supplier.GEMEENTEOPLOSSINGEN,
        spider="crawlers.gemeenteoplossingen:GoSpider",
        default_api_base=None,
        required_fields=(),
        base_url_hint="",
        default_budgets=CONSERVATIVE_BUDGETS,
        record_types=CORE_RECORDS,
        counts=(
            *COMMON_COUNTS,
            "meeting_pages",
            "meeting_pages_odd",
            "skipped_inactive",
            "skipped_non_agenda_items",
        ),
    ),
    Supplier.PARLAEUS: SupplierFacts(
        supplier=Supplier.PARLAEUS,
        spider="crawlers.parlaeus:ParlaeusSpider",
        default_api_base=None,
        required_fields=(),
        base_url_hint=" (or municipality_prefix)",
        default_budgets=CONSERVATIVE_BUDGETS,
        record_types=(*CORE_RECORDS, "person"),
        counts=COMMON_COUNTS,
    ),
    Supplier.IBABS: SupplierFacts(
        supplier=Supplier.IBABS,
        spider="crawlers.ibabs:IbabsSpider",
        default_api_base=IBABS_API,
        required_fields=("ibabs_sitename",),
        base_url_hint="",
        default_budgets="api=180/min,download=30/min",  # published: per IP; publicdownload
        record_types=(*CORE_RECORDS, "register_entry", "person", "motion", "vote"),
        counts=(*COMMON_COUNTS, "skipped_by_pattern", "skipped_outside_window", "reread_from"),
    ),
    Supplier.DIWOO: SupplierFacts(
        supplier=Supplier.DIWOO,
        spider="crawlers.diwoo:DiwooSpider",
        default_api_base=None,  # the publisher's site: robots.txt → sitemap indexes → sitemaps
        required_fields=(),
        base_url_hint="",
        default_budgets="",  # none: a publisher's web site, not a supplier's API
        record_types=("organization", "document"),
        counts=(
            *COMMON_COUNTS,
            "sitemap_indexes",
            "sitemaps",
            "sitemap_urls",
            "sitemap_urls_repeated",
            "listed_in_full",
            "diwoo_prefix_undeclared",
            "documents_without_metadata",
            "metadata_warnings",
            "unknown_codes",
            "lastmod_missing",
            "lastmod_malformed",
        ),
    ),
    Supplier.ORI: SupplierFacts(
        supplier=Supplier.ORI,
        spider="crawlers.ori:OriSpider",
        default_api_base=None,  # every publisher serves its own ORI API base
        required_fields=(),
        base_url_hint="",
        default_budgets=CONSERVATIVE_BUDGETS,
        record_types=(*CORE_RECORDS, "person", "motion", "vote"),
        counts=(
            *COMMON_COUNTS,
            "ori_pages",
            "ori_page_limit",
            "ori_paging_stopped",
            "ori_events",
            "ori_events_deleted",
            "changes_only",
            "listed_in_full",
        ),
    ),
}


def supplier_facts(supplier: Supplier) -> SupplierFacts | None:
    """The row of a supplier Vindplaats harvests; None for one it does not (yet)."""
    return SUPPLIERS.get(supplier)


def harvested() -> str:
    """The harvested suppliers, for messages: "notubiz, gemeenteoplossingen, ..."."""
    return ", ".join(s.value for s in SUPPLIERS)
