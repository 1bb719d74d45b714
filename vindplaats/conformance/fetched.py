"""Small shared pieces of the feed check: a fetched JSON answer, URL comparison, and schema
errors turned into findings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from vindplaats.conformance.client import Answer
from vindplaats.conformance.report import Report
from vindplaats.conformance.schemas import SchemaError


@dataclass
class Fetched:
    answer: Answer
    body: Any = None
    problem: str = ""  # "", "status" (not 200), "type" (not JSON), "json" (unreadable), "size"


def same_url(url: str) -> str:
    """A URL as compared: without surrounding space and a trailing slash."""
    return url.strip().rstrip("/")


def add_schema_errors(
    report: Report, errors: list[SchemaError], resource: str, record: str, url: str
) -> None:
    for error in errors:
        report.add(
            error.rule,
            resource,
            record,
            field=error.field,
            expected=error.expected,
            found=error.found,
            url=url,
        )
