"""Log lines as a log collector reads them: `VINDPLAATS_LOG_FORMAT=json` gives one JSON object
per line (time, level, logger, message, pid, request_id while serving, exception) for the CLI and
for `vindplaats serve` with its worker processes and uvicorn's own loggers; secrets filtered
before formatting stay filtered; the text format shows the request id in brackets."""

from __future__ import annotations

import io
import json
import logging
import os
import re
import signal
from datetime import datetime
from pathlib import Path

import httpx
import pytest

from crawlers.parlaeus_auth import SecretLogFilter, mask_rid
from tests.search_api.sample import build_sample
from tests.vindplaats.cli.runner import serving
from vindplaats.logs import (
    JsonFormatter,
    TextFormatter,
    configure_logging,
    install_record_factory,
    request_id_var,
)
from vindplaats.settings import load_settings


def record(message: str, *args: object, exc: BaseException | None = None) -> logging.LogRecord:
    install_record_factory()
    exc_info = (type(exc), exc, exc.__traceback__) if exc is not None else None
    factory = logging.getLogRecordFactory()
    return factory("vindplaats.test", logging.WARNING, __file__, 1, message, args, exc_info)


def test_json_lines_have_the_fields_and_stay_one_line() -> None:
    token = request_id_var.set("req-42")
    try:
        made = record("two\nlines for %s", "Testdam")
    finally:
        request_id_var.reset(token)
    line = JsonFormatter().format(made)
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["message"] == "two\nlines for Testdam"
    assert entry["level"] == "WARNING" and entry["logger"] == "vindplaats.test"
    assert entry["request_id"] == "req-42" and entry["pid"] == os.getpid()
    assert datetime.fromisoformat(entry["time"]).utcoffset() is not None
    assert "exception" not in entry


def test_json_lines_outside_a_request_have_no_request_id_and_carry_the_exception() -> None:
    try:
        raise ValueError("corrupt PDF")
    except ValueError as exc:
        made = record("extraction failed", exc=exc)
    entry = json.loads(JsonFormatter().format(made))
    assert "request_id" not in entry
    assert entry["exception"].startswith("Traceback (most recent call last)")
    assert "ValueError: corrupt PDF" in entry["exception"]


def test_a_secret_filter_on_the_handler_still_masks_json_lines() -> None:
    secret = "geheim-token-77"
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(SecretLogFilter(mask_rid))
    handler.setFormatter(JsonFormatter())
    try:
        raise RuntimeError(f"GET https://api.example/x?rid={secret}&y=1 failed")
    except RuntimeError as exc:
        handler.handle(record("retrying https://api.example/x?rid=%s", secret, exc=exc))
    entry = json.loads(stream.getvalue())
    assert secret not in stream.getvalue()
    assert "rid=***" in entry["message"] and "rid=***" in entry["exception"]


def test_the_text_format_shows_the_request_id_only_while_serving() -> None:
    formatter = TextFormatter()
    token = request_id_var.set("abc123")
    try:
        inside = formatter.format(record("served"))
    finally:
        request_id_var.reset(token)
    outside = formatter.format(record("idle"))
    assert re.fullmatch(r"\S+ \S+ WARNING vindplaats\.test \[abc123\]: served", inside)
    assert re.fullmatch(r"\S+ \S+ WARNING vindplaats\.test: idle", outside)


def test_configure_logging_installs_one_handler_and_respects_a_foreign_set_up(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    root = logging.getLogger()
    monkeypatch.setattr(root, "handlers", [])
    monkeypatch.setattr(root, "level", root.level)
    settings = load_settings(data_dir=tmp_path, log_format="json", log_level="INFO")
    stream = io.StringIO()
    configure_logging(settings, stream)
    configure_logging(settings, stream)  # again: still one handler
    assert len(root.handlers) == 1
    logging.getLogger("vindplaats.cli").info("harvest of %s started", "testdam")
    logging.getLogger("scrapy.core").debug("below the level")
    [line] = stream.getvalue().splitlines()
    assert json.loads(line)["message"] == "harvest of testdam started"

    foreign = logging.StreamHandler(io.StringIO())
    monkeypatch.setattr(root, "handlers", [foreign])
    configure_logging(settings, stream)
    assert root.handlers == [foreign]  # like basicConfig: someone else's set-up is kept


def test_serve_with_workers_writes_only_json_lines(tmp_path: Path) -> None:
    """`vindplaats serve` with two worker processes and JSON logs: every stderr line parses,
    uvicorn's lines included, and each access line carries its request's id."""
    sample = build_sample(tmp_path / "data")
    env = {
        "VINDPLAATS_DATA_DIR": str(sample.settings.data_dir),
        "VINDPLAATS_LOG_FORMAT": "json",
        "VINDPLAATS_API_WORKERS": "2",
    }
    sent: dict[str, str] = {}
    with serving(env) as served:
        with httpx.Client(base_url=served.url, timeout=10) as http:
            for attempt in range(300):
                try:
                    http.get("/healthz", headers={"X-Request-ID": f"warm-{attempt}"})
                    break
                except httpx.TransportError:
                    continue
            for n in range(6):
                path = "/api/search?q=begroting" if n % 2 else "/geen/endpoint"
                answer = http.get(path, headers={"Connection": "close", "X-Request-ID": f"t-{n}"})
                sent[f"t-{n}"] = path
                assert answer.headers["x-request-id"] == f"t-{n}"
        _, err = served.stop(signal.SIGINT, timeout=60)
        process = served.process
    assert process.returncode == 0, err
    entries = [json.loads(line) for line in err.splitlines()]  # every line is JSON
    assert all({"time", "level", "logger", "message", "pid"} <= set(e) for e in entries)
    started = {e["pid"] for e in entries if e["message"].startswith("Started server process")}
    assert len(started) == 2  # the two workers log through the same set-up
    access = {e["request_id"]: e["message"] for e in entries if e["logger"] == "uvicorn.access"}
    for request, path in sent.items():
        assert f'"GET {path} HTTP/1.1"' in access[request]
