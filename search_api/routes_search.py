"""`GET /api/search`: full-text search over all documents, grouped per document with page hits."""

from __future__ import annotations

from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from normalize.doctypes import DocType
from normalize.doctypes import label_of as doctype_label
from normalize.grounds import GROUNDS
from normalize.inventory_values import Judgement
from normalize.records import MotionResult
from normalize.woo_categories import WooCategory
from normalize.woo_categories import label_of as woo_label
from search_api.errors import ParamError
from search_api.params import Param, parse_params
from search_api.schemas import (
    FacetCount,
    HitLinks,
    PageSnippet,
    SearchHit,
    SearchResponse,
    dump,
)
from search_api.services import Services, document_path, file_path, motion_path, services
from vindplaats.engine.base import MAX_PAGE_SIZE, Filters, Hit, SearchQuery
from vindplaats.errors import NotFound, QueryError

# Room for an Elasticsearch cursor: base64url JSON of a point-in-time id and the last hit's key.
MAX_CURSOR_LENGTH = 4096
CURSOR_PATTERN = r"^[A-Za-z0-9_-]*$"  # base64url without padding, as `next_cursor` is written
YEAR_PATTERN = r"^([0-9]{4})?$"  # empty: not given, as other text
DATE_NOTE = (
    " Any valid date from 0001-01-01 to 9999-12-31 (the embedded index holds dates"
    " 1678-01-01..2262-01-01: a bound beyond them keeps every dated document, or none)."
)

SEARCH_PARAMS = (
    Param(
        "q",
        description='Query: words (all must match), "phrases", -exclude, a | b, prefix*. '
        "Empty matches every document. Invalid syntax is read as plain words.",
        default="",
    ),
    Param(
        "organization",
        repeated=True,
        description="Organisation, by name or key, in any case: `Gemeente Oosterproef`, "
        "`oosterproef` (the source key) and `OOSTERPROEF` are the same; a leading `Gemeente` "
        "does not count, `Provincie` does. Repeat for OR.",
    ),
    Param("supplier", repeated=True, description="Supplier system; repeat for OR."),
    Param(
        "document_type",
        repeated=True,
        description="Controlled document type: a value (`ingekomen_stuk`), its label "
        "(`Ingekomen stuk`) or a name of it (`moties`, `Ingekomen stukken`), in any case; a "
        "value that names no type matches nothing. Values: "
        + ", ".join(t.value for t in DocType)
        + ". Repeat for OR.",
    ),
    Param(
        "woo_category",
        repeated=True,
        choices=tuple(c.value for c in WooCategory),
        description="Woo information category by its article (3.3.2c vergaderstukken "
        "decentrale overheden, 3.3.2a ingekomen stukken, ...); repeat for OR.",
    ),
    Param(
        "publisher",
        repeated=True,
        description="Publisher, by name in any case as `organization` reads names "
        "(`gemeente Amsterdam` = `amsterdam`) or by TOOI URI "
        "(`https://identifier.overheid.nl/tooi/id/gemeente/gm0363`): a Woo publication's DiWoo "
        "publisher, a council record's organisation. Repeat for OR.",
    ),
    Param(
        "woo_document_type",
        repeated=True,
        description="TOOI documentsoort, by label in any case or URI (`advies`, `besluit`, "
        "`brief`): a Woo publication's DiWoo documentsoorten; a council record has the TOOI "
        "documentsoort of its document type (`motie`, `vergaderstuk`, ...). Repeat for OR.",
    ),
    Param(
        "woo_theme",
        repeated=True,
        description="TOOI theme of a Woo publication, by label in any case or URI (`afval`, "
        "`ruimtelijke ordening`); repeat for OR.",
    ),
    Param(
        "woo_judgement",
        repeated=True,
        choices=tuple(j.value for j in Judgement),
        description="Judgement of the document in its Woo-besluit's inventory list; repeat for OR.",
    ),
    Param(
        "woo_ground",
        repeated=True,
        description="Refusal ground named for the document in its Woo-besluit's inventory list, "
        "in any spelling (`5.1.2e`, `5.1.2 e`, `artikel 10, lid 2, sub e`); text that names no "
        "ground matches nothing. Repeat for OR.",
    ),
    Param(
        "committee",
        repeated=True,
        description="Committee, by name in any case, spaces or dashes alike "
        "(`commissie-ruimte` = `Commissie Ruimte`); repeat for OR.",
    ),
    Param(
        "motion_result",
        repeated=True,
        choices=tuple(r.value for r in MotionResult),
        description="Motions with this result; repeat for OR. Documents have no result.",
    ),
    Param("source", repeated=True, description="Source key; repeat for OR."),
    Param(
        "date_from",
        kind="date",
        description="Documents dated on or after (YYYY-MM-DD); not after date_to." + DATE_NOTE,
    ),
    Param(
        "date_to",
        kind="date",
        description="Documents dated on or before (YYYY-MM-DD)." + DATE_NOTE,
    ),
    Param(
        "year",
        repeated=True,
        pattern=YEAR_PATTERN,
        max_length=4,
        description="Documents dated in this year (four digits, `2026`), as the `year` facet "
        "counts them; repeat for OR. Undated documents have no year.",
    ),
    Param(
        "sort",
        choices=("relevance", "date_desc", "date_asc", "added_desc"),
        default="relevance",
        description="Order over the whole result set: relevance, date (newest or oldest first; "
        "undated documents sort last) or `added_desc`, the records first harvested most "
        "recently first (whatever their own date; ties by id).",
    ),
    Param(
        "size",
        kind="integer",
        minimum=1,
        maximum=MAX_PAGE_SIZE,
        default=20,
        description="Documents per page.",
    ),
    Param(
        "cursor",
        max_length=MAX_CURSOR_LENGTH,
        pattern=CURSOR_PATTERN,
        description="Opaque cursor from `next_cursor` of the previous page of the same search "
        "(same q, filters and sort); any other value is refused.",
    ),
    Param("facets", kind="boolean", default=True, description="Include facet counts."),
    Param(
        "pages",
        kind="integer",
        minimum=0,
        maximum=10,
        default=3,
        description="Best matching pages returned per document.",
    ),
)


