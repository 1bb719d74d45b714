"""`vindplaats serve`: the search API with uvicorn, until Ctrl-C."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from vindplaats.settings import Settings


def port_number(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {value!r}") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not a port (0-65535)")
    return port


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "serve",
        help="serve the search API",
        description="Serve the JSON search API (OpenAPI at /openapi.json) until Ctrl-C. "
        "Defaults come from VINDPLAATS_HOST and VINDPLAATS_PORT.",
    )
    parser.add_argument("--host", help="Address to listen on (default: VINDPLAATS_HOST).")
    parser.add_argument(
        "--port", type=port_number, help="Port to listen on (default: VINDPLAATS_PORT)."
    )
    parser.set_defaults(func=run)


EXAMPLES = ("/api/search?q=begroting", "/api/sources")


def serve_api(
    settings: Settings,
    host: str,
    port: int,
    tries: int = 1,
    examples: tuple[str, ...] = EXAMPLES,
) -> None:
    """Bind first (so the printed URL is the real one), then serve until interrupted."""
    from search_api import create_app
    from search_api.server import bind, serve, url_of

    sock = bind(host, port, tries=tries)
    try:
        app = create_app(settings)
    except BaseException:
        sock.close()
        raise
    url = url_of(sock)
    print(f"Vindplaats API on {url}  (OpenAPI: {url}/openapi.json; Ctrl-C stops)")
    for example in examples:
        print(f"  try: {url}{example}")
    sys.stdout.flush()
    serve(app, sock, log_level=settings.log_level)


def run(args: argparse.Namespace, settings: Settings) -> int:
    host = args.host or settings.host
    port = settings.port if args.port is None else args.port
    serve_api(settings, host, port)
    return 0
