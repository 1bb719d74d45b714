""" "Mist u een stuk?" on the web: the public form and the organisation's answer page.

- `POST /meldingen`: the form of `_report_form.html` (on every document, meeting and
  organisation page; an ordinary form, no JavaScript). Taken: 303 to `/meldingen/ontvangen`, a
  thank-you page linking back to the subject. Refused: `melding.html`, the form again with the
  reason in Dutch and the status the API would answer (422, 429 with Retry-After).
- `GET|POST /beheer/organisaties/{org}/meldingen/{id}`: one report for the organisation's
  editors (and admins): the subject linked, the message, the reporter's contact, and the
  answer form (save, or save and close; a CSRF-checked form). 404 for a report of another
  organisation, 403 (`require_organisation`) for an editor of another organisation.

The public form is sent by visitors who are not signed in, so it carries no CSRF token: a POST
whose `Origin` (or, without one, `Referer`) is another site is refused (403) instead, so another
site cannot file reports in a visitor's name or spend a visitor's reports. A filled-in honeypot
field (hidden from people) is thanked and dropped. The contact is never logged or shown on a
public page. The answer page needs a signed-in editor (`search_api.access`) and is never
cached (`Cache-Control: private, no-store`).
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from search_api import access
from search_api.routes_reports import report_client
from search_api.schemas_reports import subject_url
from search_api.services import services
from search_api.web.report_section import answer_context
from search_api.web.templating import render
from vindplaats.operations.reports import (
    SUBJECT_ID_MAX,
    SUBJECT_KINDS,
    ReportInput,
    ReportRefused,
    answer_report,
    file_report,
    find_report,
)
from vindplaats.store.sql_reports import MissingReport

log = logging.getLogger("vindplaats.api")

MAX_FORM = 16 * 1024
FIELDS = ("soort", "id", "bericht", "contact", "website")
THANKS = "/meldingen/ontvangen"


def foreign_origin(request: Request) -> bool:
    """Whether the form was sent from another site: by its `Origin` (`null` too), or else by
    its `Referer`. Neither sent (not a browser) counts as same-site."""
    host = request.headers.get("host", "").lower()
    origin = request.headers.get("origin")
    if origin is not None:
        return origin == "null" or urlsplit(origin).netloc.lower() != host
    referer = request.headers.get("referer")
    return bool(referer) and urlsplit(referer).netloc.lower() != host


async def read_form(request: Request) -> dict[str, str]:
    """The form's fields; at most `MAX_FORM` bytes are read (the rest is ignored)."""
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        chunks.append(chunk[: MAX_FORM - size])
        size += len(chunks[-1])
        if size >= MAX_FORM:
            break
    raw = b"".join(chunks).decode("utf-8", "replace")
    fields = dict(parse_qsl(raw, keep_blank_values=True))
    return {name: fields.get(name, "") for name in FIELDS}


def known_subject(kind: str, subject_id: str) -> bool:
    """Whether (kind, id) can be linked to at all (not whether it is held)."""
    return (
        kind in SUBJECT_KINDS and 0 < len(subject_id) <= SUBJECT_ID_MAX and subject_id.isprintable()
    )


def _link(kind: str, subject_id: str) -> str | None:
    return subject_url(kind, subject_id) if known_subject(kind, subject_id) else None


def _refused_page(
    request: Request, values: dict[str, str], status: int, problem: str, detail: str = ""
) -> Response:
    kind, subject_id = values["soort"], values["id"]
    linkable = known_subject(kind, subject_id)
    context: dict[str, Any] = {
        "notice": "",
        "problem": problem,
        "detail": detail,
        "subject_url": _link(kind, subject_id),
        "report_kind": kind if linkable else "",
        "report_id": subject_id if linkable else "",
        "report_values": values,
        "report_open": True,
    }
    return render(request, "melding.html", status=status, **context)


async def send_report(request: Request) -> Response:
    values = await read_form(request)
    values = {name: value.strip() for name, value in values.items()}
    if foreign_origin(request):
        return _refused_page(
            request, values, 403, "Meldingen worden alleen vanaf deze site verstuurd."
        )
    thanks = THANKS + "?" + urlencode({"soort": values["soort"], "id": values["id"]})
    if values["website"]:
        log.info("report dropped: the honeypot field was filled in")
        return RedirectResponse(thanks, status_code=303)
    asked = ReportInput(values["soort"], values["id"], values["bericht"], values["contact"])
    try:
        await run_in_threadpool(file_report, services(request).store, asked, report_client(request))
    except ReportRefused as exc:
        page = _refused_page(request, values, exc.status, exc.dutch, exc.message)
        if exc.retry_after:
            page.headers["Retry-After"] = str(exc.retry_after)
        return page
    return RedirectResponse(thanks, status_code=303)


def form_help(request: Request) -> Response:
    """`GET /meldingen` (a reload, a typed address): where the form is."""
    return render(
        request,
        "melding.html",
        notice="Een melding stuurt u met het formulier „Mist u een stuk?” onderaan de pagina "
        "van een document, vergadering of organisatie.",
        problem="",
        detail="",
        subject_url=None,
        report_kind="",
    )


def thanks_page(request: Request) -> Response:
    query = request.query_params
    link = _link(query.get("soort", ""), query.get("id", ""))
    return render(request, "melding_ontvangen.html", subject_url=link)


# -- the organisation's answer page ---------------------------------------------------------
NOTICES = {"opgeslagen": "Het antwoord is opgeslagen.", "gesloten": "De melding is gesloten."}


def _answer_page(
    request: Request, report: MissingReport, status: int = 200, **changes: str
) -> Response:
    context = {**answer_context(services(request).store, report), **changes}
    page = render(request, "melding_beantwoorden.html", status=status, **context)
    page.headers["Cache-Control"] = "private, no-store"  # it shows the reporter's contact
    return page


def answer_page(request: Request) -> Response:
    org = request.path_params["org"]
    access.require_organisation(request, org)
    report = find_report(services(request).store, org, request.path_params["id"])
    notice = NOTICES.get(request.query_params.get("klaar", ""), "")
    return _answer_page(request, report, notice=notice)


async def save_answer(request: Request) -> Response:
    org = request.path_params["org"]
    who = access.require_organisation(request, org)
    form = await access.checked_form(request)
    store = services(request).store
    report = find_report(store, org, request.path_params["id"])
    text = str(form.get("antwoord", ""))
    close = form.get("actie") == "sluiten"
    try:
        await run_in_threadpool(answer_report, store, report, text, who.actor, close=close)
    except ReportRefused as exc:
        return _answer_page(request, report, exc.status, problem=exc.dutch, answer_text=text)
    done = "gesloten" if close else "opgeslagen"
    return RedirectResponse(f"{request.url.path}?klaar={done}", status_code=303)


ANSWER_PATH = "/beheer/organisaties/{org}/meldingen/{id}"


def _routes() -> list[BaseRoute]:
    public: list[BaseRoute] = [
        Route("/meldingen", send_report, methods=["POST"], name="send_report"),
        Route("/meldingen", form_help, methods=["GET", "HEAD"], name="report_help"),
        Route(THANKS, thanks_page, methods=["GET", "HEAD"], name="report_thanks"),
    ]
    return [
        *public,
        Route(ANSWER_PATH, answer_page, methods=["GET", "HEAD"], name="report_answer"),
        Route(ANSWER_PATH, save_answer, methods=["POST"], name="report_save_answer"),
    ]


routes = _routes()
