"""How the search page writes values for people: Dutch dates and numbers, labels of controlled
values, and the engine's highlighted snippets made safe (only `<mark>` survives)."""

from __future__ import annotations

import html
import re
from datetime import date

from markupsafe import Markup

from normalize.doctypes import label_of as doctype_label
from normalize.woo_categories import label_of as woo_label
from search_api.web.dutch_time import long_date

MOTION_RESULTS = {
    "aangenomen": "Aangenomen",
    "verworpen": "Verworpen",
    "ingetrokken": "Ingetrokken",
    "aangehouden": "Aangehouden",
    "overig": "Overig",
}
_MARK = re.compile(r"(</?mark>)", re.IGNORECASE)


def dutch_date(day: date | None) -> str:
    """`22 januari 2026`; empty for no date."""
    return long_date(day)


def dutch_number(count: int) -> str:
    """`1.234`: thousands separated by a dot."""
    return f"{count:,}".replace(",", ".")


def result_count(total: int) -> str:
    return f"{dutch_number(total)} {'resultaat' if total == 1 else 'resultaten'}"


def value_label(facet: str, value: str) -> str:
    """The label people read for a facet or filter value (the value itself when it has none)."""
    if facet == "document_type":
        return doctype_label(value) or value
    if facet == "woo_category":
        label = woo_label(value)
        return f"{value} {label}" if label else value
    if facet == "motion_result":
        return MOTION_RESULTS.get(value, value)
    return value


def safe_snippet(snippet: str) -> Markup:
    """The snippet as HTML in which only balanced `<mark>` elements are markup: every other
    character is text (unescaped once and escaped again, so the engine's escaping is kept and
    anything else that looks like a tag is shown as text)."""
    out: list[str] = []
    open_mark = False
    for part in _MARK.split(snippet):
        lowered = part.lower()
        if lowered == "<mark>":
            if not open_mark:
                out.append("<mark>")
                open_mark = True
        elif lowered == "</mark>":
            if open_mark:
                out.append("</mark>")
                open_mark = False
        else:
            out.append(html.escape(html.unescape(part), quote=False))
    if open_mark:
        out.append("</mark>")
    return Markup("".join(out))
