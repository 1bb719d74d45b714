"""The reader: `GET /documenten/{id}` and its page images `GET /documenten/{id}/pagina/{n}.png`.

The reader shows a document's metadata (Woo fields when present), where it belongs (meeting and
agenda item, register entry, Woo dossiers), what became of its file and text in words, links to
the original and to the cached copy, and its pages: an anchor `#pagina-N`, the page image beside
the page text, the words of `?q=` marked, "vorige/volgende pagina" links, and at the top the pages
with hits (of the whole document). `reader.js` adds keys (j/k or n/p: next/previous page, `.`/`,`:
next/previous hit).

A document of any length is read whole, `WINDOW` pages at a time: `?pagina=N` shows the stretch
holding page N (the first stretch without it), with links to the stretches before and after and
a field to go to any page; links from search hits name their page, so a hit on page 1,873 of a
2,000-page document opens at that page. A link to a page outside the stretch shown goes to its
stretch.

A page image is rendered from the stored original on demand and cached (`page_images`); a
document whose original is no PDF, is not stored, or cannot be drawn here (no poppler) is shown
as text only. An unknown id is a Dutch 404 page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from threading import Lock
from urllib.parse import quote, urlencode

from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from normalize.records import Document, DownloadStatus
from search_api.routes_documents import load_document
from search_api.services import Services, file_path, services
from search_api.web.error_page import error_page
from search_api.web.extraction_words import extraction_words
from search_api.web.page_images import (
    MAX_PAGE,
    NotRenderable,
    PageImageError,
    PageImages,
    PageSize,
    RendererBusy,
    RenderFailed,
    is_pdf,
    renderer_available,
)
from search_api.web.reader_facts import belonging, metadata_facts
from search_api.web.reader_highlight import mark_text, query_highlighter
from search_api.web.templating import render
from vindplaats.agenda_types import AgendaTypes
from vindplaats.errors import NotFound
from vindplaats.privacy.takedowns import TakenDown
from vindplaats.store.models import DocumentState

MAX_QUERY = 1000
WINDOW = 50  # pages shown at once
IMAGE_CACHE_CONTROL = "public, max-age=86400"

_caches: dict[Path, PageImages] = {}
_caches_lock = Lock()


def page_images(svc: Services) -> PageImages:
    """The page-image cache of the app's data directory (one per process)."""
    root = svc.settings.data_dir / "cache" / "pages"
    with _caches_lock:
        found = _caches.get(root)
        if found is None:
            found = _caches[root] = PageImages(root)
        return found


@dataclass(frozen=True)
class PageImage:
    src: str
    width: int
    height: int


@dataclass(frozen=True)
class PageView:
    """One page as the reader shows it."""

    number: int
    text: Markup
    hits: int
    ocr: bool
    image: PageImage | None
    previous: int | None = None
    next: int | None = None


@dataclass(frozen=True)
class ReaderPages:
    """The stretch of pages the reader shows, the pages with hits (of the whole document), and
    why images are missing."""

    pages: list[PageView]
    hit_pages: list[int]
    image_note: str | None
    highlighting: bool
    total: int = 0  # pages of the document
    first: int = 0  # the first and last page number shown
    last: int = 0
    earlier: int | None = None  # the page that opens the stretch before this one
    later: int | None = None  # and the one after

    @property
    def windowed(self) -> bool:
        return self.earlier is not None or self.later is not None

    def shown(self, number: int) -> bool:
        return self.first <= number <= self.last


def _original(svc: Services, state: DocumentState) -> Path | None:
    """The stored original's path; None when it was not downloaded or is gone."""
    if state.download_status != DownloadStatus.OK or state.sha256 is None:
        return None
    path = svc.blobs.path(state.sha256)
    return path if path.is_file() else None


def _image_sizes(svc: Services, state: DocumentState) -> tuple[dict[int, PageSize], str | None]:
    """Each page's image size, or none and the reason the reader shows no images."""
    original = _original(svc, state)
    if original is None or state.sha256 is None:
        return {}, None  # the file status already says why
    if not is_pdf(original):
        return {}, "Geen pagina-afbeeldingen: het origineel is geen PDF."
    if not renderer_available():
        note = "Pagina-afbeeldingen zijn hier niet beschikbaar (poppler-utils ontbreekt)."
        return {}, note + " Alleen de tekst wordt getoond."
    try:
        return page_images(svc).sizes(state.sha256, original), None
    except PageImageError as exc:
        return {}, f"Geen pagina-afbeeldingen: {exc}."


def _stretch(numbers: list[int], wanted: int | None) -> tuple[int, int]:
    """The slice of `numbers` (the document's page numbers, sorted) the reader shows: the
    `WINDOW` pages holding page `wanted` (the last stretch past the end; the first without)."""
    if not numbers or wanted is None:
        return 0, min(WINDOW, len(numbers))
    position = next((i for i, n in enumerate(numbers) if n >= wanted), len(numbers) - 1)
    start = position // WINDOW * WINDOW
    return start, min(start + WINDOW, len(numbers))


