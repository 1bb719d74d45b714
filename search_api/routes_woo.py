"""The Woo-index export served per organisation: `/woo/{organisation}/...`.

- `robots.txt` (text/plain) with a `Sitemap:` line per information category;
- `sitemapindex-diwoo-infocatNNN.xml` (one route per category) and the sitemaps
  `sitemaps/infocatNNN-00001.xml` ... (application/xml), read from the export
  `vindplaats.woo.export_cache` keeps for the store's current state;
- `documenten/{document}/{name}`: the stored original, the direct file link each `<loc>` names.

Every link is absolute on `VINDPLAATS_PUBLIC_BASE_URL`; without it, an unknown organisation, an
unknown category or sitemap, or a file the export does not list, the answer is a 404 JSON error.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse
from starlette.routing import Route

from normalize.ids import make_id
from normalize.records import Document
from normalize.woo_categories import WooCategory
from search_api.params import parse_params
from search_api.ranges import OriginalFile, stored_original
from search_api.services import Services, services
from vindplaats.errors import NotFound
from vindplaats.woo.council_diwoo import map_document
from vindplaats.woo.export import organisation_publisher
from vindplaats.woo.export_cache import public_root, served_export, served_source
from vindplaats.woo.export_layout import (
    ROBOTS,
    SITEMAP_DIR,
    category_code,
    file_name,
    index_name,
    native_of,
)

XML = "application/xml"
_SITEMAP_NAME = re.compile(r"^infocat[A-Za-z0-9.-]*-[0-9]{5}\.xml$")


def _export_file(svc: Services, organisation: str, relative: str, shown: str) -> Path:
    root = served_export(svc.store, svc.blobs, svc.settings, organisation)
    path = root / relative
    if not path.is_file():
        raise NotFound(f"the Woo-index export of {organisation!r} has no {shown}")
    return path


def robots(request: Request) -> FileResponse:
    parse_params((), request.query_params)
    organisation = request.path_params["organisation"]
    path = _export_file(services(request), organisation, ROBOTS, ROBOTS)
    return FileResponse(path, media_type="text/plain; charset=utf-8")


def _index_endpoint(category: WooCategory) -> Callable[[Request], FileResponse]:
    name = index_name(category)

    def sitemap_index(request: Request) -> FileResponse:
        parse_params((), request.query_params)
        organisation = request.path_params["organisation"]
        path = _export_file(services(request), organisation, name, name)
        return FileResponse(path, media_type=XML)

    return sitemap_index


def sitemap(request: Request) -> FileResponse:
    parse_params((), request.query_params)
    organisation, name = request.path_params["organisation"], request.path_params["name"]
    if not _SITEMAP_NAME.match(name) or ".." in name:
        raise NotFound(f"no sitemap {name!r}")
    relative = f"{SITEMAP_DIR}/{name}"
    return FileResponse(
        _export_file(services(request), organisation, relative, relative), media_type=XML
    )


def document_file(request: Request) -> OriginalFile:
    """The original a `<loc>` links to, if the export lists it under exactly this name."""
    parse_params((), request.query_params)
    svc = services(request)
    organisation = request.path_params["organisation"]
    segment, name = request.path_params["document"], request.path_params["name"]
    public_root(svc.settings, organisation)
    source = served_source(svc.store, organisation)
    native = native_of(segment)
    missing = NotFound(f"the Woo-index export of {organisation!r} has no file {segment}/{name}")
    if native is None:
        raise missing
    try:
        doc_id = make_id("document", source.supplier.value, source.key, native)
        record = svc.store.get_record(doc_id)
    except (ValueError, NotFound):
        raise missing from None
    if not isinstance(record, Document) or record.id in svc.store.taken_down_ids():
        raise missing
    state = svc.store.get_document_state(record.id)
    mapped = map_document(record, state, organisation_publisher(svc.store, source))
    if not mapped.exportable or mapped.file_type is None or state.sha256 is None:
        raise missing
    if file_name(record, mapped.file_type) != name:
        raise missing
    served = stored_original(svc.blobs.path(state.sha256), mapped.file_type.media_type, name)
    if served is None:
        raise missing
    return served


routes = [
    Route("/woo/{organisation}/robots.txt", robots, methods=["GET"], name="woo_robots"),
    Route("/woo/{organisation}/sitemaps/{name}", sitemap, methods=["GET"], name="woo_sitemap"),
    Route(
        "/woo/{organisation}/documenten/{document}/{name}",
        document_file,
        methods=["GET"],
        name="woo_file",
    ),
    *(
        Route(
            f"/woo/{{organisation}}/{index_name(category)}",
            _index_endpoint(category),
            methods=["GET"],
            name=f"woo_index_{category_code(category)}",
        )
        for category in WooCategory
    ),
]
