"""Schemathesis hooks for `test_schemathesis.py` (loaded through `SCHEMATHESIS_HOOKS`).

Two rules of `GET /api/search` (and of `/api/export`, which reads the same parameters) cannot
be written in JSON Schema: `date_from` may not be after `date_to`, and a `cursor` is valid only
when the server issued it for the same search. A
schema-valid request breaking them is rightly refused with 400, which schemathesis's
`positive_data_acceptance` check would report. So positive cases are kept within those rules:
the dates are put in order, and generated cursors are dropped (real cursors are followed in
`test_search.py`; forged and garbage ones in `test_hostile.py`). Negative cases are untouched.
"""

from __future__ import annotations

from typing import Any

import schemathesis


@schemathesis.hook.apply_to(path=["/api/search", "/api/export"])
def map_case(context: Any, case: Any) -> Any:
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive or not isinstance(case.query, dict):
        return case
    query = dict(case.query)
    query.pop("cursor", None)
    low, high = query.get("date_from"), query.get("date_to")
    if isinstance(low, str) and isinstance(high, str) and low > high:
        query["date_from"], query["date_to"] = high, low
    case.query = query
    return case


# A positive case of POST /api/conformance starts a real check. JSON Schema cannot say which
# URLs the fetch guard refuses (the test server refuses loopback and private addresses: a 422),
# and a check must never reach a real host from the test: every positive case checks a name in
# `.invalid` (RFC 6761: it never resolves), so the check is accepted (202, or 429 once the
# client's checks are spent) and fails at once without a request leaving the machine. (The
# documented example, which schemathesis sends as it is, names a host in `.example`, RFC 2606,
# which never resolves either.)
FUZZ_FEED = "http://conformance-fuzz.invalid/ori"


@schemathesis.hook("map_case").apply_to(path="/api/conformance", method="POST")
def fuzz_feed_only(context: Any, case: Any) -> Any:
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive or not isinstance(case.body, dict):
        return case
    case.body = {**case.body, "url": FUZZ_FEED}
    return case
