"""Shared HTTP plumbing of the sandbox: request and response values and a small regex router
(the supplier plug-ins' base class is `plugins.Plugin`)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import parse_qs

JSON_TYPE = "application/json; charset=utf-8"
HTML_TYPE = "text/html; charset=utf-8"


@dataclass(frozen=True)
class Request:
    method: str
    path: str  # the path below the supplier's prefix, starting with "/"
    query_string: str
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""  # the request body (POST), at most the server's MAX_BODY bytes

    @property
    def query(self) -> dict[str, list[str]]:
        return parse_qs(self.query_string, keep_blank_values=True)

    def arg(self, name: str) -> str | None:
        values = self.query.get(name)
        return values[0] if values else None


@dataclass
class Response:
    status: int
    body: bytes
    content_type: str
    headers: dict[str, str] = field(default_factory=dict)


def json_response(data: object, status: int = 200) -> Response:
    body = json.dumps(data, ensure_ascii=False, indent=None, separators=(",", ":"))
    return Response(status, body.encode("utf-8"), JSON_TYPE)


def html_response(html: str, status: int = 200) -> Response:
    return Response(status, html.encode("utf-8"), HTML_TYPE)


def not_found(message: str = "Not found") -> Response:
    return json_response({"error": {"code": 404, "message": message}}, status=404)


Handler = Callable[[Request, re.Match[str]], Response]


class Router:
    """Maps `(method, path regex)` to handlers; the first full match wins."""

    def __init__(self) -> None:
        self._routes: list[tuple[str, re.Pattern[str], Handler]] = []

    def add(self, method: str, pattern: str, handler: Handler) -> None:
        self._routes.append((method, re.compile(pattern), handler))

    def dispatch(self, request: Request) -> Response:
        allowed = False
        method = "GET" if request.method == "HEAD" else request.method
        for route_method, pattern, handler in self._routes:
            match = pattern.fullmatch(request.path)
            if match is None:
                continue
            if route_method == method:
                return handler(request, match)
            allowed = True
        if allowed:
            return json_response({"error": {"code": 405, "message": "Method not allowed"}}, 405)
        return not_found(f"No route for {request.path}")
