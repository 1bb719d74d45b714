"""The HTTP API: a read-only JSON API over the store and the search engine (Starlette).

`create_app(settings)` builds the application; `vindplaats serve` runs it with uvicorn.
Endpoints: `/api/search`, `/api/documents/{id}`, `/api/documents/{id}/file`,
`/api/meetings/{id}`, `/api/motions/{id}`, `/api/sources`, `/healthz`, `/metrics`,
`/openapi.json` (every one in `openapi_document`).
"""

from __future__ import annotations

from search_api.app import create_app

__all__ = ["create_app"]
