"""Strict query-parameter parsing.

Each endpoint declares its parameters once (`Param`); the same declarations validate requests
and are published in the OpenAPI document. Unknown parameters, repeated single-valued ones and
invalid values raise `ParamError` (HTTP 400 naming the parameter).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from starlette.datastructures import QueryParams

from search_api.errors import ParamError

Kind = Literal["string", "date", "integer", "boolean"]
MAX_VALUE_LENGTH = 1000
MAX_VALUES = 50
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_WHITESPACE_CONTROL = re.compile(r"[\t\n\r]")


@dataclass(frozen=True)
class Param:
    name: str
    kind: Kind = "string"
    description: str = ""
    repeated: bool = False
    choices: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    default: Any = None

    def parse(self, raw: str) -> Any:
        if len(raw) > MAX_VALUE_LENGTH:
            raise ParamError(self.name, f"{self.name} is longer than {MAX_VALUE_LENGTH} characters")
        raw = _WHITESPACE_CONTROL.sub(" ", raw)
        if _CONTROL.search(raw):
            raise ParamError(self.name, f"{self.name} contains control characters")
        if self.kind == "date":
            return _parse_date(self.name, raw)
        if self.kind == "integer":
            return self._parse_int(raw)
        if self.kind == "boolean":
            if raw.lower() not in ("true", "false"):
                raise ParamError(self.name, f"{self.name} must be true or false")
            return raw.lower() == "true"
        if self.choices and raw not in self.choices:
            raise ParamError(self.name, f"{self.name} must be one of: {', '.join(self.choices)}")
        return raw

    def _parse_int(self, raw: str) -> int:
        text = raw.strip()
        if not re.fullmatch(r"-?\d{1,9}", text):
            raise ParamError(self.name, f"{self.name} must be a whole number")
        value = int(text)
        low, high = self.minimum, self.maximum
        if (low is not None and value < low) or (high is not None and value > high):
            raise ParamError(self.name, f"{self.name} must be between {low} and {high}")
        return value


def _parse_date(name: str, raw: str) -> date:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw.strip()):
        raise ParamError(name, f"{name} must be a date written YYYY-MM-DD")
    try:
        return date.fromisoformat(raw.strip())
    except ValueError:
        raise ParamError(name, f"{name} is not a valid date: {raw.strip()}") from None


def parse_params(params: tuple[Param, ...], query: QueryParams) -> dict[str, Any]:
    """Validate a query string against its declared parameters.

    Returns every declared parameter: a list for repeated ones (empty values dropped), else the
    parsed value or the default. An empty single value counts as absent.
    """
    declared = {p.name: p for p in params}
    for name in query:
        if name not in declared:
            shown = name if len(name) <= 40 else name[:40] + "…"
            raise ParamError(name[:100], f"unknown parameter {shown!r}")
    out: dict[str, Any] = {}
    for param in params:
        values = query.getlist(param.name)
        if param.repeated:
            if len(values) > MAX_VALUES:
                raise ParamError(param.name, f"{param.name} given more than {MAX_VALUES} times")
            out[param.name] = [param.parse(v) for v in values if v.strip()]
            continue
        if len(values) > 1:
            raise ParamError(param.name, f"{param.name} may be given only once")
        if not values or not values[0].strip():
            out[param.name] = param.default
        else:
            out[param.name] = param.parse(values[0])
    return out
