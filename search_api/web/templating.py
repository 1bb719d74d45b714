"""`render(request, template, **context)`: a page of the web interface as an HTML answer.

One Jinja2 environment with autoescaping on; templates extend `base.html` (the layout:
`lang="nl"`, skip link, header, `main` landmark, footer) and add their own stylesheet in the
`styles` block.

The header shows who is signed in (`signed_in(request)`): "Aanmelden" for a visitor, "Beheer"
and an "Afmelden" form for someone signed in. A page rendered for someone signed in carries
their CSRF token, so it is `Cache-Control: private, no-store` (set here, before any handler's
`conditional` would make it public); every page says `Vary: Cookie`, so a shared cache never
serves one visitor's page to someone with a session cookie.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse

from search_api.access import Principal, csrf_field, principal
from search_api.web.static_files import asset_url

SIGNED_IN_CACHE_CONTROL = "private, no-store"


def signed_in(request: Request) -> Principal | None:
    """The person signed in on this request (None for a visitor)."""
    return principal(request)


ENV = Environment(
    loader=PackageLoader("search_api.web", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
ENV.globals["asset"] = asset_url
ENV.globals["csrf_field"] = csrf_field
ENV.globals["signed_in"] = signed_in
ENV.filters["path_id"] = lambda record_id: quote(str(record_id), safe=":")


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    """`template` rendered with `context` (and `request`), as `text/html; charset=utf-8`."""
    html = ENV.get_template(template).render(request=request, **context)
    response = HTMLResponse(html, status_code=status)
    response.headers["Vary"] = "Cookie"
    if signed_in(request) is not None:
        response.headers["Cache-Control"] = SIGNED_IN_CACHE_CONTROL
    return response
