"""`GET /api/dossiers/{id}`: a Woo-besluit dossier with its decision, outcome, judgement and
ground counts, its documents and its inventory, each joined row linking to its document."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from normalize.dossier import Dossier
from normalize.records import Document
from search_api.http_cache import conditional
from search_api.params import parse_params
from search_api.routes_documents import name_of, ref_of, stored_document
from search_api.schemas import DocumentRef, dump
from search_api.schemas_dossiers import (
    DocumentRole,
    DossierDetail,
    DossierDocument,
    InventoryRowDetail,
)
from search_api.services import Services, checked_id, services
from vindplaats.errors import NotFound
from vindplaats.privacy.takedowns import check_shown


def load_dossier(svc: Services, raw_id: str) -> Dossier:
    dossier_id = checked_id(raw_id, "dossier")
    try:
        record = svc.store.get_record(dossier_id)
    except NotFound:
        raise NotFound(f"no dossier with id {dossier_id!r}") from None
    if not isinstance(record, Dossier):
        raise NotFound(f"no dossier with id {dossier_id!r}")
    check_shown(svc.store, dossier_id)  # a taken-down dossier: 410
    return record


class _Documents:
    """The dossier's documents read once each, as links."""

    def __init__(self, svc: Services) -> None:
        self.svc = svc
        self.seen: dict[str, Document | None] = {}

    def ref(self, doc_id: str) -> DocumentRef:
        if doc_id not in self.seen:
            self.seen[doc_id] = stored_document(self.svc, doc_id)
        return ref_of(doc_id, self.seen[doc_id])


def dossier_detail(request: Request) -> Response:
    parse_params((), request.query_params)
    svc = services(request)
    dossier = load_dossier(svc, request.path_params["id"])
    withdrawn_at = svc.store.withdrawn_since(dossier.id)
    docs = _Documents(svc)
    inventories = {f.document_id for f in dossier.inventory_files}

    def role(doc_id: str) -> DocumentRole:
        if doc_id == dossier.decision_document_id:
            return DocumentRole.DECISION
        return DocumentRole.INVENTORY if doc_id in inventories else DocumentRole.DOCUMENT

    fields = dossier.model_dump()
    fields["inventory"] = [
        InventoryRowDetail(
            **entry.model_dump(),
            document=docs.ref(entry.document_id) if entry.document_id else None,
        )
        for entry in dossier.inventory
    ]
    detail = DossierDetail(
        **fields,
        withdrawn=withdrawn_at is not None,
        withdrawn_at=withdrawn_at,
        organization=name_of(svc, dossier.organization_id),
        decision=docs.ref(dossier.decision_document_id) if dossier.decision_document_id else None,
        documents=[
            DossierDocument(**docs.ref(doc_id).model_dump(), role=role(doc_id))
            for doc_id in dossier.document_ids
        ],
    )
    return conditional(request, JSONResponse(dump(detail)))


routes = [Route("/api/dossiers/{id:path}", dossier_detail, methods=["GET"], name="dossier")]
