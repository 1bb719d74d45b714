"""The routes of `/ori/mini/v1/`: mini-ORI 1.0.0's three collections (`mini_routes`) and the
event-polling draft's events and webhook subscriptions (`events_routes`) at the same base.

Every other request under the base is answered here too, in JSON (never the web interface's
HTML error page): a path of ours with a method it does not take is a 405 with `Allow`, any other
path a 404 `ErrorResponse` (e.g. `/ori/mini/v1/vergaderingen/..` after a client removed the dot
segment).
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Match, Route

from search_api.ori import events_routes, mini_routes
from search_api.ori.mini_reader import BASE_PATH

_OURS: list[Route] = [*events_routes.routes, *mini_routes.routes]


def elsewhere(request: Request) -> Response:
    allowed: set[str] = set()
    for route in _OURS:
        match, _ = route.matches(request.scope)
        if match is not Match.NONE and route.methods:
            allowed |= route.methods
    if allowed:
        answer = mini_routes.problem(
            405, "Methode niet toegestaan", f"{request.method} is not served here"
        )
        answer.headers["Allow"] = ", ".join(sorted(allowed))
        return answer
    return mini_routes.not_found(f"nothing at {request.url.path[:120]!r}")


METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT"]
routes = [*_OURS, Route(BASE_PATH + "{rest:" + mini_routes.ANY + "}", elsewhere, methods=METHODS)]

__all__ = ["routes"]
