"""The Parlaeus token (`rid`): kept out of every error line, record and log line.

Parlaeus authenticates with `rid=<token>` in the query string of every call, so every API URL
carries the secret. What leaves the crawl is cleaned here: error messages get `rid=***` (and
the token itself masked wherever it appears), `source_url` of records loses the parameter, and
`SecretLogFilter`, installed on the root log handlers for the life of the crawl process, does
the same to every log line (Scrapy logs request URLs at DEBUG and failed retries at ERROR).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from urllib.parse import parse_qsl, urlencode, urlsplit

RID = re.compile(r"(?i)(\brid=)[^&#\s'\"<>:;,()\[\]]*")
MASKED = r"\1***"


def mask_rid(text: str) -> str:
    """Every `rid=<value>` in `text` becomes `rid=***`."""
    return RID.sub(MASKED, text)


def without_rid(url: str) -> str:
    """`url` without its `rid` query parameter (for `source_url` of records)."""
    parts = urlsplit(url)
    if not parts.query:
        return url
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "rid"]
    return parts._replace(query=urlencode(query)).geturl()


class SecretLogFilter(logging.Filter):
    """Rewrites each log record's message (and traceback text) through `redact`."""

    def __init__(self, redact: Callable[[str], str]) -> None:
        super().__init__("vindplaats.secrets")
        self.redact = redact

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # a broken format string: keep the raw text
            message = str(record.msg)
        record.msg, record.args = self.redact(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


def install_log_filter(redact: Callable[[str], str]) -> SecretLogFilter:
    """Add a `SecretLogFilter` to every handler of the root logger (where Scrapy's handler
    and any configured one live); returns it for `remove_log_filter`."""
    secret_filter = SecretLogFilter(redact)
    for handler in logging.getLogger().handlers:
        handler.addFilter(secret_filter)
    return secret_filter


def remove_log_filter(secret_filter: SecretLogFilter) -> None:
    for handler in logging.getLogger().handlers:
        handler.removeFilter(secret_filter)
