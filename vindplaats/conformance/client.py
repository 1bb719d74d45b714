"""The checker's HTTP client: every request through the fetch guard, polite and bounded.

- Every connection goes through the guarded transport of `vindplaats.woo.fetch` (addresses the
  fetch guard approved, no second lookup, environment proxies ignored); every redirect hop is
  checked again, at most `MAX_REDIRECTS`.
- A request budget (`Limits.max_requests`) and a time cap (`Limits.time_limit`) end the check:
  `Exhausted` is raised before a request that would exceed either.
- A polite pace: at least `Limits.pace` seconds between the starts of two requests.
- 429: the checker waits `Retry-After` (seconds or an HTTP date) or `X-Rate-Limit-Reset`
  (seconds, or a Unix time), at most `MAX_WAIT` seconds and never past the time cap, and tries
  again (at most `MAX_RETRIES` times); each URL that answered 429 is an ORI-RATE-LIMITED warning.
- Size caps: a JSON answer is read up to `MAX_JSON_BYTES`, a file up to `Limits.max_file_bytes`
  (of a file only the first `FILE_PEEK` bytes are kept: its status and Content-Type are what
  is checked); a larger answer (by its Content-Length or as streamed) is an ORI-SIZE warning
  and is not used further. All answers together are read up to `Limits.max_bytes`.
- Timeouts: `Settings.request_timeout` per request, less when the time cap is nearer.
- Credentials in the base URL (`https://user:password@host/api`) are sent (HTTP Basic) to that
  origin only, also for its URLs written without them; never to another host.

A request that gets no answer (refused by the guard, no connection, a timeout) gives an `Answer`
with status 0 and the reason in `error`; the caller turns it into the finding of its rule.
"""

from __future__ import annotations

import email.utils
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from types import TracebackType
from urllib.parse import unquote, urljoin, urlsplit

import httpx

from vindplaats.conformance.report import Report
from vindplaats.errors import UnsafeURLError
from vindplaats.net.guard import check_url, shown_url
from vindplaats.settings import Settings
from vindplaats.woo.fetch import GuardedTransport

MAX_REDIRECTS = 5
MAX_RETRIES = 3
MAX_WAIT = 30.0  # seconds waited at most after one 429
MAX_JSON_BYTES = 16 * 1024 * 1024
FILE_PEEK = 64 * 1024  # bytes of a file read: enough to see that it downloads


@dataclass(frozen=True)
class Limits:
    """How much one check may ask of a supplier."""

    max_requests: int = 500
    time_limit: float = 300.0  # seconds
    max_bytes: int = 256 * 1024 * 1024  # read in all
    max_file_bytes: int = 16 * 1024 * 1024  # read of one file
    max_pages: int = 100  # pages read of one collection
    pace: float = 0.1  # seconds at least between two requests


class Exhausted(Exception):
    """The request budget, the byte budget or the time cap is used up."""


@dataclass
class Answer:
    url: str  # the URL answering (after redirects)
    status: int  # 0: no answer
    headers: dict[str, str] = field(default_factory=dict)  # names in lower case
    body: bytes = b""
    over_cap: bool = False
    error: str = ""

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";", 1)[0].strip().lower()

    @property
    def is_json(self) -> bool:
        kind = self.content_type
        return kind == "application/json" or (
            kind.startswith("application/") and kind.endswith("+json")
        )

    def describe(self) -> str:
        """What answered, for the `found` of a finding."""
        if self.status == 0:
            return f"no answer ({self.error})"
        return f"HTTP {self.status}, Content-Type {self.content_type or '(none)'}"


