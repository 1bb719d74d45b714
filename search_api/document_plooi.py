"""`GET /api/documents/{id}?format=plooi`: the document in PLOOI's JSON model.

The metadata is the DiWoo metadata the Woo-index export writes for it (`vindplaats.woo`); the
file's `url` is its direct link in the export when the export is served
(`VINDPLAATS_PUBLIC_BASE_URL`) and lists it, else the API's own `/api/documents/{id}/file`.
An organisation without a known TOOI URI gives a publisher by name only (`id` null).
"""

from __future__ import annotations

from starlette.responses import JSONResponse

from normalize.records import Document, DownloadStatus
from normalize.woo_metadata import Coded
from search_api.services import Services, file_path
from vindplaats.agenda_types import AgendaTypes
from vindplaats.errors import ConfigError, NotFound
from vindplaats.woo.council_diwoo import map_document
from vindplaats.woo.export import organisation_publisher
from vindplaats.woo.export_layout import absolute
from vindplaats.woo.export_layout import file_path as export_path
from vindplaats.woo.export_plooi import plooi_document

FORMATS = ("json", "plooi")


def _publisher(svc: Services, doc: Document) -> Coded | None:
    try:
        source = svc.store.get_source(doc.source_key)
    except NotFound:
        return None
    try:
        return organisation_publisher(svc.store, source)
    except ConfigError:
        return Coded.of("organisaties", label=source.name)


def plooi_response(svc: Services, doc: Document) -> JSONResponse:
    state = svc.store.get_document_state(doc.id)
    mapped = map_document(AgendaTypes(svc.store).apply(doc), state, _publisher(svc, doc))
    url: str | None = None
    base = svc.settings.public_base_url
    if mapped.exportable and mapped.file_type is not None and base:
        url = absolute(f"{base}/woo/{doc.source_key}", export_path(doc, mapped.file_type))
    elif state.download_status == DownloadStatus.OK and state.sha256 is not None:
        url = file_path(doc.id) if svc.blobs.exists(state.sha256) else None
    return JSONResponse(plooi_document(mapped, state, url))


__all__ = ["FORMATS", "plooi_response"]
