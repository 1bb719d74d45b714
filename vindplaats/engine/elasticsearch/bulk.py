"""Bulk writes to Elasticsearch with retries and exact accounting.

Operations are serialised one by one (a document that cannot be serialised fails alone), sent in
chunks of at most `RetryPolicy.chunk_docs` operations and `chunk_bytes` bytes, each chunk with the
request timeout of the client. Retries back off exponentially (with jitter), up to
`RetryPolicy.attempts` tries:

- a whole request answered 429, 502, 503 or 504, or lost to a connection error or timeout, is
  sent again (index and delete by id are idempotent);
- items answered 429 or 503 (`es_rejected_execution_exception`, unavailable shards) are sent
  again on their own;
- a whole request refused as invalid (400) or too large (413) is split in halves until the
  culprit stands alone, so one bad document never fails the others;
- any other item error is final: its reason (Elasticsearch's error type, reason and cause) is
  recorded under the operation's key.

Every operation ends either done or in `failed`, so done + len(failed) == submitted.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from elasticsearch import ApiError, Elasticsearch, TransportError

RETRY_REQUEST = frozenset({429, 502, 503, 504})
RETRY_ITEM = frozenset({429, 503})
SPLIT_REQUEST = frozenset({400, 413})
MAX_REASON = 500  # characters of one reason (Elasticsearch quotes whole field values)


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 6  # tries per operation, the first included
    backoff: float = 0.5  # seconds before the first retry; doubles each time
    max_backoff: float = 30.0
    chunk_docs: int = 500
    chunk_bytes: int = 8 * 1024 * 1024

    def delay(self, attempt: int) -> float:
        """Seconds to wait before retry number `attempt` (1-based), with jitter."""
        base = min(self.max_backoff, self.backoff * 2 ** (attempt - 1))
        return base * random.uniform(0.5, 1.0)


@dataclass(frozen=True)
class Op:
    key: str  # what `failed` is keyed by (the document id)
    position: int  # in the caller's list, to keep duplicate keys apart in `failed`
    body: bytes  # NDJSON: action line, and the source line for `index`
    action: str  # "index" or "delete"


@dataclass
class Outcome:
    done: int = 0
    failed: dict[str, str] = field(default_factory=dict)

    def fail(self, op: Op, reason: str) -> None:
        key = op.key if op.key not in self.failed else f"{op.key} #{op.position}"
        self.failed[key] = reason


def index_op(key: str, position: int, index: str, doc_id: str, source: dict[str, Any]) -> Op:
    """Raises ValueError/TypeError when the source cannot be serialised (lone surrogates...)."""
    action = json.dumps({"index": {"_index": index, "_id": doc_id}}, ensure_ascii=False)
    body = json.dumps(source, ensure_ascii=False, separators=(",", ":"))
    return Op(key, position, f"{action}\n{body}\n".encode(), "index")


def delete_op(key: str, position: int, index: str, doc_id: str) -> Op:
    action = json.dumps({"delete": {"_index": index, "_id": doc_id}}, ensure_ascii=False)
    return Op(key, position, f"{action}\n".encode(), "delete")


def _cut(text: str) -> str:
    return text if len(text) <= MAX_REASON else text[: MAX_REASON - 1] + "…"


def error_reason(error: Any) -> str:
    """`type: reason (caused by type: reason)` of an Elasticsearch error object, shortened."""
    if not isinstance(error, dict):
        return _cut(str(error))
    cause = error.get("caused_by")
    text = f"{error.get('type', 'error')}: {_cut(str(error.get('reason', '')))}"
    if isinstance(cause, dict):
        text += f" (caused by {cause.get('type', 'error')}: {_cut(str(cause.get('reason', '')))})"
    return text


def api_reason(exc: ApiError) -> str:
    """The reason of a whole-request error: Elasticsearch's error object when it sent one."""
    body = exc.body
    if isinstance(body, dict) and isinstance(body.get("error"), dict):
        return f"{exc.meta.status} {error_reason(body['error'])}"
    return _cut(str(exc))


