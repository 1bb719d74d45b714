"""Taking a record down and restoring it: the rules every surface (web, API, CLI) follows.

- **Who**: the caller decides (an editor of the record's organisation, an admin, or the CLI on
  the server); this module takes the actor's name (`Principal.actor`, or `cli`) and writes it,
  with the reason, to the takedown and to the audit log (`document.takedown`,
  `document.restore`; the organisation is the one the record's source belongs to).
- **What**: any stored record (a document, a motion, a meeting, …) by its id; unknown ids are
  `NotFound`. The reason is required: 3 to `REASON_MAX` characters, control characters
  dropped, a BSN typed into it replaced by `[BSN]`; anything else is `TakedownRefused`.
- **At once**: the takedown row is committed before the call returns, and every output reads
  it on each request (search through `search_api.takedown_hiding`, the record's own answers,
  feeds, exports, ORI and Woo-index outputs), so the record is gone from all of them in the same
  request. The record stays in the store; the next index pass removes it from the index
  (`remove_from_index` does so at once where the caller holds an engine, as the CLI does), and
  a later harvest does not bring it back (every index pass leaves taken-down records out).
- **Restore**: the record is back in every output at once; its index entry is written again
  right away when an engine is given (a busy index writer leaves it to the next index pass,
  which `Restored.indexed` says).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from normalize.ids import parse_id
from normalize.records import Motion
from vindplaats.accounts.organisations import organisation_of
from vindplaats.engine.base import Engine
from vindplaats.errors import EngineError, NotFound, VindplaatsError
from vindplaats.harvest.index import IndexDocBuilder, index_documents
from vindplaats.privacy.bsn import redact
from vindplaats.store.base import Store
from vindplaats.store.sql_privacy import Takedown

REASON_MIN = 3
REASON_MAX = 1_000
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


class TakedownRefused(VindplaatsError):
    """A takedown that is not taken (no usable reason); `dutch` is the message for the pages."""

    def __init__(self, message: str, dutch: str) -> None:
        super().__init__(message)
        self.dutch = dutch


@dataclass(frozen=True)
class Restored:
    takedown: Takedown
    indexed: bool  # its index entry is written again (False: by the next index pass)


def clean_reason(reason: str | None) -> str:
    """The reason as kept: control characters dropped, trimmed; refused when too short or long."""
    text = redact(_CONTROL.sub("", reason or "").strip())  # a BSN typed in is not kept
    if len(text) < REASON_MIN:
        raise TakedownRefused(
            f"a reason is required (at least {REASON_MIN} characters)",
            f"Geef een reden op (minstens {REASON_MIN} tekens).",
        )
    if len(text) > REASON_MAX:
        raise TakedownRefused(
            f"the reason is longer than {REASON_MAX} characters",
            f"De reden is langer dan {REASON_MAX} tekens.",
        )
    return text


def record_source(store: Store, record_id: str) -> str:
    """The source key of a stored record; NotFound for an id that is not stored."""
    try:
        parse_id(record_id)
    except ValueError:
        raise NotFound(f"no record with id {record_id[:200]!r}") from None
    return store.get_record(record_id).source_key


def organisation_of_record(store: Store, record_id: str) -> str:
    """The key of the organisation the record's source belongs to (NotFound: no such record)."""
    source_key = record_source(store, record_id)
    try:
        return organisation_of(store, store.get_source(source_key))
    except NotFound:  # a record of a source no longer registered: its key is its organisation
        return source_key


def take_down(store: Store, record_id: str, *, reason: str, actor: str) -> Takedown:
    """Take the record down (a record down already keeps its first takedown)."""
    text = clean_reason(reason)
    source_key = record_source(store, record_id)
    organisation = organisation_of_record(store, record_id)
    before = store.get_takedown(record_id)
    with store.transaction():
        down = store.take_down(record_id, source_key, text, actor)
        if before is None or not before.active:
            store.add_audit(
                actor,
                "document.takedown",
                organisation_key=organisation,
                subject=record_id,
                detail={"reason": text},
            )
    return down


def restore(store: Store, record_id: str, *, actor: str, engine: Engine | None = None) -> Restored:
    """Bring the record back; NotFound when it is not down."""
    organisation = organisation_of_record(store, record_id)
    with store.transaction():
        restored = store.restore_record(record_id, actor)
        if restored is None:
            raise NotFound(f"record {record_id[:200]!r} is not taken down")
        store.add_audit(actor, "document.restore", organisation_key=organisation, subject=record_id)
    indexed = engine is not None and reindex(store, engine, record_id)
    return Restored(restored, indexed)


def reindex(store: Store, engine: Engine, record_id: str) -> bool:
    """Write the record's index entry as the store says now (removed while down, back once
    restored); False when the engine cannot now (the next index pass does it)."""
    try:
        kind = parse_id(record_id)[0]
        if kind == "document":
            return not index_documents(store, engine, [record_id]).failed
        record = store.get_record(record_id)
        if kind == "motion" and isinstance(record, Motion):
            if record_id in store.taken_down_ids():
                engine.delete([record_id])
                return True
            return not engine.index([IndexDocBuilder(store).build_motion(record)]).failed
    except EngineError:
        return False
    return True  # other records have no index entry of their own


remove_from_index = reindex


def takedowns_of(store: Store, source_keys: list[str] | None = None) -> list[Takedown]:
    """The records down now (of these sources; all: None), the newest first."""
    return store.takedowns(source_keys, active=True)


__all__ = [
    "REASON_MAX",
    "REASON_MIN",
    "Restored",
    "TakedownRefused",
    "clean_reason",
    "organisation_of_record",
    "reindex",
    "remove_from_index",
    "restore",
    "take_down",
    "takedowns_of",
]
