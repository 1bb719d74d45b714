"""Running the app with uvicorn on a socket bound up front (so the real port is known first).

`bind(host, port, tries=N)` tries `port`, `port+1`, ... and raises `ConfigError` when none is
free; `serve(app, sock, log_level)` runs uvicorn on it until Ctrl-C (or `should_exit`).
"""

from __future__ import annotations

import socket

import uvicorn
from starlette.applications import Starlette

from vindplaats.errors import ConfigError


def bind(host: str, port: int, tries: int = 1) -> socket.socket:
    """A listening TCP socket on host:port (or the next free port, within `tries` ports)."""
    try:
        infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise ConfigError(f"cannot listen on {host!r}: {exc.strerror}") from None
    family = infos[0][0]
    last_error = ""
    for candidate in range(port, min(port + max(tries, 1), 65536)):
        sock = socket.socket(family, socket.SOCK_STREAM)
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind((host, candidate))
            sock.listen(128)
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


def make_server(app: Starlette, log_level: str = "info", access_log: bool = True) -> uvicorn.Server:
    config = uvicorn.Config(app, log_level=log_level.lower(), access_log=access_log, lifespan="on")
    return uvicorn.Server(config)


def serve(app: Starlette, sock: socket.socket, log_level: str = "info") -> None:
    """Serve until Ctrl-C (a normal stop: returns); the socket is closed afterwards."""
    server = make_server(app, log_level)
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        pass  # uvicorn shut down gracefully, then re-raised the Ctrl-C it captured
    finally:
        sock.close()