def _pages(
    svc: Services, doc: Document, state: DocumentState, query: str, wanted: int | None
) -> ReaderPages:
    """The stretch of pages the reader shows, the pages with hits and the note about images."""
    highlighter = query_highlighter(query)
    sizes, image_note = _image_sizes(svc, state)
    texts = {page.number: page for page in svc.store.get_pages(doc.id)}
    numbers = sorted(set(texts) | set(sizes))
    start, end = _stretch(numbers, wanted)
    base = "/documenten/" + quote(doc.id, safe=":")
    views = []
    for i in range(start, end):
        number = numbers[i]
        page = texts.get(number)
        marked = mark_text(page.text if page else "", highlighter)
        size = sizes.get(number)
        image = PageImage(f"{base}/pagina/{number}.png", size.width, size.height) if size else None
        previous = numbers[i - 1] if i > 0 else None
        following = numbers[i + 1] if i + 1 < len(numbers) else None
        ocr = bool(page and page.ocr)
        views.append(PageView(number, marked.html, marked.hits, ocr, image, previous, following))
    hit_pages: list[int] = []
    if highlighter is not None:
        shown = {view.number: view.hits for view in views}
        for number in numbers:
            if number in shown:
                hits = shown[number]
            else:
                text = texts[number].text if number in texts else ""
                hits = len(highlighter.matches(text)) if text else 0
            if hits:
                hit_pages.append(number)
    return ReaderPages(
        pages=views,
        hit_pages=hit_pages,
        image_note=image_note,
        highlighting=highlighter is not None,
        total=len(numbers),
        first=numbers[start] if views else 0,
        last=numbers[end - 1] if views else 0,
        earlier=numbers[max(start - WINDOW, 0)] if start > 0 else None,
        later=numbers[end] if end < len(numbers) else None,
    )


def _wanted(request: Request) -> int | None:
    """The page `?pagina=` asks for; None without it. Not a page number: `ValueError`."""
    raw = request.query_params.get("pagina", "").strip()
    if not raw:
        return None
    if not raw.isdigit() or len(raw) > 9 or int(raw) < 1:
        raise ValueError(raw)
    return int(raw)


def _query(request: Request) -> str:
    raw = request.query_params.get("q", "")[:MAX_QUERY]
    return " ".join("".join(c if c.isprintable() else " " for c in raw).split())


def _original_url(doc: Document) -> str | None:
    """The source's URL of the file, when it is a web address (never `javascript:` and such)."""
    url = doc.original_url.strip()
    return url if url.lower().startswith(("https://", "http://")) else None


def reader(request: Request) -> Response:
    svc = services(request)
    try:
        doc = load_document(svc, request.path_params["id"])
    except TakenDown:
        return error_page(request, 410, "Dit document is offline gehaald.")
    except NotFound:
        return error_page(request, 404, "Er is geen document met dit kenmerk.")
    state = svc.store.get_document_state(doc.id)
    typed = AgendaTypes(svc.store).apply(doc)
    query = _query(request)
    try:
        wanted = _wanted(request)
    except ValueError:
        return error_page(request, 400, "De pagina moet een paginanummer zijn (1, 2, 3, ...).")
    cached = _original(svc, state) is not None
    return render(
        request,
        "reader.html",
        doc=doc,
        query=query,
        facts=metadata_facts(svc, doc, typed, state),
        belongs=belonging(svc, doc),
        file_state=extraction_words(state),
        withdrawn=state.withdrawn,
        original_url=_original_url(doc),
        file_url=file_path(doc.id) if cached else None,
        view=_pages(svc, doc, state, query, wanted),
        page_link=_page_link(doc.id, query),
    )


def _page_link(doc_id: str, query: str) -> Callable[[int], str]:
    """The reader's link to page `n` of another stretch (with the marked words kept)."""
    base = "/documenten/" + quote(doc_id, safe=":")

    def link(number: int) -> str:
        params = {"q": query, "pagina": str(number)} if query else {"pagina": str(number)}
        return f"{base}?{urlencode(params)}#pagina-{number}"

    return link


def _plain(status: int, message: str, retry: bool = False) -> Response:
    headers = {"Retry-After": "10"} if retry else None
    return PlainTextResponse(message + "\n", status_code=status, headers=headers)


def page_image(request: Request) -> Response:
    svc = services(request)
    number = int(request.path_params["number"])
    try:
        doc = load_document(svc, request.path_params["id"])
    except TakenDown:
        return _plain(410, "Dit document is offline gehaald.")
    except NotFound:
        return _plain(404, "Er is geen document met dit kenmerk.")
    state = svc.store.get_document_state(doc.id)
    original = _original(svc, state)
    if original is None or state.sha256 is None:
        return _plain(404, "Van dit document is geen bestand opgeslagen.")
    if not 1 <= number <= MAX_PAGE:
        return _plain(404, f"Dit document heeft geen pagina {number}.")
    etag = f'"{state.sha256[:24]}-{number}"'
    headers = {"ETag": etag, "Cache-Control": IMAGE_CACHE_CONTROL}
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers=headers)
    try:
        path = page_images(svc).image(state.sha256, original, number)
    except (NotRenderable, RenderFailed) as exc:
        return _plain(404, f"Geen pagina-afbeelding: {exc}.")
    except RendererBusy as exc:
        return _plain(503, f"Probeer het zo weer: {exc}.", retry=True)
    except PageImageError as exc:
        return _plain(503, f"Pagina-afbeeldingen zijn hier niet beschikbaar: {exc}.")
    return Response(path.read_bytes(), media_type="image/png", headers=headers)


routes = [
    Route(
        "/documenten/{id:path}/pagina/{number:int}.png",
        page_image,
        methods=["GET", "HEAD"],
        name="page_image",
    ),
    Route("/documenten/{id:path}", reader, methods=["GET", "HEAD"], name="reader"),
]
