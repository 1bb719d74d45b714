"""The Apache Tika server client: one file → `PUT <url>/tika` → XHTML → page texts.

Every request carries a time limit twice: `X-Tika-Timeout-Millis` asks the server to give up on
the parse (Tika server 3.x then restarts its forked parser process) and the client stops waiting
at the caller's deadline. The server accepts the header only between its `minimumTimeoutMillis`
(default 30 s) and `taskTimeoutMillis` (default 300 s), so the value is clamped to that range;
a server configured with a lower `taskTimeoutMillis` says so in its refusal, and the client then
asks for that instead.

Unavailability is retried with exponential backoff (`ATTEMPTS`, `BACKOFF`, `BACKOFF_MAX`, never
past the deadline): connection refused (a server that is restarting its parser process refuses
connections for about 15 s), connection reset or closed mid-answer, and HTTP 502/503 (a load
balancer in front of a pool). A file that crashes the server is retried too, within the same
bound. Whatever happens ends as `TikaServerError` with a message for people; the route records it
as a failed extraction.

OCR is asked off (`X-Tika-PDFOcrStrategy: no_ocr`, `X-Tika-OCRskipOcr: true`): pages without a
text layer are OCR'd by `ocr.py` exactly as on the embedded route, so results do not depend on
which tesseract languages the server happens to have. Servers older than 3.2.2 (the XFA entity
flaw, CVE-2025-66516) are refused. Proxy environment variables are ignored: the Tika server is an
internal service.
"""

from __future__ import annotations

import re
import threading
import time
from pathlib import Path
from types import TracebackType
from typing import IO

import httpx

from normalize.extract.embedded import output_limit
from normalize.extract.tika_xhtml import (
    ServerOutput,
    TikaServerError,
    first_line,
    parse_failure,
    parse_version,
    server_output,
)

ATTEMPTS = 6
BACKOFF = 1.0  # seconds before the second attempt; doubles per attempt
BACKOFF_MAX = 8.0
MIN_VERSION = (3, 2, 2)
TIMEOUT_HEADER = "X-Tika-Timeout-Millis"
SERVER_MIN_TIMEOUT_MS = 30_000  # Tika server's default minimumTimeoutMillis
SERVER_MAX_TIMEOUT_MS = 300_000  # Tika server's default taskTimeoutMillis
VERSION_TTL = 300.0  # seconds an answer of GET /version is trusted (servers get upgraded)
RETRY_STATUS = frozenset({502, 503})
_TASK_CAP = re.compile(r"greater than the taskTimeoutMillis set in the server config \((\d+)ms\)")
_SAFE_NAME = re.compile(r"^[\w.\- ]{1,200}$", re.ASCII)


