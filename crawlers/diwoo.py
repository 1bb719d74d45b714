"""`DiwooSpider`: harvests one Woo publisher by the Woo-index harvest protocol (DiWoo sitemaps).

The source is registered with its site URL (`--supplier diwoo --base-url https://site`); a
`base_url` ending in `.xml` / `.xml.gz` is read as a sitemap (index) itself. Flow:
`<base_url>/robots.txt` (its `Sitemap:` lines; none, or no robots.txt at all, fails the crawl)
→ each file listed → what the file is decides what follows (`crawlers.diwoo_parse.read_listing`,
not its name): an index (`<sitemapindex>`, or `<urlset>` with `<sitemap>` children) → its
sitemaps; a sitemap (`<urlset>` or the `diwoo:Documents` root) → one Document per `<url>`:
`loc` (the file, downloaded and extracted by the house's stages), `lastmod`, `diwoo:Document`
(`Document.woo`). Indexes nest at most `MAX_DEPTH` files deep from robots.txt.

- Ids: a document is identified by its URL (`diwoo_parse.url_native`); a URL listed in several
  sitemaps is one document (`sitemap_urls_repeated`), read from the sighting with metadata,
  then with a lastmod, then from the first sitemap by URL, whatever order they arrive in.
- Re-fetching: a document's `version` is its `lastmod` as written, so the download stage fetches
  a file again only when its lastmod (or its URL) changed. Without a lastmod a file is fetched
  once (`lastmod_missing`); a lastmod that is no W3C datetime is counted (`lastmod_malformed`)
  and still read when it is a date at all (`2025-11-11 11:32:33`, Dutch time).
- Withdrawal: the listing has no dates to window, so every run reads it in full; a crawl that
  read every file it was led to without an error reports `listed_in_full`, and the harvest run
  then marks withdrawn the documents of the source it no longer saw
  (`vindplaats.harvest.withdraw`).
- Tolerance: each file is capped at `VINDPLAATS_MAX_SITEMAP_BYTES` (after gzip decompression);
  a file using `diwoo:` undeclared is read with the declaration added (`diwoo_prefix_undeclared`,
  a warning); what a file or a `<url>` makes unreadable is an error of that file or url, and the
  crawl goes on. Unknown TOOI codes (`unknown_codes`) and unreadable metadata parts
  (`metadata_warnings`) are counted, never fatal.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar
from urllib.parse import urljoin, urlsplit

from scrapy.http import Request, Response
from twisted.python.failure import Failure

from crawlers import counts
from crawlers import diwoo_parse as parse
from crawlers.base import BaseSupplierSpider
from crawlers.report import CrawlReport
from crawlers.sizes import too_large
from normalize.diwoo_reader import DiWooEntry
from normalize.records import Document, Supplier
from normalize.woo_metadata import unknown_codes
from vindplaats.settings import PREFIX, Settings
from vindplaats.sources import Source

Output = Iterator[Any]
MAX_DEPTH = 4  # robots.txt → index → (index →) sitemap; deeper is an error, never a loop
SITEMAP_SETTING = PREFIX + "MAX_SITEMAP_BYTES"
ACCEPT = "application/xml, text/xml;q=0.9, text/plain;q=0.8, */*;q=0.5"


class DiwooSpider(BaseSupplierSpider):
    name = "diwoo"
    supplier = Supplier.DIWOO
    api_headers: ClassVar[dict[str, str]] = {"Accept": ACCEPT}

    def __init__(self, source: Source, *args: Any, **kwargs: Any) -> None:
        super().__init__(source, *args, **kwargs)
        self.organization_id = self.record_id("organization", self.organization_native())
        self._requested: set[str] = set()
        self._organization = False
        self._site = _site_of(self.base_url)
        self._sightings: dict[str, tuple[bool, bool, str]] = {}

    @property
    def sitemap_cap(self) -> int:
        config = self.config
        if config is None:
            return int(Settings.model_fields["max_sitemap_bytes"].default)
        return config.max_sitemap_bytes

    # -- requests -----------------------------------------------------------------------------
    def first_requests(self) -> Iterator[Request]:
        if urlsplit(self.base_url).path.lower().endswith((".xml", ".xml.gz")):
            request = self.file_request(self.base_url, depth=1)
            if request is not None:
                yield request
            return
        yield self.api_request(
            f"{self.base_url}/robots.txt",
            self.parse_robots,
            errback=self.robots_failed,
            meta=self._cap_meta(),
        )

    def _cap_meta(self) -> dict[str, int]:
        cap = self.sitemap_cap
        return {"download_maxsize": cap, "download_warnsize": cap // 2}

    def file_request(self, url: str, depth: int) -> Request | None:
        """The request of a listed file (each URL once per crawl); None when already asked or
        when the listing nests deeper than `MAX_DEPTH` (an error)."""
        if url in self._requested:
            return None
        if depth > MAX_DEPTH:
            self.record_error(f"{url}: sitemap indexes nest more than {MAX_DEPTH} deep; not read")
            return None
        self._requested.add(url)
        return self.api_request(
            url,
            self.parse_file,
            errback=self.file_failed,
            cb_kwargs={"depth": depth},
            meta=self._cap_meta(),
        )

    def _describe(self, failure: Failure) -> str | None:
        request = getattr(failure, "request", None)
        oversized = too_large(failure.value, request, self.config) if request else None
        if oversized is not None:
            return (
                f"{oversized.url}: too large: over the cap of {self.sitemap_cap} bytes "
                f"({SITEMAP_SETTING}); not read"
            )
        return self.describe_failure(failure)

    def robots_failed(self, failure: Failure) -> None:
        message = self._describe(failure)
        url = failure.request.url  # type: ignore[attr-defined]
        self.fatal(
            f"robots.txt could not be read: {message or f'refused: {url}'} (a site without one: "
            "register its sitemap index's URL as the source's base_url)"
        )

    def file_failed(self, failure: Failure) -> None:
        message = self._describe(failure)
        if message is not None:
            self.record_error(f"sitemap not read: {message}")

    # -- robots.txt ---------------------------------------------------------------------------
    def parse_robots(self, response: Response) -> Output:
        urls = parse.sitemap_urls(response.body[: self.sitemap_cap], response.url)
        if not urls:
            self.fatal(f"robots.txt lists no Sitemap: lines: {response.url}")
            return
        self.counts[counts.API_RESPONSES] += 1
        yield from self._organization_once(response.url)
        for url in urls:
            request = self.file_request(url, depth=1)
            if request is not None:
                yield request

    def _organization_once(self, url: str) -> Output:
        if not self._organization:
            self._organization = True
            yield from self.organization_record(url)

    # -- indexes and sitemaps -----------------------------------------------------------------
    def parse_file(self, response: Response, depth: int) -> Output:
        try:
            listing = parse.read_listing(parse.unpack(response.body, self.sitemap_cap))
        except parse.SitemapError as exc:
            self.record_error(f"sitemap not read: {response.url}: {exc}")
            return
        self.counts[counts.API_RESPONSES] += 1
        yield from self._organization_once(response.url)
        if listing.prefix_added:
            self.counts[counts.PREFIX_UNDECLARED] += 1
            self.logger.warning("%s uses the diwoo: prefix undeclared; read", response.url)
        if listing.kind == "index":
            self.counts[counts.SITEMAP_INDEXES] += 1
            if listing.without_loc:
                self.record_error(f"{response.url}: {listing.without_loc} <sitemap> without loc")
            for part in listing.sitemaps:
                request = self.file_request(urljoin(response.url, part.loc), depth + 1)
                if request is not None:
                    yield request
            return
        self.counts[counts.SITEMAPS] += 1
        for entry in listing.entries:
            yield from self.url_entry(entry, response.url)

    def url_entry(self, entry: DiWooEntry, sitemap: str) -> Output:
        """One `<url>` of a sitemap: counted, checked, and yielded as a Document unless a
        sighting of the same URL that ranks better was (`_rank`)."""
        self.counts[counts.SITEMAP_URLS] += 1
        loc = self.clean_link(urljoin(sitemap, entry.loc)) if entry.loc else None
        if loc is None:
            problem = f"unusable loc {entry.loc!r}" if entry.loc else "no loc"
            self.record_error(f"{sitemap}: a <url> with {problem}; not read")
            return
        self._count_entry(entry, loc)
        self.see_modified(entry.lastmod_time)
        native = parse.url_native(loc, self._site)
        rank = _rank(entry, sitemap)
        best = self._sightings.get(native)
        if best is not None:
            self.counts[counts.SITEMAP_URLS_REPEATED] += 1
            if best <= rank:
                return
        self._sightings[native] = rank
        record = self.build(
            Document,
            native,
            **parse.document_fields(entry, loc),
            source_url=sitemap,
            organization_id=self.organization_id,
        )
        if record is not None:
            yield record

    def _count_entry(self, entry: DiWooEntry, loc: str) -> None:
        problem = parse.lastmod_problem(entry)
        if problem == "missing":
            self.counts[counts.LASTMOD_MISSING] += 1
        elif problem == "malformed":
            self.counts[counts.LASTMOD_MALFORMED] += 1
        if entry.metadata is None:
            self.counts[counts.WITHOUT_METADATA] += 1
        if entry.warnings:
            self.counts[counts.METADATA_WARNINGS] += len(entry.warnings)
            self.logger.info("%s: %s", loc, "; ".join(entry.warnings))
        unknown = unknown_codes(entry.metadata)
        if unknown:
            self.counts[counts.UNKNOWN_CODES] += len(unknown)

    # -- outcome ------------------------------------------------------------------------------
    def report(self) -> CrawlReport:
        listed = self.fatal_error is None and self.close_reason in (None, "finished")
        if listed and not self.counts[counts.ERRORS] and not self.counts[counts.REFUSED]:
            self.counts[counts.LISTED_IN_FULL] = 1
        return super().report()


def _rank(entry: DiWooEntry, sitemap: str) -> tuple[bool, bool, str]:
    """Which sighting of a URL listed in several sitemaps makes the record (lower wins): one
    with metadata, then one with a lastmod, then the first sitemap URL in sort order; so the
    record is the same whatever order the sitemaps arrive in."""
    return (entry.metadata is None, entry.lastmod is None, sitemap)


def _site_of(base_url: str) -> str:
    """The site a source's files are on: its base URL, without a sitemap file it names."""
    if urlsplit(base_url).path.lower().endswith((".xml", ".xml.gz")):
        return base_url.rsplit("/", 1)[0]
    return base_url