def _chunks(ops: list[Op], policy: RetryPolicy) -> list[list[Op]]:
    out: list[list[Op]] = []
    current: list[Op] = []
    size = 0
    for op in ops:
        full = len(current) >= policy.chunk_docs or size + len(op.body) > policy.chunk_bytes
        if current and full:
            out.append(current)
            current, size = [], 0
        current.append(op)
        size += len(op.body)
    if current:
        out.append(current)
    return out


class BulkWriter:
    """Sends operations with `client` (its request timeout applies to every request)."""

    def __init__(
        self,
        client: Elasticsearch,
        policy: RetryPolicy,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._client = client.options(max_retries=0, retry_on_status=())
        self._policy = policy
        self._sleep = sleep

    def run(
        self, ops: list[Op], *, require_alias: bool = False, outcome: Outcome | None = None
    ) -> Outcome:
        """Send `ops`, recording into `outcome` (a new one if None).

        With `require_alias`, targets that are not aliases fail (Elasticsearch would otherwise
        create an index by that name).
        """
        outcome = outcome if outcome is not None else Outcome()
        for chunk in _chunks(ops, self._policy):
            self._send(chunk, outcome, require_alias)
        return outcome

    def _send(self, ops: list[Op], outcome: Outcome, require_alias: bool) -> None:
        todo, attempt = ops, 1
        while todo:
            try:
                payload: Any = b"".join(op.body for op in todo)  # NDJSON, passed through as is
                response = self._client.bulk(body=payload, require_alias=require_alias or None)
            except ApiError as exc:
                status = exc.meta.status
                if status in SPLIT_REQUEST:
                    self._split(todo, outcome, require_alias, f"refused: {api_reason(exc)}")
                    return
                if status not in RETRY_REQUEST:
                    for op in todo:
                        outcome.fail(op, f"request failed: {api_reason(exc)}")
                    return
                reason = f"request rejected: {api_reason(exc)}"
                retry = todo
            except TransportError as exc:  # connection refused, reset, timed out
                reason, retry = _cut(f"request failed: {exc}"), todo
            else:
                retry, reason = self._items(todo, response.body.get("items", []), outcome)
            if not retry:
                return
            if attempt >= self._policy.attempts:
                for op in retry:
                    outcome.fail(op, f"{reason} (gave up after {attempt} attempts)")
                return
            self._sleep(self._policy.delay(attempt))
            todo, attempt = retry, attempt + 1

    def _split(self, ops: list[Op], outcome: Outcome, require_alias: bool, reason: str) -> None:
        if len(ops) == 1:
            outcome.fail(ops[0], reason)
            return
        middle = len(ops) // 2
        self._send(ops[:middle], outcome, require_alias)
        self._send(ops[middle:], outcome, require_alias)

    @staticmethod
    def _items(ops: list[Op], items: list[Any], outcome: Outcome) -> tuple[list[Op], str]:
        """Record finished items; return the ones to retry and the last retryable reason."""
        retry: list[Op] = []
        reason = ""
        if len(items) != len(ops):
            return ops, f"bulk answered {len(items)} items for {len(ops)} operations"
        for op, item in zip(ops, items, strict=True):
            result = item.get(op.action, {}) if isinstance(item, dict) else {}
            status = int(result.get("status", 500))
            if 200 <= status < 300 or (op.action == "delete" and status == 404):
                outcome.done += 1
            elif status in RETRY_ITEM:
                retry.append(op)
                reason = error_reason(result.get("error"))
            else:
                outcome.fail(op, error_reason(result.get("error", f"status {status}")))
        return retry, reason


__all__ = [
    "BulkWriter",
    "Op",
    "Outcome",
    "RetryPolicy",
    "api_reason",
    "delete_op",
    "error_reason",
    "index_op",
]
