"""Fetching a published file over HTTP through the fetch guard (`vindplaats.net.guard`).

Every connection goes to an address `resolve_checked` approved for the host, never to a second
lookup (DNS rebinding); TLS still verifies the certificate for the host name. Every redirect hop
is checked again, at most `MAX_REDIRECTS`. Environment proxies are ignored (they would bypass
the guard). An answer is read up to a cap on its decoded bytes, so a compressed bomb stops there.
"""

from __future__ import annotations

from collections.abc import Iterable
from types import TracebackType
from urllib.parse import urljoin

import httpcore
import httpx

from vindplaats.errors import UnsafeURLError, VindplaatsError
from vindplaats.net.guard import check_url, resolve_checked, shown_url

MAX_REDIRECTS = 5


class FetchError(VindplaatsError):
    """A file could not be fetched (no answer, an HTTP error, too many redirects)."""


class _GuardedBackend(httpcore.NetworkBackend):
    """Connects only to addresses the fetch guard approved for the host."""

    def __init__(self, allow_private: bool) -> None:
        self._inner = httpcore.SyncBackend()
        self._allow_private = allow_private

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        try:
            addresses = resolve_checked(host, port, allow_private=self._allow_private)
        except OSError as exc:  # socket.gaierror: the name does not resolve
            raise httpcore.ConnectError(f"{host} does not resolve ({exc})") from None
        failure: Exception = httpcore.ConnectError(f"no address of {host} answered")
        for address in addresses:
            try:
                return self._inner.connect_tcp(
                    address, port, timeout, local_address, socket_options
                )
            except httpcore.ConnectError as exc:
                failure = exc
        raise failure

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("unix sockets are never fetched")

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


class GuardedTransport(httpx.HTTPTransport):
    """An httpx transport that connects only where the fetch guard allows (public addresses,
    or private ones too with `allow_private`); never to a unix socket; the environment's proxy
    and certificate settings are not read."""

    def __init__(self, allow_private: bool) -> None:
        super().__init__(trust_env=False)
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=4,
            network_backend=_GuardedBackend(allow_private),
        )


class Fetcher:
    """GET files one at a time through the fetch guard; use as a context manager."""

    def __init__(self, *, allow_private: bool, user_agent: str, timeout: float) -> None:
        self._allow_private = allow_private
        self._client = httpx.Client(
            transport=GuardedTransport(allow_private),
            headers={"User-Agent": user_agent},
            timeout=timeout,
            follow_redirects=False,
            trust_env=False,
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._client.close()

    def get(self, url: str, limit: int) -> bytes:
        """The body of `url` (decoded), at most `limit + 1` bytes: more means over the cap.

        Raises UnsafeURLError when the guard refuses a hop, FetchError for anything else.
        """
        for _ in range(MAX_REDIRECTS + 1):
            check_url(url, allow_private=self._allow_private)
            try:
                with self._client.stream("GET", url) as answer:
                    if answer.is_redirect and "location" in answer.headers:
                        url = urljoin(url, answer.headers["location"])
                        continue
                    if answer.status_code != 200:
                        raise FetchError(f"HTTP {answer.status_code} from {shown_url(url)}")
                    return _read(answer, limit)
            except (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError) as exc:
                raise FetchError(f"{shown_url(url)}: {type(exc).__name__}: {exc}") from None
            except OSError as exc:
                raise FetchError(f"{shown_url(url)}: {exc}") from None
        raise FetchError(f"more than {MAX_REDIRECTS} redirects from {shown_url(url)}")


def _read(answer: httpx.Response, limit: int) -> bytes:
    body = bytearray()
    for chunk in answer.iter_bytes():
        body += chunk
        if len(body) > limit:
            return bytes(body[: limit + 1])
    return bytes(body)


__all__ = ["FetchError", "Fetcher", "UnsafeURLError"]
