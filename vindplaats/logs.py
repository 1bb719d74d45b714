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
`uvicorn.access`) sent through the root handler. The crawl child sets up its root logger with
`setup_root` instead of Scrapy's handler when the format is `json`.

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


class StderrHandler(logging.StreamHandler[Any]):
    """Writes to whatever `sys.stderr` is at the time (like logging's last-resort handler)."""

    def __init__(self) -> None:
        super().__init__()

    @property
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, value: Any) -> None:
        pass


def configure_logging(settings: Settings, stream: Any = None) -> None:
    """Root logger at `settings.log_level`, one handler (stderr, or `stream`) in
    `settings.log_format`; see `setup_root`."""
    setup_root(settings.log_format, settings.log_level, stream)


def setup_root(log_format: LogFormat, log_level: str, stream: Any = None) -> None:
    """Like `logging.basicConfig`, this leaves a root logger that someone else set up alone
    (pytest's capture, an embedding program); a handler it installed itself is replaced, so
    calling it again is harmless."""
    global _configured
    install_record_factory()
    _configured = log_format
    root = logging.getLogger()
    mine = [h for h in root.handlers if getattr(h, "_vindplaats", False)]
    if len(mine) < len(root.handlers):
        return
    for old in mine:
        root.removeHandler(old)
        old.close()
    handler: logging.Handler = StderrHandler() if stream is None else logging.StreamHandler(stream)
    handler.setFormatter(formatter(log_format))
    handler.setLevel(log_level.upper())  # records propagated from a lower-level logger too
    handler._vindplaats = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(log_level.upper())


def configured_format() -> LogFormat:
    """The format `configure_logging` last set up in this process (`text` before)."""
    return _configured


def uvicorn_log_config(
    log_format: LogFormat | None = None, log_level: str = "INFO"
) -> dict[str, Any]:
    """A `dictConfig` dict for `uvicorn.Config(log_config=...)`, which uvicorn applies in its
    own process and in every worker it spawns: the root logger set up as by `setup_root`
    (`log_format` defaults to `configured_format()`), and uvicorn's loggers without handlers
    of their own, so their records (the access log too) go through the root handler.
    Plain data, so it reaches spawned workers."""
    level = log_level.upper()
    setup = {"()": "vindplaats.logs.RootSetup", "log_format": log_format or _configured}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"vindplaats_root": {**setup, "log_level": level}},
        "loggers": {
            name: {"handlers": [], "level": level, "propagate": True} for name in UVICORN_LOGGERS
        },
    }


class RootSetup(logging.Filter):
    """Sets up the root logger (`setup_root`) when `dictConfig` builds it: the hook that
    configures logging in each uvicorn worker process. As a filter it lets everything pass."""

    def __init__(self, log_format: LogFormat = "text", log_level: str = "INFO") -> None:
        super().__init__()
        setup_root(log_format, log_level)


__all__ = [
    "JsonFormatter",
    "LogFormat",
    "RootSetup",
    "StderrHandler",
    "TextFormatter",
    "configure_logging",
    "configured_format",
    "install_record_factory",
    "request_id_var",
    "setup_root",
    "uvicorn_log_config",
]
