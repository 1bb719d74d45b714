"""`vindplaats serve`: the search API with uvicorn worker processes, until Ctrl-C or SIGTERM."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
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


def worker_number(value: str) -> int:
    try:
        workers = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of workers: {value!r}") from None
    if not 1 <= workers <= 256:
        raise argparse.ArgumentTypeError(f"{workers} workers: give 1-256")
    return workers


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "serve",
        help="serve the search API",
        description="Serve the JSON search API (OpenAPI at /openapi.json) until Ctrl-C or "
        "SIGTERM, with one worker process per CPU (VINDPLAATS_API_WORKERS). Defaults come from "
        "VINDPLAATS_HOST and VINDPLAATS_PORT.",
    )
    parser.add_argument("--host", help="Address to listen on (default: VINDPLAATS_HOST).")
    parser.add_argument(
        "--port", type=port_number, help="Port to listen on (default: VINDPLAATS_PORT)."
    )
    parser.add_argument(
        "--workers",
        type=worker_number,
        help="Worker processes (default: VINDPLAATS_API_WORKERS, else one per CPU).",
    )
    parser.set_defaults(func=run)


EXAMPLES = ("/api/search?q=begroting", "/api/sources")


def serve_api(
    settings: Settings,
    host: str,
    port: int,
    tries: int = 1,
    examples: tuple[str, ...] = EXAMPLES,
    workers: int | None = None,
    closing: Callable[[str], str] | None = None,
) -> None:
    """Bind first (so the printed URL is the real one), then serve until interrupted;
    `closing(url)` is a last line to print once the address is known (the demo's sign-in link).

    With several workers (each opens the store and index itself) they are opened here once
    first: a bad data directory or engine setting then ends in one clear error up front."""
    from search_api import create_app
    from search_api.server import bind, serve, url_of
    from search_api.services import Services
    from search_api.workers import serve_workers, worker_count

    count = workers or worker_count(settings)
    sock = bind(host, port, tries=tries)
    try:
        if count == 1:
            app = create_app(settings)
        else:
            Services.open(settings).close()
    except BaseException:
        sock.close()
        raise
    url = url_of(sock)
    shown = "1 worker" if count == 1 else f"{count} workers"
    print(f"Vindplaats API on {url}  (OpenAPI: {url}/openapi.json; {shown}; Ctrl-C stops)")
    for example in examples:
        print(f"  try: {url}{example}")
    if closing is not None:
        print(closing(url))
    sys.stdout.flush()
    if count == 1:
        serve(app, sock, log_level=settings.log_level)
    else:
        serve_workers(settings, sock, count, log_level=settings.log_level)


def run(args: argparse.Namespace, settings: Settings) -> int:
    host = args.host or settings.host
    port = settings.port if args.port is None else args.port
    serve_api(settings, host, port, workers=args.workers)
    return 0