def search_query(request: Request) -> SearchQuery:
    values = parse_params(SEARCH_PARAMS, request.query_params)
    cursor = values["cursor"]
    if values["date_from"] and values["date_to"] and values["date_from"] > values["date_to"]:
        raise ParamError("date_from", "date_from is after date_to")
    filters = Filters(
        organization=values["organization"],
        supplier=values["supplier"],
        document_type=values["document_type"],
        woo_category=values["woo_category"],
        publisher=values["publisher"],
        woo_document_type=values["woo_document_type"],
        woo_theme=values["woo_theme"],
        woo_judgement=values["woo_judgement"],
        woo_ground=values["woo_ground"],
        committee=values["committee"],
        motion_result=values["motion_result"],
        source_key=values["source"],
        year=values["year"],
        date_from=values["date_from"],
        date_to=values["date_to"],
    )
    return SearchQuery(
        q=values["q"].strip(),
        filters=filters,
        sort=values["sort"],
        size=values["size"],
        cursor=cursor,
        facets=values["facets"],
        pages_per_hit=values["pages"],
    )


def _original_url(svc: Services, doc_id: str) -> str | None:
    try:
        return svc.store.get_document_state(doc_id).original_url
    except NotFound:
        return None


def _links(svc: Services, hit: Hit) -> HitLinks:
    if hit.id.startswith("motion:"):
        return HitLinks(self=motion_path(hit.id), file=None, original=None, pages=[])
    original = _original_url(svc, hit.id)
    page_links = [f"{original}#page={p.number}" for p in hit.pages] if original else []
    return HitLinks(
        self=document_path(hit.id), file=file_path(hit.id), original=original, pages=page_links
    )


def _hit(svc: Services, hit: Hit) -> SearchHit:
    return SearchHit(
        id=hit.id,
        title=hit.title,
        organization=hit.organization,
        date=hit.date,
        added=hit.added,
        document_type=hit.document_type,
        document_type_label=hit.document_type_label,
        woo_category=hit.woo_category,
        committee=hit.committee,
        motion_result=hit.motion_result,
        supplier=hit.supplier,
        source=hit.source_key,
        score=hit.score,
        page_count=hit.page_count,
        pages=[PageSnippet(number=p.number, snippet=p.snippet) for p in hit.pages],
        links=_links(svc, hit),
    )


def _label(facet: str, value: str) -> str | None:
    """The label of a controlled value (document types, Woo categories, refusal grounds);
    None elsewhere."""
    if facet == "document_type":
        return doctype_label(value)
    if facet == "woo_category":
        return woo_label(value)
    if facet == "woo_ground":
        ground = GROUNDS.get(value)
        return ground.label if ground is not None else None
    return None


def _page_url(request: Request, cursor: str | None) -> str:
    """This search at `cursor` (None: its first page), same path and other parameters."""
    pairs = [(k, v) for k, v in request.query_params.multi_items() if k != "cursor"]
    if cursor is not None:
        pairs.append(("cursor", cursor))
    return request.url.path + ("?" + urlencode(pairs) if pairs else "")


def _next_url(request: Request, cursor: str) -> str:
    return _page_url(request, cursor)


def link_header(request: Request, next_cursor: str | None) -> str:
    """The `Link` header (RFC 8288) of a page: its first page, and the next one if any."""
    links = [f'<{_page_url(request, None)}>; rel="first"']
    if next_cursor is not None:
        links.append(f'<{_page_url(request, next_cursor)}>; rel="next"')
    return ", ".join(links)


def search(request: Request) -> JSONResponse:
    query = search_query(request)
    svc = services(request)
    try:
        result = svc.engine.search(query)
    except QueryError as exc:  # the engine refuses only cursors it did not issue
        raise ParamError("cursor", f"cursor is malformed: {exc}") from None
    body = SearchResponse(
        total=result.total,
        hits=[_hit(svc, hit) for hit in result.hits],
        facets={
            name: [
                FacetCount(value=f.value, count=f.count, label=_label(name, f.value))
                for f in values
            ]
            for name, values in result.facets.items()
        },
        next_cursor=result.next_cursor,
        next=_next_url(request, result.next_cursor) if result.next_cursor else None,
    )
    return JSONResponse(dump(body), headers={"Link": link_header(request, result.next_cursor)})


routes = [Route("/api/search", search, methods=["GET"], name="search")]
