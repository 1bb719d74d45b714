"""`render(request, template, **context)`: a page of the web interface as an HTML answer.

One Jinja2 environment with autoescaping on; templates extend `base.html` (the layout:
`lang="nl"`, skip link, header, `main` landmark, footer) and add their own stylesheet in the
`styles` block.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse

from search_api.access import csrf_field
from search_api.web.static_files import asset_url

ENV = Environment(
    loader=PackageLoader("search_api.web", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
ENV.globals["asset"] = asset_url
ENV.globals["csrf_field"] = csrf_field
ENV.filters["path_id"] = lambda record_id: quote(str(record_id), safe=":")


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    """`template` rendered with `context` (and `request`), as `text/html; charset=utf-8`."""
    html = ENV.get_template(template).render(request=request, **context)
    return HTMLResponse(html, status_code=status)
