"""Running the app with uvicorn on a socket bound up front (so the real port is known first).

`bind(host, port, tries=N)` tries `port`, `port+1`, ... and raises `ConfigError` when none is
free; `serve(app, sock, log_level)` runs uvicorn on it until Ctrl-C (or `should_exit`);
`search_api.workers` runs several worker processes on the same socket.

The socket is a TCP socket (`IPPROTO_TCP`, TCP_NODELAY) with a listen backlog of `BACKLOG`, and
uvicorn speaks HTTP through `search_api.protocol.ApiH11Protocol` (TCP_NODELAY on every accepted
connection, JSON 400 answers for requests it cannot parse, request head capped).
"""

from __future__ import annotations

import socket
from collections.abc import Callable

import uvicorn
from starlette.applications import Starlette
from starlette.types import ASGIApp

from search_api.protocol import MAX_HEAD_BYTES, ApiH11Protocol
from vindplaats.errors import ConfigError
from vindplaats.logs import uvicorn_log_config

BACKLOG = 2048  # connections waiting to be accepted (the kernel caps it at net.core.somaxconn)


def bind(host: str, port: int, tries: int = 1) -> socket.socket:
    """A listening TCP socket on host:port (or the next free port, within `tries` ports)."""
    try:
        infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise ConfigError(f"cannot listen on {host!r}: {exc.strerror}") from None
    family = infos[0][0]
    last_error = ""
    for candidate in range(port, min(port + max(tries, 1), 65536)):
        # IPPROTO_TCP, not 0: asyncio sets TCP_NODELAY only on sockets that say they are TCP
        sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # inherited by accepts
            sock.bind((host, candidate))
            sock.listen(BACKLOG)
        except OSError as exc:
            sock.close()
            last_error = exc.strerror or str(exc)
            if port == 0:
                break
            continue
        return sock
    span = f"{port}" if tries <= 1 else f"{port}-{port + tries - 1}"
    raise ConfigError(f"cannot listen on {host}:{span}: {last_error}")


def url_of(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}"


def make_config(
    app: Starlette | Callable[[], ASGIApp],
    log_level: str = "info",
    access_log: bool = True,
    workers: int = 1,
) -> uvicorn.Config:
    """uvicorn's configuration: an app, or (for worker processes) a factory each worker calls."""
    return uvicorn.Config(
        app,
        factory=not isinstance(app, Starlette),
        http=ApiH11Protocol,
        log_config=uvicorn_log_config(log_level=log_level),
        log_level=log_level.lower(),
        access_log=access_log,
        lifespan="on",
        backlog=BACKLOG,
        h11_max_incomplete_event_size=MAX_HEAD_BYTES,
        workers=workers,
    )


def make_server(app: Starlette, log_level: str = "info", access_log: bool = True) -> uvicorn.Server:
    return uvicorn.Server(make_config(app, log_level, access_log))


def serve(app: Starlette, sock: socket.socket, log_level: str = "info") -> None:
    """Serve until Ctrl-C (a normal stop: returns); the socket is closed afterwards."""
    server = make_server(app, log_level)
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        pass  # uvicorn shut down gracefully, then re-raised the Ctrl-C it captured
    finally:
        sock.close()
