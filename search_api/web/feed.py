"""`GET /feed.atom?<search parameters>`: a search to follow, as an Atom 1.0 feed.

Takes exactly the parameters of `/api/search` (checked the same way: a bad one is a 400 with the
API's JSON error) and lists the `FEED_SIZE` records of that search first harvested most
recently, newest first (`sort=added_desc`, whatever `sort`, `size` or `cursor` say), so a feed
reader sees a document a re-harvest added first, whatever its own date. Each entry links to the
record's page in the web interface (`/documenten/{id}`, a motion `/moties/{id}`), with the
plain text of its best snippet (or a line saying what it is) as summary and its document type
as category; `updated` is when it was first harvested, `published` its own date. Links are
absolute, on `VINDPLAATS_PUBLIC_BASE_URL` when set, else on the address asked. The XML itself is
written by `search_api.web.atom`.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from urllib.parse import quote, urlencode

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from normalize.dates import AMSTERDAM
from normalize.doctypes import label_of
from search_api.routes_search import search_query
from search_api.services import services
from search_api.web.atom import Entry, Feed, feed_xml, record_id, search_id
from vindplaats.engine.base import Filters, Hit

FEED_SIZE = 50
MEDIA_TYPE = "application/atom+xml; charset=utf-8"
AUTHOR = "Vindplaats"
NO_TIME = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)  # neither harvest time nor date known
_MARK = re.compile(r"</?mark>")
# How the title names each filter, in this order.
FILTER_NAMES = {
    "organization": "organisatie",
    "document_type": "soort",
    "committee": "commissie",
    "year": "jaar",
    "woo_category": "Woo-categorie",
    "motion_result": "uitslag",
    "publisher": "publicerende organisatie",
    "woo_document_type": "documentsoort",
    "woo_theme": "thema",
    "woo_judgement": "oordeel",
    "woo_ground": "weigeringsgrond",
    "supplier": "leverancier",
    "source_key": "bron",
}


def base_url(request: Request) -> str:
    """Where links point: the public URL when configured, else the address asked."""
    public = services(request).settings.public_base_url
    return (public or str(request.base_url)).rstrip("/")


def feed_title(q: str, filters: Filters) -> str:
    """`Vindplaats: zoekopdracht “begroting” (organisatie: Delft; jaar: 2024)`."""
    words = f"“{' '.join(q.split())}”" if q.strip() else "alle documenten"
    parts = [
        f"{label}: {', '.join(values)}"
        for name, label in FILTER_NAMES.items()
        if (values := getattr(filters, name))
    ]
    if filters.date_from:
        parts.append(f"vanaf {filters.date_from.isoformat()}")
    if filters.date_to:
        parts.append(f"tot en met {filters.date_to.isoformat()}")
    return f"Vindplaats: zoekopdracht {words}" + (f" ({'; '.join(parts)})" if parts else "")


def record_url(base: str, hit: Hit) -> str:
    kind = "moties" if hit.id.startswith("motion:") else "documenten"
    return f"{base}/{kind}/{quote(hit.id, safe=':')}"


def plain_text(snippet: str) -> str:
    """A snippet (escaped HTML with `<mark>`) as plain text."""
    return " ".join(html.unescape(_MARK.sub("", snippet)).split())


def _summary(hit: Hit, type_label: str | None) -> str:
    if hit.pages and (text := plain_text(hit.pages[0].snippet)):
        return text
    facts = [hit.organization, type_label or hit.document_type_label or ""]
    if hit.date is not None:
        facts.append(hit.date.isoformat())
    return ", ".join(f for f in facts if f)


def entry_of(base: str, hit: Hit) -> Entry:
    published = None
    if hit.date is not None:
        published = dt.datetime(hit.date.year, hit.date.month, hit.date.day, tzinfo=AMSTERDAM)
    type_label = label_of(hit.document_type) if hit.document_type else None
    return Entry(
        id=record_id(hit.id),
        title=hit.title,
        updated=hit.added or published or NO_TIME,
        published=published,
        link=record_url(base, hit),
        summary=_summary(hit, type_label),
        category=hit.document_type,
        category_label=type_label,
    )


def feed(request: Request) -> Response:
    query = search_query(request)  # a bad parameter: the API's 400
    wanted = query.model_copy(
        update={"sort": "added_desc", "size": FEED_SIZE, "cursor": None, "facets": False,
                "pages_per_hit": 1}
    )  # fmt: skip
    result = services(request).engine.search(wanted)
    base = base_url(request)
    given = urlencode(request.query_params.multi_items())
    suffix = f"?{given}" if given else ""
    entries = [entry_of(base, hit) for hit in result.hits]
    document = Feed(
        id=search_id(query.q, query.filters),
        title=feed_title(query.q, query.filters),
        subtitle=f"De {FEED_SIZE} laatst toegevoegde resultaten, nieuwste eerst.",
        updated=max((e.updated for e in entries), default=dt.datetime.now(dt.UTC)),
        self_link=f"{base}/feed.atom{suffix}",
        alternate_link=f"{base}/{suffix}",
        author=AUTHOR,
        entries=entries,
    )
    return Response(feed_xml(document), media_type=MEDIA_TYPE)


routes = [Route("/feed.atom", feed, methods=["GET"], name="feed")]
