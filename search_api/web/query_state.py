"""The search page's state, read from and written to its URL: every view is a permalink.

The page takes the same query parameters as `/api/search` (`search_api.routes_search`), read by
the same parser, plus `pagina` (the number of the page shown, for "Pagina 2"). A GET form sends
empty fields (`date_from=`, `sort=`); those count as left out here, so an empty date box is no
error. Other parameters (a shared link's `utm_source`, `fbclid`) are ignored, not refused as the
API refuses them, and not carried on. Links that change one thing (a facet value, a filter
removed, the next page) are built from the current state, so they keep everything else.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from starlette.requests import Request

from search_api.routes_search import SEARCH_PARAMS

PAGE_PATH = "/"
PAGE_PARAM = "pagina"  # the page's own: which result page is shown (display only)
DISPLAY_PARAMS = ("size", "pages", "facets")
KNOWN = frozenset(p.name for p in SEARCH_PARAMS) | {PAGE_PARAM}
# Year filtering: the API's `year` parameter where it has one, else a date range of one year.
HAS_YEAR_PARAM = any(p.name == "year" for p in SEARCH_PARAMS)
MAX_PAGE_NUMBER = 10_000
MAX_PAGE_SIZE = 50  # hits per page at most: a page stays well under 100 KB
# The order parameters are written in, so one view has one URL however it was reached.
ORDER = (
    *("q", "organization", "document_type", "committee", "woo_category", "year", "motion_result"),
    *("supplier", "source", "publisher", "woo_document_type", "woo_theme", "woo_judgement"),
    *("woo_ground", "date_from", "date_to", "sort", "size", "pages", "facets"),
    *("cursor", PAGE_PARAM),
)
RANK = {name: rank for rank, name in enumerate(ORDER)}

Pairs = tuple[tuple[str, str], ...]


def _rank(pair: tuple[str, str]) -> int:
    return RANK.get(pair[0], len(ORDER) - 2)  # an unknown name before paging


@dataclass(frozen=True)
class QueryState:
    """The search as the URL gives it: `pairs` without paging, `cursor` and page number apart."""

    pairs: Pairs
    cursor: str | None = None
    page_number: int = 1

    @classmethod
    def from_request(cls, request: Request) -> QueryState:
        pairs: list[tuple[str, str]] = []
        cursor: str | None = None
        page_number = 1
        for name, value in request.query_params.multi_items():
            if not value.strip() or name not in KNOWN:
                continue  # an empty form field is left out, and so is a link's tracking tag
            if name == "cursor":
                cursor = value
            elif name == PAGE_PARAM:
                page_number = int(value) if value.isdigit() else 1
            else:
                pairs.append((name, value))
        page_number = min(max(page_number, 1), MAX_PAGE_NUMBER) if cursor else 1
        return cls(tuple(pairs), cursor, page_number)

    def values(self, name: str) -> list[str]:
        return [v for k, v in self.pairs if k == name]

    def first(self, name: str) -> str:
        found = self.values(name)
        return found[0] if found else ""

    @property
    def query(self) -> str:
        return self.first("q").strip()

    def api_pairs(self) -> Pairs:
        """The parameters the API parser reads: without a query and without a chosen order the
        newest come first (relevance means nothing without words)."""
        pairs = [(k, v) for k, v in self.pairs if k != "size"]
        size = self.first("size")
        if size:  # the page shows at most MAX_PAGE_SIZE hits (it stays small); the API checks it
            too_many = size.isdigit() and int(size) > MAX_PAGE_SIZE
            pairs.append(("size", str(MAX_PAGE_SIZE) if too_many else size))
        if not self.query and not self.values("sort"):
            pairs.append(("sort", "date_desc"))
        if self.cursor:
            pairs.append(("cursor", self.cursor))
        return tuple(pairs)

    def api_request(self, request: Request) -> Request:
        """`request` with the query string the API parser should read."""
        query_string = urlencode(self.api_pairs()).encode("ascii")
        return Request({**request.scope, "query_string": query_string}, request.receive)

    def url(self, pairs: Pairs | None = None, path: str = PAGE_PATH) -> str:
        """The URL of `pairs` (default: this search, first page) on `path`."""
        chosen = sorted(self.pairs if pairs is None else pairs, key=_rank)
        return path + ("?" + urlencode(chosen) if chosen else "")

    def without(self, name: str, value: str | None = None) -> str:
        """This search with `name` removed (only `value` when given), from the first page."""
        return self.url(
            tuple((k, v) for k, v in self.pairs if k != name or (value is not None and v != value))
        )

    def without_all(self, names: tuple[str, ...]) -> str:
        return self.url(tuple((k, v) for k, v in self.pairs if k not in names))

    def adding(self, name: str, value: str) -> str:
        return self.url((*self.pairs, (name, value)))

    def replacing(self, changes: dict[str, str]) -> str:
        """This search with each named parameter set to one value, from the first page."""
        kept = tuple((k, v) for k, v in self.pairs if k not in changes)
        return self.url(kept + tuple(changes.items()))

    def next_page(self, cursor: str) -> str:
        pairs = (*self.pairs, ("cursor", cursor), (PAGE_PARAM, str(self.page_number + 1)))
        return self.url(pairs)

    def search_pairs(self) -> Pairs:
        """The search itself, without how this page shows it (page size, pages per hit)."""
        return tuple((k, v) for k, v in self.pairs if k not in DISPLAY_PARAMS)

    def feed_url(self) -> str:
        return self.url(self.search_pairs(), path="/feed.atom")

    def export_url(self, fmt: str) -> str:
        """The export of this search in the order the page shows it (newest first without words
        and without a chosen order)."""
        pairs = list(self.search_pairs())
        if not self.query and not self.values("sort"):
            pairs.append(("sort", "date_desc"))
        return "/api/export?" + urlencode((("format", fmt), *sorted(pairs, key=_rank)))

    def hidden_fields(self, form_fields: tuple[str, ...]) -> Pairs:
        """What the search form carries unseen: every parameter it has no field for."""
        return tuple((k, v) for k, v in self.pairs if k not in form_fields)
