"""Logging for every process of Vindplaats: one format chosen by `VINDPLAATS_LOG_FORMAT`.

- `text` (the default): `2026-12-01 22:00:00,123 INFO vindplaats.api [3f2a…]: message`, the
  request id in brackets only while a request is being served;
- `json`: one JSON object per line with `time` (UTC, ISO 8601), `level`, `logger`, `message`,
  `pid`, `request_id` (while serving a request) and `exception` (the traceback as text).

The request id lives in a context variable (`request_id_var`, set by the API's request-id
middleware). A log record factory (`install_record_factory`) copies it onto every record when
the record is made, so every handler sees it: ours, uvicorn's access log, pytest's capture.

`configure_logging(settings)` sets up the root logger (the CLI calls it at start);
`uvicorn_log_config(...)` is the same set-up as a `logging.config.dictConfig` dict for uvicorn,
which applies it in every worker process it starts, with its own loggers (`uvicorn.error`,
`uvicorn.access`) sent through the root handler; `use_format(settings)` re-formats the handlers
someone else installed (Scrapy's in the crawl child).

Filters already on a handler (the Parlaeus token filter rewrites messages and traceback text)
run before the formatter; the formatters use a record's `exc_text` when a filter set it.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any, Literal

from vindplaats.settings import Settings

LogFormat = Literal["text", "json"]

request_id_var: ContextVar[str | None] = ContextVar("vindplaats_request_id", default=None)

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s%(request_tag)s: %(message)s"
UVICORN_LOGGERS = ("uvicorn", "uvicorn.error", "uvicorn.access", "uvicorn.asgi")

_factory_installed = False
_configured: LogFormat = "text"


def install_record_factory() -> None:
    """Make every log record carry `request_id` (None outside a request); idempotent."""
    global _factory_installed
    if _factory_installed:
        return
    previous: Callable[..., logging.LogRecord] = logging.getLogRecordFactory()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        record.request_id = request_id_var.get()
        return record

    logging.setLogRecordFactory(factory)
    _factory_installed = True


def _request_id(record: logging.LogRecord) -> str | None:
    value = getattr(record, "request_id", None)
    return value if isinstance(value, str) and value else None


def _exception_text(formatter: logging.Formatter, record: logging.LogRecord) -> str | None:
    """The traceback as text; a filter's (redacted) `exc_text` wins over `exc_info`."""
    if record.exc_info and not record.exc_text:
        record.exc_text = formatter.formatException(record.exc_info)
    return record.exc_text or None


class TextFormatter(logging.Formatter):
    """The classic one-line format, with ` [request id]` after the logger while serving."""

    def __init__(self, fmt: str = TEXT_FORMAT, datefmt: str | None = None) -> None:
        super().__init__(fmt, datefmt)

    def format(self, record: logging.LogRecord) -> str:
        request_id = _request_id(record)
        record.request_tag = f" [{request_id}]" if request_id else ""
        return super().format(record)


class JsonFormatter(logging.Formatter):
    """One JSON object per line; newlines in messages and tracebacks stay inside strings."""

    def format(self, record: logging.LogRecord) -> str:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # a broken format string: keep the raw text
            message = str(record.msg)
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": message,
            "pid": record.process,
        }
        request_id = _request_id(record)
        if request_id:
            entry["request_id"] = request_id
        exception = _exception_text(self, record)
        if exception:
            entry["exception"] = exception
        if record.stack_info:
            entry["stack"] = record.stack_info
        return json.dumps(entry, ensure_ascii=False, default=str)


def formatter(log_format: LogFormat) -> logging.Formatter:
    return JsonFormatter() if log_format == "json" else TextFormatter()


def configure_logging(settings: Settings, stream: Any = None) -> None:
    """Root logger at `settings.log_level`, one handler on stderr in `settings.log_format`.

    Replaces the root handlers this module installed before (calling it twice is harmless)
    and leaves handlers others installed (e.g. pytest's) alone."""
    global _configured
    install_record_factory()
    _configured = settings.log_format
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_vindplaats", False):
            root.removeHandler(handler)
            handler.close()
    handler = logging.StreamHandler(stream if stream is not None else sys.stderr)
    handler.setFormatter(formatter(settings.log_format))
    handler._vindplaats = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(settings.log_level)


def use_format(settings: Settings) -> None:
    """Give every root handler (installed by e.g. Scrapy) the formatter of
    `settings.log_format`, and make records carry the request id."""
    install_record_factory()
    if settings.log_format == "text":
        return  # their own text format stays
    for handler in logging.getLogger().handlers:
        handler.setFormatter(formatter(settings.log_format))


def configured_format() -> LogFormat:
    """The format `configure_logging` last set up in this process (`text` before)."""
    return _configured


def uvicorn_log_config(
    log_format: LogFormat | None = None, log_level: str = "INFO"
) -> dict[str, Any]:
    """A `dictConfig` dict for `uvicorn.Config(log_config=...)`: the root handler on stderr in
    `log_format` (default: `configured_format()`), uvicorn's loggers without handlers of their
    own (their records, the access log included, go through the root handler). Plain data, so
    it reaches spawned workers."""
    log_format = log_format or _configured
    formatter_class = "JsonFormatter" if log_format == "json" else "TextFormatter"
    level = log_level.upper()
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"vindplaats": {"()": f"vindplaats.logs.{formatter_class}"}},
        "filters": {"request_id": {"()": "vindplaats.logs.RecordFactoryFilter"}},
        "handlers": {
            "vindplaats": {
                "class": "logging.StreamHandler",
                "formatter": "vindplaats",
                "filters": ["request_id"],
                "stream": "ext://sys.stderr",
            }
        },
        "root": {"handlers": ["vindplaats"], "level": level},
        "loggers": {
            name: {"handlers": [], "level": level, "propagate": True} for name in UVICORN_LOGGERS
        },
    }


class RecordFactoryFilter(logging.Filter):
    """Installs the request-id record factory when `dictConfig` builds it (in each uvicorn
    worker), and fills `request_id` on records made before that."""

    def __init__(self) -> None:
        super().__init__()
        install_record_factory()

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = request_id_var.get()
        return True


__all__ = [
    "JsonFormatter",
    "LogFormat",
    "RecordFactoryFilter",
    "TextFormatter",
    "configure_logging",
    "configured_format",
    "install_record_factory",
    "request_id_var",
    "use_format",
    "uvicorn_log_config",
]
