"""Live harvest progress on stderr: one updating line on a terminal, periodic lines otherwise.

`Progress` is the `on_progress(phase, data)` callback of `vindplaats.harvest.run.harvest`.
"""

from __future__ import annotations

import shutil
import sys
import time
from typing import Any, TextIO

from vindplaats.cli.output import clean, is_tty

# Crawl counters worth showing while a crawl runs, in display order.
CRAWL_SHOWN = (
    ("meetings", "meetings"),
    ("agenda_items", "agenda items"),
    ("documents", "documents"),
    ("register_entries", "register entries"),
    ("documents_downloaded", "downloaded"),
    ("download_failed", "download failed"),
    ("errors", "errors"),
)


def describe(phase: str, data: dict[str, Any]) -> str:
    if phase == "crawl":
        counts = data.get("counts", {})
        shown = [f"{counts[k]} {label}" for k, label in CRAWL_SHOWN if counts.get(k)]
        return "crawling: " + (", ".join(shown) if shown else "starting")
    if phase == "extract":
        failed = data.get("failed", 0)
        extra = f" ({failed} failed)" if failed else ""
        return f"extracting text: {data.get('done', 0)}/{data.get('total', 0)} files{extra}"
    if phase == "index":
        return f"indexing: {data.get('done', 0)}/{data.get('total', 0)} documents"
    return f"{phase}: " + ", ".join(f"{k} {v}" for k, v in data.items())


class Progress:
    def __init__(self, label: str, stream: TextIO | None = None, interval: float = 5.0) -> None:
        self.label = label
        self.stream = stream or sys.stderr
        self.tty = is_tty(self.stream)
        self.interval = interval
        self._phase: str | None = None
        self._pending: str | None = None  # last text not yet printed (non-terminal mode)
        self._last_print = 0.0
        self._on_line = False

    def __call__(self, phase: str, data: dict[str, Any]) -> None:
        text = clean(f"{self.label}: {describe(phase, data)}")
        if self.tty:
            width = max(shutil.get_terminal_size((100, 20)).columns - 1, 20)
            self.stream.write("\r\033[K" + text[:width])
            self.stream.flush()
            self._on_line = True
            return
        now = time.monotonic()
        if phase != self._phase:
            self._flush()
            self._phase = phase
            self._emit(text, now)
        elif now - self._last_print >= self.interval:
            self._emit(text, now)
        else:
            self._pending = text

    def _emit(self, text: str, now: float) -> None:
        self.stream.write(text + "\n")
        self.stream.flush()
        self._pending = None
        self._last_print = now

    def _flush(self) -> None:
        if self._pending is not None:
            self._emit(self._pending, time.monotonic())

    def finish(self) -> None:
        """End the display: the last state is printed, the terminal line is left clean."""
        if self.tty and self._on_line:
            self.stream.write("\n")
            self.stream.flush()
            self._on_line = False
        else:
            self._flush()
