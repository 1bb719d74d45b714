"""Container health checks for the Vindplaats image (standard library only).

    python healthcheck.py http URL   # healthy when URL answers 2xx within 5 s (the api: /healthz)
    python healthcheck.py deps       # healthy when every service the settings name accepts a
                                     # TCP connection: the database, Elasticsearch, the Tika server

`deps` is the check of the harvest worker and the scheduler, which serve no HTTP: a worker that
cannot reach its store, index or extractor is not doing its job. It reads the same
`VINDPLAATS_*` variables as the application. Exit status 0 healthy, 1 unhealthy (with a reason on
stderr), 2 usage.
"""

from __future__ import annotations

import os
import socket
import sys
import urllib.error
import urllib.request
from urllib.parse import urlsplit

TIMEOUT = 5.0
DEFAULT_PORTS = {"http": 80, "https": 443, "postgresql": 5432, "postgres": 5432}


def check_http(url: str) -> str | None:
    """None when `url` answers 2xx, else why not."""
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT) as response:
            status = int(response.status)
    except urllib.error.HTTPError as exc:
        return f"{url}: HTTP {exc.code}"
    except (OSError, ValueError) as exc:
        return f"{url}: {exc}"
    return None if 200 <= status < 300 else f"{url}: HTTP {status}"


def dependency_urls(environ: dict[str, str]) -> dict[str, str]:
    """The services the settings point at, by setting name."""
    urls: dict[str, str] = {}
    if environ.get("VINDPLAATS_DATABASE_URL"):
        urls["VINDPLAATS_DATABASE_URL"] = environ["VINDPLAATS_DATABASE_URL"]
    if environ.get("VINDPLAATS_ENGINE") == "elasticsearch":
        urls["VINDPLAATS_ELASTICSEARCH_URL"] = environ.get(
            "VINDPLAATS_ELASTICSEARCH_URL", "http://127.0.0.1:9200"
        )
    if environ.get("VINDPLAATS_TIKA_URL"):
        urls["VINDPLAATS_TIKA_URL"] = environ["VINDPLAATS_TIKA_URL"]
    return urls


def check_tcp(name: str, url: str) -> str | None:
    """None when the host and port of `url` accept a connection; the reason never shows the
    URL itself, which may hold a password."""
    parts = urlsplit(url)
    scheme = parts.scheme.split("+")[0]
    try:
        port = parts.port or DEFAULT_PORTS.get(scheme)
    except ValueError:
        return f"{name}: invalid port"
    if not parts.hostname or port is None:
        return f"{name}: no host or port in the URL"
    try:
        with socket.create_connection((parts.hostname, port), timeout=TIMEOUT):
            return None
    except OSError as exc:
        return f"{name}: {parts.hostname}:{port} unreachable ({exc})"


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "http":
        problems = [check_http(argv[1])]
    elif argv == ["deps"]:
        urls = dependency_urls(dict(os.environ))
        problems = [check_tcp(name, url) for name, url in urls.items()]
    else:
        print("usage: healthcheck.py http URL | deps", file=sys.stderr)
        return 2
    failed = [problem for problem in problems if problem]
    for problem in failed:
        print(f"unhealthy: {problem}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
