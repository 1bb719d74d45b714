"""`SpiderErrors`: how a supplier spider records what went wrong, in plain words.

Part of `crawlers.base.BaseSupplierSpider` (kept apart so each module stays small): error lines
(`record_error`: counted, each capped at `VINDPLAATS_MAX_ERROR_CHARS`, at most `max_errors` kept),
fetch guard refusals, errors a supplier delivers in an answer (its "not public" messages are
counted as `skipped_non_public` instead), the error that fails the whole crawl (`fatal`), and a
failed request described for a reader (`describe_failure`: HTTP status and the supplier's
message, an unresolvable or refused host, a time-out, an answer over its size cap).
"""

from __future__ import annotations

import contextlib
import json
from collections import Counter
from http import HTTPStatus
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import DNSLookupError, TimeoutError
from twisted.python.failure import Failure

from crawlers.counts import ERRORS, REFUSED, SKIPPED_NON_PUBLIC
from crawlers.middlewares import RefusedRequest
from crawlers.resolver import refusal_for
from crawlers.sizes import too_large
from vindplaats.settings import Settings
from vindplaats.store.run_errors import cap_message


class SpiderErrors(scrapy.Spider):
    """The error half of `BaseSupplierSpider`; its knobs (`skip_messages`, `max_errors`,
    `max_error_chars`) are set there."""

    skip_messages: ClassVar[tuple[str, ...]]
    max_errors: int
    max_error_chars: int
    counts: Counter[str]
    errors: list[str]
    fatal_error: str | None
    config: Settings | None
    _error_lines: int

    if TYPE_CHECKING:

        def detect_error(self, data: Any) -> str | None: ...

    # -- errors -----------------------------------------------------------------------------
    def record_error(self, message: str, *, count: str = ERRORS) -> None:
        self.counts[count] += 1
        self._error_lines += 1
        message = cap_message(message, self.max_error_chars)
        if len(self.errors) < self.max_errors:
            self.errors.append(message)
        self.logger.warning(message)

    def record_refusal(self, url: str, reason: str) -> None:
        """Called by the fetch guard middleware for every refused request."""
        self.record_error(reason, count=REFUSED)

    def supplier_error(self, response: Response, message: str) -> None:
        """An error the supplier delivered in a response (often as HTTP 200)."""
        if self.is_skip_message(message):
            self.counts[SKIPPED_NON_PUBLIC] += 1
            self.logger.info("not public: %s (%s)", response.url, message)
            return
        self.record_error(f"{response.url}: {message}")

    def is_skip_message(self, message: str) -> bool:
        text = message.lower()
        return any(skip.lower() in text for skip in self.skip_messages)

    def fatal(self, message: str) -> None:
        """The source's API cannot be read: the crawl fails as a whole."""
        if self.fatal_error is None:
            self.fatal_error = message
        self.record_error(message)

    def describe_failure(self, failure: Failure) -> str | None:
        """A plain-words description of a failed request; None when it was already reported
        (a fetch guard refusal) or is not an error (a 'not public' answer)."""
        request = getattr(failure, "request", None)
        url = request.url if request is not None else "?"
        exc = failure.value
        if isinstance(exc, RefusedRequest):
            return None
        oversized = too_large(exc, request, self.config) if request is not None else None
        if oversized is not None:
            return str(oversized)
        if isinstance(exc, HttpError):
            response: Response = exc.response
            detail = None
            with contextlib.suppress(ValueError):
                detail = self.detect_error(json.loads(response.body))
            if detail and self.is_skip_message(detail):
                self.counts[SKIPPED_NON_PUBLIC] += 1
                return None
            text = f"HTTP {response.status} {reason_phrase(response.status)}: {response.url}"
            return text + (f" ({detail})" if detail else "")
        if failure.check(DNSLookupError) or type(exc).__name__ == "CannotResolveHostError":
            refused = refusal_for(urlsplit(url).hostname)
            if refused is not None:
                self.record_refusal(url, f"{refused} (request {url})")
                return None
            return f"cannot resolve host: {url}"
        if failure.check(TimeoutError) or type(exc).__name__ == "DownloadTimeoutError":
            return f"timed out: {url}"
        return f"{type(exc).__name__}: {str(exc) or 'request failed'}: {url}"

    def request_failed(self, failure: Failure) -> None:
        """Default errback of API requests: record the failure, the crawl goes on."""
        message = self.describe_failure(failure)
        if message is not None:
            self.record_error(message)


def reason_phrase(status: int) -> str:
    """The reason phrase of an HTTP status ("Not Found"); "" for a status without one."""
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""
