"""`GET /api/export?format=csv|ndjson&<search parameters>`: the whole result set of a search as
a file, streamed.

The search parameters are those of `/api/search`, read by the same parser (`search_query`);
`size`, `cursor`, `facets` and `pages` are accepted, so the URL of any search page can be turned
into an export, and ignored: an export is always the whole result set from its first hit, in
the search's order, walked through the engine's cursor pages of 100 while the answer is sent
(memory stays flat however large it is). At most `VINDPLAATS_EXPORT_MAX_ROWS` rows: the result
set is counted before the first byte is sent, so the headers say what follows:
`X-Vindplaats-Total` (hits of the search) and `X-Vindplaats-Exported` (rows in this answer, the
total or the cap). An answer with fewer rows than `X-Vindplaats-Exported` was cut short (the
index changed or failed while it was sent).

One row per hit, in the columns of `COLUMNS`, always in this order (see docs/search.md):
links are absolute (on `VINDPLAATS_PUBLIC_BASE_URL` when set, else on the address asked);
`snippet` is the best page's snippet as plain text.

- `format=csv` (default): RFC 4180 (a header row, CRLF line ends, fields quoted where needed),
  UTF-8 with a byte order mark so spreadsheet programs read the accents; comma-separated, or
  `separator=semicolon` for spreadsheets set up for Dutch (which expect `;`). A text cell that
  a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab or carriage
  return) gets a leading `'`.
- `format=ndjson`: one JSON object per line with the same keys (empty values as null).
"""

from __future__ import annotations

import csv
import html
import io
import json
import logging
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote, urlencode

from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import StreamingResponse
from starlette.routing import Route

from search_api.errors import ParamError
from search_api.params import Param, parse_params
from search_api.routes_search import search_query
from search_api.services import Services, document_path, file_path, motion_path, services
from vindplaats.engine.base import Hit, SearchQuery, SearchResult
from vindplaats.errors import NotFound, QueryError, VindplaatsError

log = logging.getLogger("vindplaats.api")