class Client:
    """GET through the fetch guard within the limits; use as a context manager."""

    def __init__(
        self,
        settings: Settings,
        limits: Limits,
        report: Report,
        progress: Callable[[int], None] | None = None,
        base: str = "",
    ) -> None:
        self.limits = limits
        self.report = report
        self._auth = _credentials(base)
        self._progress = progress
        self._allow_private = settings.allow_private_networks
        self._timeout = settings.request_timeout
        self._client = httpx.Client(
            transport=GuardedTransport(settings.allow_private_networks),
            headers={"User-Agent": settings.user_agent, "Accept": "application/json"},
            timeout=settings.request_timeout,
            follow_redirects=False,
            trust_env=False,
        )
        self._started = time.monotonic()
        self._last = 0.0
        self.bytes = 0

    def __enter__(self) -> Client:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._client.close()
        self.report.seconds = time.monotonic() - self._started

    def left(self) -> float:
        """Seconds left before the time cap."""
        return self.limits.time_limit - (time.monotonic() - self._started)

    def get(
        self, url: str, resource: str, record: str = "", *, field: str = "", file: bool = False
    ) -> Answer:
        """GET `url` (a file when `file`), following checked redirects; 429 waited out. A
        warning (429, size) is a finding on `resource`, `record`, `field`."""
        cap = self.limits.max_file_bytes if file else MAX_JSON_BYTES
        for _ in range(MAX_RETRIES + 1):
            answer = self._follow(url, cap, FILE_PEEK if file else cap)
            if answer.status != 429:
                break
            self.report.add(
                "ORI-RATE-LIMITED",
                resource,
                record,
                field=field,
                expected="an answer within the rate limit",
                found=f"HTTP 429, {_wait_header(answer)}",
                url=url,
            )
            self._wait(answer)
        if answer.over_cap:
            self.report.add(
                "ORI-SIZE",
                resource,
                record,
                field=field,
                expected=f"at most {cap:,} bytes",
                found="a larger answer (not read in full)",
                url=url,
            )
        return answer

    def _follow(self, url: str, cap: int, keep: int) -> Answer:
        for _ in range(MAX_REDIRECTS + 1):
            try:
                check_url(url, allow_private=self._allow_private)
            except UnsafeURLError as exc:
                return Answer(url, 0, error=str(exc))
            answer = self._once(url, cap, keep)
            location = answer.headers.get("location")
            if answer.status in (301, 302, 303, 307, 308) and location:
                url = urljoin(url, location)
                continue
            return answer
        return Answer(url, 0, error=f"more than {MAX_REDIRECTS} redirects")

    def _once(self, url: str, cap: int, keep: int) -> Answer:
        self._spend()
        try:
            accept = {"Accept": "*/*" if keep < cap else "application/json"}
            auth = self._auth[1] if self._auth and _origin(url) == self._auth[0] else None
            timeout = max(1.0, min(self._timeout, self.left()))  # never far past the time cap
            with self._client.stream(
                "GET", url, headers=accept, auth=auth, timeout=timeout
            ) as response:
                headers = {k.lower(): v for k, v in response.headers.items()}
                answer = Answer(url, response.status_code, headers)
                if response.status_code in (301, 302, 303, 307, 308, 429):
                    return answer
                declared = headers.get("content-length", "")
                if declared.isdigit() and int(declared) > cap:
                    answer.over_cap = True
                    return answer
                answer.body, answer.over_cap = self._read(response, cap, keep)
                return answer
        except UnsafeURLError as exc:
            return Answer(url, 0, error=str(exc))
        except (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError, OSError) as exc:
            return Answer(url, 0, error=f"{type(exc).__name__}: {exc}"[:300])

    def _read(self, response: httpx.Response, cap: int, keep: int) -> tuple[bytes, bool]:
        """The first `keep` bytes of a body read up to `cap`; True when it is longer."""
        body = bytearray()
        length = 0
        for chunk in response.iter_bytes():
            length += len(chunk)
            self.bytes += len(chunk)
            if len(body) < keep:
                body += chunk[: keep - len(body)]
            if length > cap:
                return bytes(body), True
            if self.bytes > self.limits.max_bytes:
                raise Exhausted(f"{self.limits.max_bytes:,} bytes read")
        return bytes(body), False

    def _spend(self) -> None:
        if self.report.requests >= self.limits.max_requests:
            raise Exhausted(f"the request budget of {self.limits.max_requests} is used up")
        if self.left() <= 0:
            raise Exhausted(f"the time cap of {self.limits.time_limit:g} seconds is reached")
        pause = self._last + self.limits.pace - time.monotonic()
        if pause > 0:
            time.sleep(pause)
        self._last = time.monotonic()
        self.report.requests += 1
        if self._progress is not None:
            self._progress(self.report.requests)

    def _wait(self, answer: Answer) -> None:
        seconds = min(_wait_seconds(answer), MAX_WAIT)
        if seconds >= self.left():
            raise Exhausted("the supplier asked to wait past the time cap (HTTP 429)")
        time.sleep(max(seconds, 0.0))


def _origin(url: str) -> tuple[str, str, int | None]:
    try:
        parts = urlsplit(url)
        return parts.scheme.lower(), (parts.hostname or "").lower(), parts.port
    except ValueError:
        return "", "", None


def _credentials(base: str) -> tuple[tuple[str, str, int | None], httpx.BasicAuth] | None:
    """The origin of the base URL and the Basic credentials its `user:password@` gives."""
    try:
        parts = urlsplit(base)
    except ValueError:
        return None
    if parts.username is None:
        return None
    user, password = unquote(parts.username), unquote(parts.password or "")
    return _origin(base), httpx.BasicAuth(user, password)


def _wait_header(answer: Answer) -> str:
    for name in ("retry-after", "x-rate-limit-reset"):
        if name in answer.headers:
            return f"{name}: {shown_url(answer.headers[name], limit=60)}"
    return "no Retry-After"


def _wait_seconds(answer: Answer) -> float:
    """Seconds a 429 asks to wait: Retry-After (seconds or HTTP date) or X-Rate-Limit-Reset
    (seconds, or a Unix time when larger than a day); 1 when neither is readable."""
    value = answer.headers.get("retry-after", "").strip()
    if value:
        if value.isdigit():
            return float(value)
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            when = None
        if when is not None and when.tzinfo is not None:
            return when.timestamp() - time.time()
    reset = answer.headers.get("x-rate-limit-reset", "").strip()
    if reset.isdigit():
        number = float(reset)
        return number - time.time() if number > 86_400 else number
    return 1.0
