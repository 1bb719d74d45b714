"""Container health checks for the Vindplaats image.

    python healthcheck.py http URL          # healthy when URL answers 2xx within 5 s (the api)
    python healthcheck.py heartbeat ROLE    # ROLE worker or scheduler: healthy when the freshest
                                            # heartbeat this container wrote to the store is
                                            # younger than VINDPLAATS_HEARTBEAT_MAX_AGE
    python healthcheck.py deps              # healthy when every service the settings name
                                            # accepts a TCP connection: the database,
                                            # Elasticsearch, the Tika server

`heartbeat` is the check of the harvest worker and the scheduler, which serve no HTTP: an open
port says nothing about a worker stuck in a crawl; a heartbeat that stopped does (see
`vindplaats.heartbeat`). The check runs in the worker's own container, so "this host" is that
container. `heartbeat` and `deps` read the same `VINDPLAATS_*` settings as the application,
`*_FILE` secrets included. Exit status 0 healthy, 1 unhealthy (with a reason on stderr, never
a secret), 2 usage.
"""

from __future__ import annotations

import socket
import sys
import urllib.error
import urllib.request
from urllib.parse import urlsplit

TIMEOUT = 5.0
DEFAULT_PORTS = {"http": 80, "https": 443, "postgresql": 5432, "postgres": 5432}
ROLES = ("worker", "scheduler")


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


def check_heartbeat(role: str) -> str | None:
    """None when this host's `role` process beat within VINDPLAATS_HEARTBEAT_MAX_AGE."""
    from vindplaats.errors import VindplaatsError
    from vindplaats.heartbeat import ROLES as KNOWN
    from vindplaats.heartbeat import check
    from vindplaats.settings import load_settings
    from vindplaats.store import open_store

    try:
        settings = load_settings()
        store = open_store(settings)
    except VindplaatsError as exc:
        return str(exc)
    except Exception as exc:  # the store is unreachable: say what kind of failure, no URL
        return f"the store cannot be opened ({type(exc).__name__})"
    try:
        known = next(r for r in KNOWN if r == role)
        return check(store, known, settings.heartbeat_max_age)
    except Exception as exc:
        return f"the heartbeats cannot be read ({type(exc).__name__})"
    finally:
        store.close()


def dependency_urls() -> dict[str, str]:
    """The services the settings point at, by setting name."""
    from vindplaats.settings import load_settings

    settings = load_settings()
    urls: dict[str, str] = {}
    if settings.database_url is not None and settings.database_url.get_secret_value():
        urls["VINDPLAATS_DATABASE_URL"] = settings.database_url.get_secret_value()
    if settings.engine == "elasticsearch":
        urls["VINDPLAATS_ELASTICSEARCH_URL"] = settings.elasticsearch_url
    if settings.tika_url:
        urls["VINDPLAATS_TIKA_URL"] = settings.tika_url
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


def check_dependencies() -> list[str | None]:
    from vindplaats.errors import ConfigError

    try:
        urls = dependency_urls()
    except ConfigError as exc:
        return [str(exc)]
    return [check_tcp(name, url) for name, url in urls.items()]


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "http":
        problems = [check_http(argv[1])]
    elif len(argv) == 2 and argv[0] == "heartbeat" and argv[1] in ROLES:
        problems = [check_heartbeat(argv[1])]
    elif argv == ["deps"]:
        problems = check_dependencies()
    else:
        print("usage: healthcheck.py http URL | heartbeat worker|scheduler | deps", file=sys.stderr)
        return 2
    failed = [problem for problem in problems if problem]
    for problem in failed:
        print(f"unhealthy: {problem}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
