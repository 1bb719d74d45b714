"""`/conformance`: a supplier checks its feed. `GET` shows the form (feed URL, standard);
`POST` (an ordinary form, no JavaScript) starts the check as `POST /api/conformance` does
(`search_api.conformance_submit`: the fetch guard, the pool, the client's checks) and answers
303 to `/conformance/{id}`, the check's permalink: while it runs a status that reloads itself
(`<meta http-equiv="refresh">`; `?verversen=uit` turns that off, WCAG 2.2.1), once done the
report grouped by rule, with links to the JSON, JUnit and HTML reports. A refused check shows
the form again with the reason in Dutch and the status the API would answer (422, 429 with
Retry-After, 503).

The form needs no CSRF token: it is anonymous (no cookies, no session) and only starts a
rate-limited check of a public URL. A POST whose `Origin` is another site is still refused
(403), so another site cannot spend a visitor's checks.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from search_api.conformance_submit import Refused, parse_request, submit
from search_api.routes_conformance import find_check
from search_api.schemas_conformance import report_links
from search_api.web.conformance_view import (
    STANDARD_NAMES,
    STATUS,
    counted,
    groups,
    when,
)
from search_api.web.templating import render
from vindplaats.conformance import STANDARDS

MAX_FORM = 16 * 1024
REFRESH_SECONDS = 5


def _form_page(
    request: Request, values: dict[str, str], status: int = 200, problem: str = "", detail: str = ""
) -> Response:
    return render(
        request,
        "conformance.html",
        status=status,
        standards=[(key, STANDARD_NAMES[key]) for key in STANDARDS],
        values=values,
        problem=problem,
        detail=detail,
    )


def conformance_form(request: Request) -> Response:
    return _form_page(request, {"url": "", "standard": "ori-2", "max_requests": ""})


def _dutch(exc: Refused) -> tuple[str, str]:
    """The reason a check was refused, in Dutch, and the technical message (English)."""
    if exc.status == 429:
        wait = int(exc.headers.get("Retry-After", "60"))
        minutes = max(1, round(wait / 60))
        return f"U heeft het maximum aantal controles bereikt. Probeer het over {minutes} " + (
            "minuut opnieuw." if minutes == 1 else "minuten opnieuw."
        ), exc.message
    if exc.status == 503:
        return "Er lopen al te veel controles. Probeer het over een minuut opnieuw.", exc.message
    if exc.parameter == "url":
        return "Dit adres kan niet worden gecontroleerd.", exc.message
    if exc.parameter == "standard":
        return "Kies een van de standaarden.", exc.message
    if exc.parameter == "max_requests":
        return "Het aantal verzoeken moet een positief geheel getal zijn.", exc.message
    return "Het formulier is niet volledig ingevuld.", exc.message


def _foreign_origin(request: Request) -> bool:
    """Whether the form was sent from another site (or an opaque origin, `null`)."""
    origin = request.headers.get("origin")
    if origin is None:
        return False  # not sent by every browser on a same-origin POST
    host = request.headers.get("host", "").lower()
    return origin == "null" or urlsplit(origin).netloc.lower() != host


async def _form_body(request: Request) -> bytes:
    """The form's bytes; at most `MAX_FORM` are read (the rest is ignored)."""
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        chunks.append(chunk[: MAX_FORM - size])
        size += len(chunks[-1])
        if size >= MAX_FORM:
            break
    return b"".join(chunks)


async def start_from_form(request: Request) -> Response:
    raw = await _form_body(request)
    fields = dict(parse_qsl(raw.decode("utf-8", "replace"), keep_blank_values=True))
    values = {name: fields.get(name, "").strip() for name in ("url", "standard", "max_requests")}
    if _foreign_origin(request):
        return _form_page(request, values, 403, "Controles worden alleen vanaf deze site gestart.")
    body: dict[str, Any] = {"url": values["url"], "standard": values["standard"]}
    if values["max_requests"]:
        number = values["max_requests"]
        body["max_requests"] = int(number) if number.isdigit() else number
    try:
        started = await submit(request, parse_request(body))
    except Refused as exc:
        problem, detail = _dutch(exc)
        page = _form_page(request, values, exc.status, problem, detail=detail)
        page.headers.update(exc.headers)
        return page
    return RedirectResponse(f"/conformance/{started.id}", status_code=303)


def check_page(request: Request) -> Response:
    check = find_check(request)
    report: dict[str, Any] | None = None
    if check.status == "done":
        text = request.app.state.conformance.pool.store.check_report(check.id, "json")
        report = json.loads(text) if text else None
    pending = check.status in ("queued", "running")
    reloading = pending and request.query_params.get("verversen") != "uit"
    return render(
        request,
        "conformance_check.html",
        check=check,
        standard_name=STANDARD_NAMES.get(check.standard, check.standard),
        status_label=STATUS[check.status],
        started=when(check),
        pending=pending,
        refresh=REFRESH_SECONDS if reloading else None,
        report=report,
        groups=groups(report) if report else [],
        links=report_links(check.id),
        status_url=f"/api/conformance/{check.id}",
        counted=counted,
    )


routes = [
    Route("/conformance", conformance_form, methods=["GET"]),
    Route("/conformance", start_from_form, methods=["POST"]),
    Route("/conformance/{id}", check_page, methods=["GET"]),
]
