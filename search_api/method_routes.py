"""One route for a path that several methods answer, each with its own endpoint.

Starlette tries routes in order and answers a method no route of the path takes with the
`Allow` of the first route that matched the path only, so a path split over routes per method
would tell a client (`OPTIONS`, or a wrong method's 405) that only the first method exists.
`methods_route` mounts the endpoints as one route: the 405 names every method the path takes.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

Endpoint = Callable[[Request], Response | Awaitable[Response]]


def methods_route(path: str, endpoints: Mapping[str, Endpoint], name: str | None = None) -> Route:
    """A route of `path` answering each method of `endpoints` ({"GET": list, "POST": create})
    with its own endpoint (HEAD with GET's, as Starlette does)."""
    table = {method.upper(): endpoint for method, endpoint in endpoints.items()}

    async def dispatch(request: Request) -> Response:
        method = request.method
        endpoint = table.get("GET" if method == "HEAD" and "HEAD" not in table else method)
        assert endpoint is not None, method  # Route has answered other methods with 405
        if inspect.iscoroutinefunction(endpoint):
            answer: Any = await endpoint(request)
        else:
            answer = await run_in_threadpool(endpoint, request)
            if inspect.isawaitable(answer):
                answer = await answer
        assert isinstance(answer, Response)
        return answer

    return Route(path, dispatch, methods=list(table), name=name)