PAGE_SIZE = 100  # hits per engine page while the export is walked
COLUMNS = (
    "id",
    "url",
    "api_url",
    "file_url",
    "original_url",
    "title",
    "organization",
    "source",
    "supplier",
    "date",
    "document_type",
    "document_type_label",
    "committee",
    "woo_category",
    "motion_result",
    "page_count",
    "best_page",
    "snippet",
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SEPARATORS = {"comma": ",", "semicolon": ";"}
MEDIA_TYPES = {"csv": "text/csv; charset=utf-8; header=present", "ndjson": "application/x-ndjson"}

EXPORT_PARAMS = (
    Param(
        "format",
        choices=("csv", "ndjson"),
        default="csv",
        description="csv: RFC 4180, UTF-8 with a byte order mark; ndjson: one JSON object per "
        "line. Both have the same columns (see docs/search.md).",
    ),
    Param(
        "separator",
        choices=tuple(SEPARATORS),
        default="comma",
        description="CSV only: the field separator; semicolon for spreadsheets set up for Dutch.",
    ),
)
OWN_NAMES = {p.name for p in EXPORT_PARAMS}
_TAG = re.compile(r"<[^>]*>")

Row = dict[str, str | int | None]


def _split_request(request: Request) -> tuple[dict[str, Any], Request]:
    """The export's own parameters, and the request as `/api/search` would read it."""
    pairs = request.query_params.multi_items()
    own = parse_params(EXPORT_PARAMS, QueryParams([(k, v) for k, v in pairs if k in OWN_NAMES]))
    rest = urlencode([(k, v) for k, v in pairs if k not in OWN_NAMES]).encode("ascii")
    return own, Request({**request.scope, "query_string": rest}, request.receive)


def base_url(svc: Services, request: Request) -> str:
    """Where links point: the public URL when one is configured, else the address asked."""
    return svc.settings.public_base_url or str(request.base_url).rstrip("/")


def hit_row(svc: Services, base: str, hit: Hit) -> Row:
    """One hit as an export row (the columns of `COLUMNS`)."""
    best = hit.pages[0] if hit.pages else None
    row: Row = {
        "id": hit.id,
        "title": hit.title,
        "organization": hit.organization,
        "source": hit.source_key,
        "supplier": hit.supplier,
        "date": hit.date.isoformat() if hit.date else None,
        "document_type": hit.document_type,
        "document_type_label": hit.document_type_label,
        "committee": hit.committee,
        "woo_category": hit.woo_category,
        "motion_result": hit.motion_result,
        "page_count": hit.page_count,
        "best_page": best.number if best else None,
        "snippet": plain_snippet(best.snippet) if best else None,
    }
    if hit.id.startswith("motion:"):
        row |= {
            "url": base + "/moties/" + quote(hit.id, safe=":"),
            "api_url": base + motion_path(hit.id),
            "file_url": None,
            "original_url": None,
        }
        return row
    row |= {
        "url": base + "/documenten/" + quote(hit.id, safe=":"),
        "api_url": base + document_path(hit.id),
        "file_url": None,
        "original_url": None,
    }
    try:
        state = svc.store.get_document_state(hit.id)
    except NotFound:
        return row
    row["original_url"] = state.original_url
    if state.download_status == "ok" and state.sha256 is not None:
        row["file_url"] = base + file_path(hit.id)
    return row


def plain_snippet(snippet: str) -> str:
    """An engine snippet (escaped text with `<mark>` around matches) as plain text."""
    return html.unescape(_TAG.sub("", snippet))


def csv_safe(value: str | int | None) -> str:
    """A cell's text; text a spreadsheet would run as a formula is quoted with `'`."""
    if value is None:
        return ""
    if isinstance(value, int):
        return str(value)
    return "'" + value if value.startswith(FORMULA_STARTS) else value


class CsvLines:
    """Rows as RFC 4180 CSV text (CRLF line ends), the header first, after a byte order mark."""

    def __init__(self, separator: str) -> None:
        self._buffer = io.StringIO()
        self._writer = csv.writer(self._buffer, delimiter=separator, lineterminator="\r\n")

    def header(self) -> bytes:
        self._writer.writerow(COLUMNS)
        return ("\ufeff" + self._take()).encode("utf-8")

    def rows(self, rows: list[Row]) -> bytes:
        self._writer.writerows([[csv_safe(row[c]) for c in COLUMNS] for row in rows])
        return self._take().encode("utf-8")

    def _take(self) -> str:
        text = self._buffer.getvalue()
        self._buffer.seek(0)
        self._buffer.truncate()
        return text


def ndjson_rows(rows: list[Row]) -> bytes:
    return "".join(
        json.dumps({c: row[c] for c in COLUMNS}, ensure_ascii=False) + "\n" for row in rows
    ).encode("utf-8")


def _pages(
    svc: Services, query: SearchQuery, first: SearchResult, limit: int
) -> Iterator[list[Hit]]:
    """The hits of the result set, page by page from `first`, `limit` at most."""
    left, result = limit, first
    while True:
        hits = result.hits[:left]
        if hits:
            yield hits
        left -= len(hits)
        if left <= 0 or not result.next_cursor or not result.hits:
            return
        result = svc.engine.search(query.model_copy(update={"cursor": result.next_cursor}))


def _body(
    svc: Services,
    base: str,
    own: dict[str, Any],
    query: SearchQuery,
    first: SearchResult,
    limit: int,
) -> Iterator[bytes]:
    lines = CsvLines(SEPARATORS[own["separator"]]) if own["format"] == "csv" else None
    if lines is not None:
        yield lines.header()
    try:
        for hits in _pages(svc, query, first, limit):
            rows = [hit_row(svc, base, hit) for hit in hits]
            yield lines.rows(rows) if lines is not None else ndjson_rows(rows)
    except VindplaatsError as exc:  # the headers are sent: the answer can only end short
        log.warning("export cut short: %s", exc)


def export(request: Request) -> StreamingResponse:
    own, search_request = _split_request(request)
    query = search_query(search_request).model_copy(
        update={"size": PAGE_SIZE, "cursor": None, "facets": False, "pages_per_hit": 1}
    )
    svc = services(request)
    try:
        first = svc.engine.search(query)
    except QueryError as exc:
        raise ParamError("q", f"the search cannot be run: {exc}") from None
    limit = min(first.total, svc.settings.export_max_rows)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    headers = {
        "Content-Disposition": f'attachment; filename="vindplaats-export-{stamp}.{own["format"]}"',
        "X-Vindplaats-Total": str(first.total),
        "X-Vindplaats-Exported": str(limit),
        "Cache-Control": "no-store",
    }
    return StreamingResponse(
        _body(svc, base_url(svc, request), own, query, first, limit),
        media_type=MEDIA_TYPES[own["format"]],
        headers=headers,
    )


routes = [Route("/api/export", export, methods=["GET"], name="export")]
