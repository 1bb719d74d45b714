"""The HTTP API: a read-only JSON API over the store and the search engine (Starlette).

`create_app(settings)` builds the application; `vindplaats serve` runs it with uvicorn.
Endpoints: `/api/search`, `/api/documents/{id}`, `/api/documents/{id}/file`,
`/api/meetings/{id}`, `/api/motions/{id}`, `/api/sources`, `/healthz`, `/metrics`,
`/openapi.json` (every one in `openapi_document`).

Importing a part of the package (`search_api.params`, `search_api.errors`, ...) does not build
the application: the command line imports those parts for `vindplaats search` and must start
quickly, so `create_app` loads `search_api.app` (the routes, templates and OpenAPI documents)
on its first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from search_api.app import create_app

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from search_api.app import create_app

        return create_app
    raise AttributeError(f"module 'search_api' has no attribute {name!r}")
