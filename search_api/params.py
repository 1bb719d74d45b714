"""Strict query-parameter parsing.

Each endpoint declares its parameters once (`Param`); the same declarations validate requests
and are published in the OpenAPI document (`Param.schema`), so what the document allows is
exactly what is accepted. Unknown parameters, repeated single-valued ones and invalid values
raise `ParamError` (HTTP 400 naming the parameter).

Rules, the same for every parameter:

- text values are at most `max_length` characters (1000 unless declared) and contain no control
  characters other than tab, line feed and carriage return (those are read as spaces): the
  published `pattern` and `maxLength`;
- an empty (or all-blank) text value is the same as leaving the parameter out; an empty value
  of a repeated text parameter is skipped;
- dates (`YYYY-MM-DD`, any valid date from 0001-01-01 to 9999-12-31), whole numbers, booleans
  (`true` / `false`) and choices must be written exactly: an empty value, surrounding blanks or
  another spelling is refused;
- a repeated parameter may be given at most `MAX_VALUES` times (`maxItems`).
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
MAX_DIGITS = 18

# C0 controls but tab, line feed and carriage return, and DEL; as a JSON Schema (ECMA 262) and
# Python character class at once.
REFUSED_CHARACTERS = r"\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f"
TEXT_PATTERN = rf"^[^{REFUSED_CHARACTERS}]*$"
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
INTEGER_PATTERN = rf"^-?[0-9]{{1,{MAX_DIGITS}}}$"
_TEXT = re.compile(TEXT_PATTERN)
_DATE = re.compile(DATE_PATTERN)
_INTEGER = re.compile(INTEGER_PATTERN)
_READ_AS_SPACE = re.compile(r"[\t\n\r]")
_BOOLEANS = {"true": True, "false": False}


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
    max_length: int = MAX_VALUE_LENGTH
    # Text only: published instead of TEXT_PATTERN, so it must refuse control characters too.
    pattern: str | None = None

    @property
    def free_text(self) -> bool:
        """Text without fixed choices: empty means absent."""
        return self.kind == "string" and not self.choices

    def parse(self, raw: str) -> Any:
        """One value, checked against exactly what `schema()` publishes."""
        if len(raw) > self.max_length:
            raise ParamError(self.name, f"{self.name} is longer than {self.max_length} characters")
        if not _TEXT.fullmatch(raw):
            raise ParamError(self.name, f"{self.name} contains control characters")
        if self.kind == "date":
            return parse_date(self.name, raw)
        if self.kind == "integer":
            return self._parse_int(raw)
        if self.kind == "boolean":
            if raw not in _BOOLEANS:
                raise ParamError(self.name, f"{self.name} must be true or false")
            return _BOOLEANS[raw]
        if self.choices:
            if raw not in self.choices:
                choices = ", ".join(self.choices)
                raise ParamError(self.name, f"{self.name} must be one of: {choices}")
            return raw
        if self.pattern is not None and not re.fullmatch(self.pattern, raw):
            raise ParamError(self.name, f"{self.name} is malformed")
        return _READ_AS_SPACE.sub(" ", raw)

    def _parse_int(self, raw: str) -> int:
        if not _INTEGER.fullmatch(raw):
            raise ParamError(self.name, f"{self.name} must be a whole number")
        value = int(raw)
        low, high = self.minimum, self.maximum
        if (low is not None and value < low) or (high is not None and value > high):
            raise ParamError(self.name, f"{self.name} must be between {low} and {high}")
        return value

    def schema(self) -> dict[str, Any]:
        """The JSON Schema of this parameter, as published in the OpenAPI document."""
        schema: dict[str, Any]
        if self.kind == "date":
            schema = {"type": "string", "format": "date", "pattern": DATE_PATTERN}
        elif self.kind == "integer":
            schema = {"type": "integer"}
            if self.minimum is not None:
                schema["minimum"] = self.minimum
            if self.maximum is not None:
                schema["maximum"] = self.maximum
        elif self.kind == "boolean":
            schema = {"type": "boolean"}
        elif self.choices:
            schema = {"type": "string", "enum": list(self.choices)}
        else:
            pattern = self.pattern or TEXT_PATTERN
            schema = {"type": "string", "maxLength": self.max_length, "pattern": pattern}
        if self.default is not None:
            schema["default"] = self.default
        if self.repeated:
            schema = {"type": "array", "items": schema, "maxItems": MAX_VALUES}
        return schema


def parse_date(name: str, raw: str) -> date:
    if not _DATE.fullmatch(raw):
        raise ParamError(name, f"{name} must be a date written YYYY-MM-DD")
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise ParamError(name, f"{name} is not a valid date: {raw}") from None


def parse_params(params: tuple[Param, ...], query: QueryParams) -> dict[str, Any]:
    """Validate a query string against its declared parameters.

    Returns every declared parameter: a list for repeated ones (empty text values skipped), else
    the parsed value, or the default when it is absent (or empty text).
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
            parsed = [_parse_value(param, v) for v in values]
            out[param.name] = [v for v in parsed if v is not None]
            continue
        if len(values) > 1:
            raise ParamError(param.name, f"{param.name} may be given only once")
        value = _parse_value(param, values[0]) if values else None
        out[param.name] = param.default if value is None else value
    return out


def _parse_value(param: Param, raw: str) -> Any:
    """The parsed value; None for empty (or all-blank) free text, which counts as absent."""
    if not raw and not param.free_text:
        raise ParamError(param.name, f"{param.name} is empty; give a value or leave it out")
    value = param.parse(raw)
    if param.free_text and not value.strip():
        return None
    return value
