"""Answers in Elasticsearch's shape for the scripted Elasticsearch servers of the engine tests
(on `tests.replay`): JSON with the `X-Elastic-Product` header the client insists on."""

from __future__ import annotations

import json
from typing import Any

from tests.replay import Answer

PRODUCT = {"X-Elastic-Product": "Elasticsearch"}


def elastic_answer(status: int, payload: dict[str, Any] | None = None) -> Answer:
    """`payload` as Elasticsearch sends it; no body (a HEAD answer) without one."""
    body = b"" if payload is None else json.dumps(payload).encode()
    return Answer.of(status, "application/json", body, PRODUCT)
