"""Bounds on the error text the store keeps: per message and per harvest run.

Error messages often quote what a supplier sent (a SOAP fault string, a body snippet, a URL), so
their size is the supplier's to choose. Every message the store records (a run's `errors`, a
document's `download_error`) passes `cap_message` on the way in, and again on the way out (rows
written before the cap existed), so the CLI and the API show bounded text too:

- a message longer than `max_chars` keeps its beginning and ends in a visible marker
  `… (N more characters)`; the whole result is at most `max_chars` characters;
- a run keeps at most `max_count` messages: the first `max_count - 1` and a last line
  `… and N more errors (not stored)`.

Both are idempotent: bounding what was bounded with the same limits changes nothing. The limits
are `VINDPLAATS_MAX_ERROR_CHARS` and `VINDPLAATS_MAX_RUN_ERRORS` (`ErrorLimits.from_settings`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

DEFAULT_MAX_CHARS = 4096
DEFAULT_MAX_COUNT = 200
MIN_CHARS = 64  # room for a useful beginning and the marker
_MORE_ERRORS = re.compile(r"^… and (\d+) more errors? \(not stored\)$")


class _HasLimits(Protocol):
    @property
    def max_error_chars(self) -> int: ...

    @property
    def max_run_errors(self) -> int: ...


@dataclass(frozen=True)
class ErrorLimits:
    max_chars: int = DEFAULT_MAX_CHARS
    max_count: int = DEFAULT_MAX_COUNT

    def __post_init__(self) -> None:
        if self.max_chars < MIN_CHARS or self.max_count < 1:
            raise ValueError(f"error limits need max_chars >= {MIN_CHARS} and max_count >= 1")

    @classmethod
    def from_settings(cls, settings: _HasLimits) -> ErrorLimits:
        return cls(settings.max_error_chars, settings.max_run_errors)


DEFAULT_LIMITS = ErrorLimits()


def cap_message(message: str, max_chars: int = DEFAULT_MAX_CHARS) -> str:
    """`message` if it fits in `max_chars`, else its beginning and `… (N more characters)`
    (N counts what was left out), `max_chars` characters in all."""
    if len(message) <= max_chars:
        return message
    keep = max_chars
    while True:
        marker = f"… ({len(message) - keep} more characters)"
        if keep + len(marker) <= max_chars:
            return message[:keep] + marker
        keep = max_chars - len(marker)


def more_errors(count: int) -> str:
    """The line that stands for `count` messages left out."""
    return f"… and {count} more error{'s' if count != 1 else ''} (not stored)"


def left_out(line: str) -> int | None:
    """The count of a `more_errors` line, None for any other message."""
    found = _MORE_ERRORS.match(line)
    return int(found.group(1)) if found else None


def bound_errors(errors: Sequence[str], limits: ErrorLimits = DEFAULT_LIMITS) -> list[str]:
    """Each message capped, at most `limits.max_count` of them (the last one counting the rest:
    `more_errors` lines already in `errors` are added into it)."""
    capped = [cap_message(str(e), limits.max_chars) for e in errors]
    if len(capped) <= limits.max_count:
        return capped
    kept = capped[: limits.max_count - 1]
    rest = sum(left_out(e) or 1 for e in capped[limits.max_count - 1 :])
    return [*kept, more_errors(rest)]


__all__ = [
    "DEFAULT_LIMITS",
    "ErrorLimits",
    "bound_errors",
    "cap_message",
    "left_out",
    "more_errors",
]
