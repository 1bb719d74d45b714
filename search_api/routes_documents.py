"""`GET /api/documents/{id}` (metadata, state, text, context) and `/api/documents/{id}/file`."""

from __future__ import annotations

import re
import unicodedata

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from normalize.records import (
    AgendaItem,
    Committee,
    Document,
    Dossier,
    DownloadStatus,
    Meeting,
    Organization,
    RegisterEntry,
)
from search_api.document_plooi import plooi_response
from search_api.http_cache import (
    FILE_CACHE_CONTROL,
    conditional,
    etag_matches,
    file_etag,
    not_modified,
)
from search_api.openapi_woo import DOCUMENT_PARAMS
from search_api.params import parse_params
from search_api.ranges import stored_original
from search_api.schemas import (
    DocumentContext,
    DocumentDetail,
    DocumentLinks,
    DocumentRef,
    DossierRef,
    DownloadInfo,
    ExtractionInfo,
    PageText,
    Ref,
    RegisterEntryRef,
    dump,
)
from search_api.services import (
    Services,
    checked_id,
    document_path,
    dossier_path,
    file_path,
    services,
)
from vindplaats.agenda_types import AgendaTypes
from vindplaats.errors import NotFound
from vindplaats.privacy.takedowns import check_shown
from vindplaats.store.models import DocumentState

_MEDIA_TYPE = re.compile(r"^[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*$")
_UNSAFE_NAME_CHARS = re.compile(r"[^A-Za-z0-9._() -]+")


def load_document(svc: Services, raw_id: str) -> Document:
    doc_id = checked_id(raw_id, "document")
    record = svc.store.get_record(doc_id)
    if not isinstance(record, Document):
        raise NotFound(f"no document with id {doc_id!r}")
    check_shown(svc.store, doc_id)  # a taken-down document: 410
    return record


def stored_document(svc: Services, doc_id: str) -> Document | None:
    """The stored document of that id; None when the store holds none."""
    try:
        record = svc.store.get_record(doc_id)
    except NotFound:
        return None
    return record if isinstance(record, Document) else None


def document_ref(svc: Services, doc_id: str, known: Document | None = None) -> DocumentRef:
    """A reference to a document: its title and links (`known`: the document when at hand)."""
    return ref_of(doc_id, known if known is not None else stored_document(svc, doc_id))


def ref_of(doc_id: str, doc: Document | None) -> DocumentRef:
    """The reference to `doc` (None: a document the store does not hold, without a title and an
    original)."""
    return DocumentRef(
        id=doc_id,
        title=doc.title if doc else None,
        links=DocumentLinks(
            self=document_path(doc_id),
            file=file_path(doc_id),
            original=doc.original_url if doc else None,
        ),
    )


def name_of(svc: Services, record_id: str | None) -> Ref | None:
    if record_id is None:
        return None
    try:
        record = svc.store.get_record(record_id)
    except NotFound:
        return Ref(id=record_id, name=None)
    name: str | None = None
    if isinstance(record, (Organization, Committee, Meeting, AgendaItem)):
        name = record.name
    return Ref(id=record_id, name=name)


def register_entry_ref(entry: RegisterEntry) -> RegisterEntryRef:
    """A register entry as documents and meetings show it: its name and its type."""
    return RegisterEntryRef(
        id=entry.id,
        name=entry.title or entry.register_name,
        register_name=entry.register_name,
        document_type=entry.document_type.value,
        document_type_label=entry.document_type_label,
        woo_category=entry.woo_category.value,
    )


def entry_of(svc: Services, record_id: str | None) -> RegisterEntryRef | None:
    """The register entry a document names; only its id when it is not stored."""
    if record_id is None:
        return None
    try:
        record = svc.store.get_record(record_id)
    except NotFound:
        record = None
    if isinstance(record, RegisterEntry):
        return register_entry_ref(record)
    return RegisterEntryRef(
        id=record_id,
        name=None,
        register_name=None,
        document_type=None,
        document_type_label=None,
        woo_category=None,
    )


def dossiers_of(svc: Services, doc: Document) -> list[DossierRef]:
    """The Woo-besluit dossiers that hold a Woo publication (council documents have none)."""
    if doc.woo is None:
        return []
    found = []
    for dossier_id in svc.store.dossiers_of(doc.id):
        dossier = svc.store.get_record(dossier_id)
        if isinstance(dossier, Dossier):
            found.append(
                DossierRef(id=dossier.id, title=dossier.title, link=dossier_path(dossier.id))
            )
    return found


