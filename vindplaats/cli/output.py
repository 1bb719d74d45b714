"""How the CLI prints: aligned tables, JSON, snippets, bold text, error lines.

Text that comes from harvested data is stripped of control characters before it reaches a
terminal, so a document cannot smuggle escape sequences into someone's shell.
"""

from __future__ import annotations

import html
import json
import re
import sys
from collections.abc import Sequence
from typing import Any, TextIO

BOLD, RESET = "\033[1m", "\033[0m"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_MARK = re.compile(r"<mark>(.*?)</mark>", re.DOTALL)
_TAG = re.compile(r"<[^>]*>")


def is_tty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def clean(value: object) -> str:
    """A one-line, control-character-free rendering of a value from the data."""
    text = "" if value is None else str(value)
    return _CONTROL.sub(" ", text.replace("\n", " ").replace("\t", " "))


def bold(text: str, tty: bool) -> str:
    return f"{BOLD}{text}{RESET}" if tty else text


def render_snippet(snippet: str, tty: bool) -> str:
    """An engine snippet (escaped HTML with <mark>) as terminal text: bold, or *word*."""
    parts: list[str] = []
    last = 0
    for match in _MARK.finditer(snippet):
        parts.append(_plain(snippet[last : match.start()]))
        word = _plain(match.group(1))
        parts.append(bold(word, True) if tty else f"*{word}*")
        last = match.end()
    parts.append(_plain(snippet[last:]))
    return "".join(parts).strip()


def _plain(fragment: str) -> str:
    return clean(html.unescape(_TAG.sub("", fragment)))


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    cells = [[clean(c) for c in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in cells:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
    lines = ["  ".join(h.upper().ljust(w) for h, w in zip(headers, widths, strict=True))]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in cells]
    return "\n".join(line.rstrip() for line in lines)


def print_json(data: Any, stream: TextIO | None = None) -> None:
    out = stream or sys.stdout
    out.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")


def error(message: str) -> None:
    """The one error line format: `vindplaats: error: ...` on stderr."""
    sys.stderr.write(f"vindplaats: error: {clean(message)}\n")


def note(message: str) -> None:
    sys.stderr.write(f"vindplaats: {message}\n")