class _Unavailable(Exception):
    """One attempt found the server unavailable; worth another try."""

    def __init__(self, reason: str, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.retry_after = retry_after


def server_agent(version: tuple[int, int, int] | None) -> str:
    """ "Apache Tika server 3.3.2" (the agent recorded on results of this route)."""
    if version is None:
        return "Apache Tika server (version unknown)"
    return "Apache Tika server " + ".".join(map(str, version))


class TikaServer:
    """A client of one Tika server URL (one server or a load balancer in front of a pool).

    >>> with TikaServer("http://127.0.0.1:9998") as server:
    ...     output = server.parse(Path("raadsvoorstel.pdf"), time.monotonic() + 60, 10**7)
    """

    def __init__(
        self,
        url: str,
        *,
        attempts: int = ATTEMPTS,
        backoff: float = BACKOFF,
        backoff_max: float = BACKOFF_MAX,
    ) -> None:
        self.url = url.rstrip("/")
        self.attempts = max(1, attempts)
        self.backoff = backoff
        self.backoff_max = backoff_max
        self._client = httpx.Client(follow_redirects=False, trust_env=False)
        self._version: tuple[int, int, int] | None = None
        self._version_at = float("-inf")
        self._max_timeout_ms = SERVER_MAX_TIMEOUT_MS

    def __enter__(self) -> TikaServer:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    @property
    def agent(self) -> str:
        return server_agent(self._version)

    def parse(self, path: Path, deadline: float, max_chars: int) -> ServerOutput:
        """Extract one file before `deadline` (time.monotonic()). Raises TikaServerError.
        Thread-safe: one client may serve several threads."""
        attempt = 0
        while True:
            attempt += 1
            try:
                self._check_version(deadline)
                return self._put(path, deadline, max_chars)
            except _Unavailable as exc:
                wait = exc.retry_after
                if wait is None:
                    wait = min(self.backoff * 2 ** (attempt - 1), self.backoff_max)
                if attempt >= self.attempts or time.monotonic() + wait >= deadline:
                    noun = "attempt" if attempt == 1 else "attempts"
                    raise TikaServerError(
                        f"Tika server at {self.url} unavailable after {attempt} {noun}: {exc}"
                    ) from exc
                time.sleep(wait)

    def _check_version(self, deadline: float) -> None:
        if time.monotonic() - self._version_at < VERSION_TTL:
            return
        text, _ = self._stream("GET", "/version", deadline, {}, None, 1 << 16)
        version = parse_version(text)
        if version is None:
            raise TikaServerError(f"{self.url}/version does not name a Tika version: {text!r}")
        self._version, self._version_at = version, time.monotonic()
        if version < MIN_VERSION:
            raise TikaServerError(
                f"Tika server {'.'.join(map(str, version))} at {self.url} is older than 3.2.2 "
                "and parses XFA forms with external entities (CVE-2025-66516); not used"
            )

    def _put(self, path: Path, deadline: float, max_chars: int) -> ServerOutput:
        remaining_ms = int((deadline - time.monotonic()) * 1000)
        asked_ms = min(max(SERVER_MIN_TIMEOUT_MS, remaining_ms), self._max_timeout_ms)
        headers = {
            "Accept": "text/html",
            TIMEOUT_HEADER: str(asked_ms),
            "X-Tika-PDFOcrStrategy": "no_ocr",
            "X-Tika-OCRskipOcr": "true",
        }
        if _SAFE_NAME.match(path.name):  # a detection hint, as the embedded route has it too
            headers["Content-Disposition"] = f'attachment; filename="{path.name}"'
        limit = output_limit(max_chars) * 4 + (1 << 20)  # UTF-8 bytes, plus the markup
        try:
            with path.open("rb") as handle:
                body, truncated = self._stream("PUT", "/tika", deadline, headers, handle, limit)
        except OSError as exc:
            raise TikaServerError(f"the file could not be read ({exc})") from exc
        return server_output(body, truncated)

    def _stream(
        self,
        method: str,
        path: str,
        deadline: float,
        headers: dict[str, str],
        content: IO[bytes] | None,
        limit: int,
    ) -> tuple[str, bool]:
        """The answer's text (at most `limit` bytes: then truncated=True). Raises _Unavailable
        for what is worth retrying and TikaServerError for the rest."""
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TikaServerError("no time left for the Tika server (extraction time limit)")
        timeout = httpx.Timeout(remaining, connect=min(remaining, 10.0))
        url = self.url + path
        # A file is sent in 64 KiB reads with its Content-Length (httpx reads file objects so).
        request = self._client.build_request(
            method, url, headers=headers, content=content, timeout=timeout
        )
        try:
            response = self._client.send(request, stream=True)
            try:
                return self._read(response, deadline, limit)
            finally:
                response.close()
        except httpx.ConnectTimeout as exc:
            raise _Unavailable(f"no connection within {timeout.connect:g} s") from exc
        except httpx.TimeoutException as exc:
            raise TikaServerError(
                f"the Tika server did not answer within {remaining:.0f} s (extraction time limit)"
            ) from exc
        except httpx.ConnectError as exc:
            raise _Unavailable(f"cannot connect ({_reason(exc)})") from exc
        except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError) as exc:
            raise _Unavailable(f"connection closed or reset ({_reason(exc)})") from exc
        except httpx.HTTPError as exc:
            raise TikaServerError(f"request to the Tika server failed ({_reason(exc)})") from exc

    def _read(self, response: httpx.Response, deadline: float, limit: int) -> tuple[str, bool]:
        status = response.status_code
        if status in RETRY_STATUS:
            raise _Unavailable(f"HTTP {status}", _retry_after(response, deadline))
        chunks: list[bytes] = []
        size, truncated = 0, False
        for chunk in response.iter_bytes():
            if time.monotonic() > deadline:
                raise TikaServerError("the Tika server's answer took too long (time limit)")
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                truncated = True
                break
        data = b"".join(chunks)[:limit]
        text = data.decode(response.encoding or "utf-8", "replace")
        if status == 200:
            return text, truncated
        cap = _TASK_CAP.search(text)
        if status == 500 and cap and int(cap.group(1)) < self._max_timeout_ms:
            self._max_timeout_ms = max(int(cap.group(1)), 1000)
            raise _Unavailable(f"the server caps {TIMEOUT_HEADER} at {cap.group(1)} ms", 0.0)
        if status in (415, 422):
            raise TikaServerError(parse_failure(status, text))
        detail = f": {first_line(text)}" if text.strip() else ""
        raise TikaServerError(f"the Tika server answered HTTP {status} to {response.url}{detail}")


def _retry_after(response: httpx.Response, deadline: float) -> float | None:
    """Seconds from a numeric Retry-After header, at most until the deadline."""
    value = response.headers.get("Retry-After", "").strip()
    if not value.isdigit():
        return None
    return min(float(value), max(0.0, deadline - time.monotonic()))


def _reason(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {first_line(text)}" if text else type(exc).__name__


_servers: dict[str, TikaServer] = {}
_servers_lock = threading.Lock()


def server_for(url: str) -> TikaServer:
    """The process-wide client of `url` (the extraction worker keeps its connections open)."""
    with _servers_lock:
        server = _servers.get(url)
        if server is None:
            server = _servers[url] = TikaServer(url)
        return server
