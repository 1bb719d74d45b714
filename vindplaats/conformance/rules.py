"""The conformance rules by their stable ids (`docs/conformance.md` describes each).

An id never changes meaning. Errors make a feed non-conformant (exit status 1); warnings are
about the check itself (a supplier that rate-limited us, an answer over the size cap, a check
stopped by its budget) and alone leave a feed conformant. For `--standard diwoo` the rules of
the Woo-index validator (`vindplaats.woo.findings.RULES`, ids `WOO-*`) are carried over as they
are.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from vindplaats.woo.findings import RULES as WOO_RULES

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    finds: str
    fix: str


def _table(*rules: Rule) -> dict[str, Rule]:
    return {rule.id: rule for rule in rules}


ORI_RULES = _table(
    Rule(
        "ORI-HTTP",
        "error",
        "a collection, record or event URL that does not answer 200 with JSON",
        "answer every collection, record and event URL with HTTP 200 and a JSON body "
        "(Content-Type application/json)",
    ),
    Rule(
        "ORI-SCHEMA",
        "error",
        "a body not valid against the official schema (type, enum, pattern, length, format)",
        "make the value match the official OpenAPI schema of the standard",
    ),
    Rule(
        "ORI-REQUIRED",
        "error",
        "a field the official schema requires is missing",
        "always send the field; the official schema lists it as required",
    ),
    Rule(
        "ORI-DATE",
        "error",
        "a date or date-time value that is not RFC 3339",
        "write dates as 2025-03-14 and date-times as 2025-03-14T19:30:00+01:00 (RFC 3339)",
    ),
    Rule(
        "ORI-TOOI",
        "error",
        "an organisation code that is not in the TOOI lists",
        "use the TOOI code of the organisation: gm0363 (gemeente), pv27 (provincie), "
        "ws0155 (waterschap)",
    ),
    Rule(
        "ORI-WOO-CATEGORY",
        "error",
        "an information category not in the TOOI list of Woo categories",
        "use a category of the TOOI Woo list (e.g. c_db4862c3, vergaderstukken decentrale "
        "overheden), by its URI or its label",
    ),
    Rule(
        "ORI-PAGE-DUPLICATE",
        "error",
        "the same record on two pages of a collection, or twice on one page",
        "page by a stable, unique order (e.g. by id) so every record appears exactly once",
    ),
    Rule(
        "ORI-PAGE-GAP",
        "error",
        "a record that answers on its own and is referred to, but that the paging never lists",
        "list every record that the API serves in its collection's pages",
    ),
    Rule(
        "ORI-PAGE-UNSTABLE",
        "error",
        "two reads of the same page disagree",
        "answer the same page with the same records in the same order while nothing changed",
    ),
    Rule(
        "ORI-PAGE-LINK",
        "error",
        "a next/previous link that is not an absolute URL of the same API, loops, or fails",
        "write next and previous as absolute http(s) URLs of the same API that answer 200",
    ),
    Rule(
        "ORI-REF-BROKEN",
        "error",
        "a reference that does not resolve to a record of the referred type",
        "refer only to records that exist, by their URL (or id) in the right collection",
    ),
    Rule(
        "ORI-URL-SELF",
        "error",
        "a record's own url that does not answer that same record",
        "set url to the record's own address in its collection, answering 200 with that record",
    ),
    Rule(
        "ORI-FILE-DOWNLOAD",
        "error",
        "an informatieobject's file link that does not download",
        "make the file link answer 2xx with the file",
    ),
    Rule(
        "ORI-FILE-TYPE",
        "error",
        "a file served with another Content-Type than the declared one",
        "serve the file with the Content-Type its formaat/mimetype declares, or correct the "
        "declaration",
    ),
    Rule(
        "ORI-EVENT-ORDER",
        "error",
        "events out of timestamp order, or offset/limit/total inconsistent",
        "answer events sorted by timestamp as sortOrder asks, with consistent offset, limit "
        "and total",
    ),
    Rule(
        "ORI-EVENT-RESOURCE",
        "error",
        "a CREATE/UPDATE event's resource that does not answer, or a DELETE event's that does",
        "let resourceUrl answer the created or updated record; answer 404 or 410 after DELETE",
    ),
    Rule(
        "ORI-RATE-LIMITED",
        "warning",
        "the supplier answered 429; the checker waited and tried again",
        "none needed for the check; allow a little more for clients that read the whole feed",
    ),
    Rule(
        "ORI-SIZE",
        "warning",
        "an answer or file over the checker's size cap (not read in full)",
        "page large collections in smaller pages; very large files are not checked whole",
    ),
    Rule(
        "ORI-CHECK-INCOMPLETE",
        "warning",
        "the request budget or the time cap ended the check before everything was read",
        "raise --max-requests or --time-limit to check everything",
    ),
)


def _woo_rules() -> dict[str, Rule]:
    return {
        rule_id: Rule(
            rule_id, rule.severity, "a Woo-index rule (vindplaats validate diwoo)", rule.fix
        )
        for rule_id, rule in WOO_RULES.items()
    }


RULES: dict[str, Rule] = {**ORI_RULES, **_woo_rules()}
