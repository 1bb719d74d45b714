"""Privacy on an organisation's dashboard: `privacy_section(svc, org_key)` gives the context of
`_dashboard_privacy.html` (H4's dashboard page includes it).

It lists the organisation's documents flagged at extraction (citizen service numbers found:
the pages and the count, never the numbers), those waiting for a look first, each linked to
its page with the forms "Beoordeeld" (mark reviewed) and "Offline halen" (take down, with a
reason), and the records it has taken down, each with "Terugzetten" (restore). The forms post
to `takedown_pages` (CSRF-checked there)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from search_api.services import Services
from search_api.web.dutch_time import moment_text
from vindplaats.accounts.organisations import sources_of
from vindplaats.errors import NotFound
from vindplaats.store.base import Store
from vindplaats.store.sql_privacy import DocumentFlag, Takedown

SHOWN = 50  # flags and takedowns listed on the dashboard
REASON_LABELS = {"bsn": "burgerservicenummer"}


@dataclass(frozen=True)
class FlagLine:
    id: str
    title: str
    url: str
    reason_label: str
    pages: str  # "2, 5"
    count: int
    flagged: str
    reviewed: bool
    reviewed_text: str
    taken_down: bool
    review_action: str
    takedown_action: str


@dataclass(frozen=True)
class TakedownLine:
    id: str
    title: str
    reason: str
    taken: str
    taken_by: str
    restore_action: str


def action_url(record_id: str, action: str) -> str:
    """Where a form about record `record_id` posts (`offline`, `beoordeeld`, `terugzetten`)."""
    return f"/beheer/documenten/{quote(record_id, safe=':')}/{action}"


def reader_url(record_id: str) -> str:
    return "/documenten/" + quote(record_id, safe=":")


def record_title(store: Store, record_id: str) -> str:
    try:
        record = store.get_record(record_id)
    except NotFound:
        return record_id
    title = getattr(record, "title", None) or getattr(record, "name", None)
    return str(title or record_id)


def flag_line(store: Store, flag: DocumentFlag, down: frozenset[str]) -> FlagLine:
    pages = flag.detail.get("pages")
    count = flag.detail.get("count")
    shown_pages = ", ".join(str(p) for p in pages) if isinstance(pages, list) else "?"
    reviewed = ""
    if flag.reviewed_at is not None:
        reviewed = f"beoordeeld {moment_text(flag.reviewed_at)} door {flag.reviewed_by or '?'}"
    return FlagLine(
        id=flag.document_id,
        title=record_title(store, flag.document_id),
        url=reader_url(flag.document_id),
        reason_label=REASON_LABELS.get(flag.reason, flag.reason),
        pages=shown_pages,
        count=count if isinstance(count, int) else 0,
        flagged=moment_text(flag.flagged_at),
        reviewed=flag.reviewed_at is not None,
        reviewed_text=reviewed,
        taken_down=flag.document_id in down,
        review_action=action_url(flag.document_id, "beoordeeld"),
        takedown_action=action_url(flag.document_id, "offline"),
    )


def takedown_line(store: Store, takedown: Takedown) -> TakedownLine:
    return TakedownLine(
        id=takedown.record_id,
        title=record_title(store, takedown.record_id),
        reason=takedown.reason,
        taken=moment_text(takedown.taken_at),
        taken_by=takedown.taken_by,
        restore_action=action_url(takedown.record_id, "terugzetten"),
    )


def privacy_section(svc: Services, org_key: str) -> dict[str, Any]:
    """The dashboard's privacy section of the organisation (`_dashboard_privacy.html`)."""
    store = svc.store
    keys = [source.key for source in sources_of(store, org_key)] or [org_key]
    flags = store.document_flags(keys, limit=SHOWN)
    flags.sort(key=lambda f: (f.reviewed_at is not None, -f.flagged_at.timestamp()))
    takedowns = store.takedowns(keys, active=True, limit=SHOWN)
    down = frozenset(t.record_id for t in takedowns)
    lines = [flag_line(store, flag, down) for flag in flags]
    return {
        "privacy_flags": lines,
        "privacy_open": sum(1 for line in lines if not line.reviewed and not line.taken_down),
        "privacy_takedowns": [takedown_line(store, t) for t in takedowns],
        "privacy_back": f"/beheer/organisaties/{quote(org_key, safe='')}#privacy",
    }


__all__ = [
    "FlagLine",
    "TakedownLine",
    "action_url",
    "privacy_section",
    "reader_url",
    "record_title",
]