def document_detail(request: Request) -> Response:
    """The document as JSON (or PLOOI JSON), with a weak ETag; 304 when the client has it."""
    params = parse_params(DOCUMENT_PARAMS, request.query_params)
    svc = services(request)
    doc = load_document(svc, request.path_params["id"])
    if params["format"] == "plooi":
        return conditional(request, plooi_response(svc, doc))
    return conditional(request, JSONResponse(dump(_detail(svc, doc))))


def _detail(svc: Services, doc: Document) -> DocumentDetail:
    state = svc.store.get_document_state(doc.id)
    pages = svc.store.get_pages(doc.id)
    detail = DocumentDetail(
        **doc.model_dump(),
        withdrawn=state.withdrawn,
        sha256=state.sha256,
        extraction=ExtractionInfo(
            status=state.extraction_status,
            error=state.extraction_error,
            agent=state.extraction_agent,
            route=state.extraction_route,
            extracted_at=state.extracted_at,
            ocr_pages=state.ocr_pages,
            truncation=state.extraction_truncation,
            warnings=state.extraction_warnings,
        ),
        download=DownloadInfo(
            status=state.download_status,
            error=state.download_error,
            downloaded_at=state.downloaded_at,
            size=state.size,
            content_type=state.content_type,
        ),
        file_url=file_path(doc.id) if file_is_held(svc, state) else None,
        page_count=state.page_count,
        pages=[PageText(number=p.number, text=p.text, ocr=p.ocr) for p in pages],
        context=DocumentContext(
            organization=name_of(svc, doc.organization_id),
            committee=name_of(svc, doc.committee_id),
            meeting=name_of(svc, doc.meeting_id),
            agenda_item=name_of(svc, doc.agenda_item_id),
            register_entry=entry_of(svc, doc.register_entry_id),
        ),
        dossiers=dossiers_of(svc, doc) or None,
    )
    typed = AgendaTypes(svc.store).apply(doc)  # the type the index has (its agenda point's role)
    if typed is not doc:  # building DocumentDetail derived the type again from the record
        update = {"document_type": typed.document_type, "woo_category": typed.woo_category}
        detail = detail.model_copy(update=update)
    return detail


def file_is_held(svc: Services, state: DocumentState) -> bool:
    """Whether the original file of the document is downloaded and in the blob store."""
    return (
        state.download_status == DownloadStatus.OK
        and state.sha256 is not None
        and svc.blobs.exists(state.sha256)
    )


def safe_filename(doc: Document, content_type: str) -> str:
    """A file name that is safe inside a quoted header value: ASCII, no quotes or separators."""
    raw = doc.file_name or doc.title
    raw = raw.replace("\\", "/").rsplit("/", 1)[-1]
    decomposed = unicodedata.normalize("NFKD", raw)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))  # é → e
    name = _UNSAFE_NAME_CHARS.sub("_", base).strip(" ._")[:120]
    if not name:
        name = "document"
    if "." not in name and content_type == "application/pdf":
        name += ".pdf"
    return name


def served_media_type(state: DocumentState) -> str:
    """The media type the stored original is served with (a malformed one: octet-stream)."""
    value = (state.content_type or "").split(";", 1)[0].strip().lower()
    return value if _MEDIA_TYPE.match(value) else "application/octet-stream"


def document_file(request: Request) -> Response:
    """The stored original, `Range` served; its strong ETag is the blob's sha256, so a client
    that names it in `If-None-Match` gets a 304 (before any range is looked at)."""
    parse_params((), request.query_params)
    svc = services(request)
    doc = load_document(svc, request.path_params["id"])
    state = svc.store.get_document_state(doc.id)
    if state.download_status == DownloadStatus.FAILED:
        raise NotFound(f"no stored file for {doc.id}: download failed: {state.download_error}")
    if state.download_status != DownloadStatus.OK or state.sha256 is None:
        raise NotFound(f"no stored file for {doc.id}: not downloaded yet")
    media_type = served_media_type(state)
    filename = safe_filename(doc, media_type)
    served = stored_original(svc.blobs.path(state.sha256), media_type, filename)
    if served is None:
        raise NotFound(f"no stored file for {doc.id}: the cached original is missing")
    served.headers["ETag"] = file_etag(state.sha256)  # in place of Starlette's mtime and size
    served.headers["Cache-Control"] = FILE_CACHE_CONTROL
    if etag_matches(request.headers.get("if-none-match"), served.headers["etag"]):
        return not_modified(served)
    return served


routes = [
    Route("/api/documents/{id:path}/file", document_file, methods=["GET"], name="document_file"),
    Route("/api/documents/{id:path}", document_detail, methods=["GET"], name="document"),
]
