"""The HTML error page of the web interface: the status in Dutch words, what to do next, and
the technical message (escaped) for a report. `search_api.errors` answers it for every path
that is not part of the JSON API."""

from __future__ import annotations

import logging
from collections.abc import Mapping

from starlette.requests import Request
from starlette.responses import Response

from search_api.errors import error_response
from search_api.web.templating import render

log = logging.getLogger("vindplaats.api")

# status -> (title, explanation)
PAGES = {
    400: ("Ongeldig verzoek", "Het adres of het formulier bevat een waarde die niet klopt."),
    403: (
        "Geen toegang",
        "U mag deze pagina niet zien of dit formulier niet versturen: meld u aan met een account "
        "van deze organisatie. Was u al aangemeld, laad de pagina dan opnieuw en probeer het "
        "nog eens.",
    ),
    404: (
        "Pagina niet gevonden",
        "Deze pagina bestaat niet (meer). Misschien is het document ingetrokken of is het "
        "adres niet volledig overgenomen.",
    ),
    405: ("Niet toegestaan", "Deze pagina kan alleen worden opgevraagd, niet verstuurd."),
    410: (
        "Niet meer gepubliceerd",
        "Dit stuk is offline gehaald door de organisatie die het publiceerde en wordt niet "
        "meer getoond.",
    ),
    413: ("Verzoek te groot", "Het verzoek is te groot om te verwerken."),
    416: ("Bereik ongeldig", "Het gevraagde deel van het bestand bestaat niet."),
    429: (
        "Te veel verzoeken",
        "U heeft in korte tijd te veel verzoeken gedaan. Probeer het zo weer.",
    ),
    500: (
        "Er ging iets mis",
        "Er ging aan onze kant iets mis. De fout is vastgelegd; probeer het later opnieuw.",
    ),
    503: ("Tijdelijk niet beschikbaar", "De dienst is tijdelijk overbelast. Probeer het zo weer."),
}


def detail_language(message: str) -> str:
    """`"en"` for the API's technical messages (English, starting in lower case: "no such
    endpoint: ...", "unknown id ..."), "" for the pages' own Dutch ones ("Er is geen ...")."""
    return "en" if message[:1].islower() else ""


def error_page(
    request: Request, status: int, message: str, headers: Mapping[str, str] | None = None
) -> Response:
    """The Dutch error page for `status`, keeping the error's headers (`Allow`, `Retry-After`)."""
    title, explanation = PAGES.get(status, ("Fout", "Dit verzoek kon niet worden uitgevoerd."))
    try:
        response = render(
            request,
            "error.html",
            status=status,
            code=status,
            title=title,
            explanation=explanation,
            detail=message,
            detail_lang=detail_language(message),
        )
    except Exception:  # a broken template must not hide the error itself
        log.exception("the error page could not be rendered for %s", request.url.path)
        return error_response(status, message, headers=headers)
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response
