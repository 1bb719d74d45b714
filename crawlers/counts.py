"""Every count name a crawl reports, in one place; spiders and downloader stages use these.

Records stored in a crawl are counted once per id under the plural of their record type
(`RECORD_COUNTS`, e.g. `persons`, `motions`); the other counts say what happened on the way.
`vindplaats.suppliers` lists which of them each supplier's crawl reports.
"""

from __future__ import annotations

# what the crawl read and where it went wrong
API_RESPONSES = "api_responses"  # API answers that could be used
ERRORS = "errors"  # error lines (the report keeps the first few)
REFUSED = "refused"  # requests the fetch guard refused
REPAIRED_LINKS = "repaired_links"  # links made usable (doubled host, no scheme, ...)
RETRY_AFTER_WAITS = "retry_after_waits"  # waits a supplier's Retry-After asked for

# what was skipped
SKIPPED_NON_PUBLIC = "skipped_non_public"  # confidential or "not public" answers
SKIPPED_BY_PATTERN = "skipped_by_pattern"  # iBabs: another municipality's meeting type
SKIPPED_INACTIVE = "skipped_inactive"  # GemeenteOplossingen: inactive meetings
SKIPPED_NON_AGENDA_ITEMS = "skipped_non_agenda_items"  # GemeenteOplossingen: no sortorder
SKIPPED_OUTSIDE_WINDOW = "skipped_outside_window"  # iBabs: register entries outside it

# paging and incremental runs
MEETING_PAGES = "meeting_pages"  # GemeenteOplossingen v2: pages of the meeting list read
MEETING_PAGES_ODD = "meeting_pages_odd"  # ... of which paged oddly by the server
MODIFIED_ITEMS = "modified_items"  # items changed after `modified_since` outside the window
MODIFIED_UNKNOWN = "modified_unknown"  # ... whose modification date could not be read
REREAD_FROM = "reread_from"  # iBabs: the older slice this run re-read (a yyyymmdd stamp)

# DiWoo sitemaps (Woo-index harvest protocol)
SITEMAP_INDEXES = "sitemap_indexes"  # sitemap index files read
SITEMAPS = "sitemaps"  # sitemaps read (each a part of an index, or listed in robots.txt)
SITEMAP_URLS = "sitemap_urls"  # <url> entries (documents) read from them
SITEMAP_URLS_REPEATED = "sitemap_urls_repeated"  # ... listed again (another sitemap); read once
LISTED_IN_FULL = "listed_in_full"  # 1: the source's whole listing was read (withdrawal may judge)
PREFIX_UNDECLARED = "diwoo_prefix_undeclared"  # files using diwoo: undeclared (read declared)
WITHOUT_METADATA = "documents_without_metadata"  # <url>s without diwoo metadata (full text only)
METADATA_WARNINGS = "metadata_warnings"  # parts of DiWoo metadata that could not be read
UNKNOWN_CODES = "unknown_codes"  # coded values whose code is not in its TOOI list (kept)
LASTMOD_MISSING = "lastmod_missing"  # <url>s without lastmod (re-fetched only when loc changes)
LASTMOD_MALFORMED = "lastmod_malformed"  # lastmods that are no W3C datetime (read if possible)

# the VNG ORI API (crawlers/ori.py)
ORI_PAGES = "ori_pages"  # collection pages read (following `next`)
ORI_PAGE_LIMIT = "ori_page_limit"  # collections cut at the page limit
ORI_PAGING_STOPPED = "ori_paging_stopped"  # paging stopped: a foreign, repeated or looping link
ORI_EVENTS = "ori_events"  # events read from the event-polling feed
ORI_EVENTS_DELETED = "ori_events_deleted"  # ... of which DELETE events (the record withdrawn)
CHANGES_ONLY = "changes_only"  # 1: the crawl read only what an event feed said had changed

# documents (download stage)
DOCUMENTS_DOWNLOADED = "documents_downloaded"
DOCUMENTS_UNCHANGED = "documents_unchanged"
BYTES_DOWNLOADED = "bytes_downloaded"
DOWNLOAD_FAILED = "download_failed"

# stored records, by record type
RECORD_COUNTS = {
    "organization": "organizations",
    "committee": "committees",
    "meeting": "meetings",
    "agenda_item": "agenda_items",
    "document": "documents",
    "register_entry": "register_entries",
    "person": "persons",
    "motion": "motions",
    "vote": "votes",
}
