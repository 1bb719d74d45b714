"""`GET /dossiers/{id}`: a Woo-besluit as a web page: title, summary, decision date, outcome,
Wob or Woo, period, case number, the judgement and refusal-ground counts, its documents and its
inventory as a table (`?pagina=N`, `ROWS_PER_PAGE` rows a page), each row linked to the
harvested document it is joined to. The dossier is read as `GET /api/dossiers/{id}` reads it
(`routes_dossiers.load_dossier`); an unknown id is the Dutch 404 page."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Route

from normalize.dossier import Dossier
from normalize.records import Document
from search_api.errors import ParamError
from search_api.routes_documents import name_of, stored_document
from search_api.routes_dossiers import load_dossier
from search_api.services import Services, services
from search_api.web.dossier_view import (
    PROBLEMS,
    DocumentView,
    document_view,
    facts,
    ground_label,
    row_view,
)
from search_api.web.dutch_time import long_date
from search_api.web.templating import render

ROWS_PER_PAGE = 200
MAX_NOT_JOINED = 100  # rows not joined listed with their reason


class _Stored:
    """The dossier's documents, each read from the store once."""

    def __init__(self, svc: Services) -> None:
        self.svc = svc
        self.seen: dict[str, Document | None] = {}

    def get(self, doc_id: str | None) -> Document | None:
        if doc_id is None:
            return None
        if doc_id not in self.seen:
            self.seen[doc_id] = stored_document(self.svc, doc_id)
        return self.seen[doc_id]


def _page_number(request: Request, pages: int) -> int:
    values = request.query_params.getlist("pagina")
    if not values or values == [""]:
        return 1
    value = values[0]
    if len(values) > 1 or not value.isdigit() or not 1 <= int(value) <= pages:
        raise ParamError("pagina", f"pagina moet een getal van 1 tot en met {pages} zijn")
    return int(value)


def _documents(dossier: Dossier, stored: _Stored) -> list[DocumentView]:
    inventories = {f.document_id for f in dossier.inventory_files}

    def role(doc_id: str) -> str:
        if doc_id == dossier.decision_document_id:
            return "decision"
        return "inventory" if doc_id in inventories else "document"

    return [document_view(d, role(d), stored.get(d)) for d in dossier.document_ids]


def _counts(dossier: Dossier) -> dict[str, list[tuple[str, str | None, int]]]:
    judgements = sorted(dossier.judgement_counts.items(), key=lambda kv: (-kv[1], kv[0]))
    grounds = sorted(dossier.ground_counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return {
        "judgements": [(name, None, n) for name, n in judgements],
        "grounds": [(code, ground_label(code), n) for code, n in grounds],
    }


def dossier_page(request: Request) -> HTMLResponse:
    svc = services(request)
    dossier = load_dossier(svc, request.path_params["id"])
    pages = max(1, -(-len(dossier.inventory) // ROWS_PER_PAGE))
    page = _page_number(request, pages)
    stored = _Stored(svc)
    shown = dossier.inventory[(page - 1) * ROWS_PER_PAGE : page * ROWS_PER_PAGE]
    organization = name_of(svc, dossier.organization_id)
    decision_id = dossier.decision_document_id
    withdrawn_at = svc.store.withdrawn_since(dossier.id)
    return render(
        request,
        "dossier.html",
        dossier=dossier,
        facts=facts(dossier),
        withdrawn=withdrawn_at is not None,
        withdrawn_at=long_date(withdrawn_at),
        organization=organization.name if organization else None,
        decision=document_view(decision_id, "decision", stored.get(decision_id))
        if decision_id
        else None,
        documents=_documents(dossier, stored),
        counts=_counts(dossier),
        rows=[row_view(entry, stored.get(entry.document_id)) for entry in shown],
        dated=any(entry.date is not None for entry in shown),
        page=page,
        pages=pages,
        first_row=(page - 1) * ROWS_PER_PAGE + 1,
        not_joined=dossier.not_joined[:MAX_NOT_JOINED],
        problems=[(PROBLEMS.get(p.kind.value, p.kind.value), p) for p in dossier.problems],
    )


routes = [Route("/dossiers/{id:path}", dossier_page, methods=["GET", "HEAD"], name="web_dossier")]
