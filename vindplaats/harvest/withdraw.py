"""Withdrawal: what disappeared from a source within a harvested window is flagged, never kept
as if current and never deleted (reliability item 16).

After a run whose crawl completed, what the crawl did not see of what it read in full is marked
withdrawn: stored meetings dated in the run's window; agenda items, documents and register
entries of such a meeting or of any meeting the crawl read (an old meeting fetched because it
changed); documents of a register entry the crawl read. Motions (each is the entry of a motion
register, same native id) go with their entry: a motion of such a meeting, of an entry the crawl
read, or of an entry withdrawn now or before; votes go with their motion: the votes of a motion
the crawl read (its votes were read with it) or of a withdrawn one. A motion outside all of these
(an iBabs or NotuBiz register entry no meeting in the window links to, absent from a feed that
lists only what changed) is never withdrawn by its absence: absence there says nothing.
Withdrawn items are kept in the store, stamped `withdrawn_at`, shown with `withdrawn: true` and
removed from the search index by the indexing stage (motions by `index_motions`); an item
seen again later is un-withdrawn by the store's upsert (and indexed again). A document is
judged by the one meeting or register entry it is stored under: one removed there but still
published under another meeting that this run did not read is withdrawn until a run reads that
meeting again.

"Seen" means stored by this run's crawl: the crawl child stamps `last_seen` on every record it
stores, by the same machine's clock that stamped the run's `started_at` just before the crawl
started (never the database's clock, which may be another machine's), so `last_seen <
started_at` is "not seen in this run".

A source whose listing has no dates (DiWoo sitemaps) is read in full on every run: its crawl
reports `listed_in_full`, and every document of the source it did not see is withdrawn (unless
it saw none at all: an empty listing is not trusted either). A crawl that read only what an
event feed said had changed (the ORI API's later runs) reports `changes_only`: it withdraws
nothing by absence, its DELETE events having withdrawn what the supplier deleted.

Nothing is withdrawn after a crawl that failed, stopped early, or counted errors or refusals
(a partial outage must not withdraw what merely could not be read), nor when the crawl saw none
of the meetings the store holds for the window (an empty answer is not trusted; the price: a
window whose every meeting really disappeared keeps them until a run sees one there). Failed
downloads do not count: the records were seen.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from crawlers.counts import CHANGES_ONLY, LISTED_IN_FULL
from crawlers.report import CrawlReport
from vindplaats.store.base import Store
from vindplaats.store.models import HarvestRun

PLURAL = {
    "meeting": "meetings",
    "agenda_item": "agenda_items",
    "document": "documents",
    "register_entry": "register_entries",
    "motion": "motions",
    "vote": "votes",
}


@dataclass
class Withdrawal:
    """The outcome: `complete` when the crawl saw everything in its scope (so the run may also
    advance the watermark), counts (`withdrawn`, `withdrawn_<kind>`) and notes for the run."""

    complete: bool
    counts: Counter[str] = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)


def incomplete_reason(crawl: CrawlReport) -> str | None:
    """Why the crawl may have missed items that still exist, or None when it saw everything."""
    if crawl.status == "failed":
        return "the crawl failed"
    for key, what in (("errors", "errors"), ("refused", "refused requests")):
        if crawl.counts.get(key):
            return f"the crawl had {crawl.counts[key]} {what}"
    return None


def withdraw_unseen(store: Store, run: HarvestRun, crawl: CrawlReport) -> Withdrawal:
    """Mark withdrawn what the (complete) crawl of `run` no longer saw in its window."""
    reason = incomplete_reason(crawl)
    if reason is not None:
        notes = [] if crawl.status == "failed" else [f"nothing marked withdrawn: {reason}"]
        return Withdrawal(False, notes=notes)
    if crawl.counts.get(CHANGES_ONLY):
        return Withdrawal(True)  # an event feed's changes: its DELETE events withdrew already
    if crawl.counts.get(LISTED_IN_FULL):
        return withdraw_unlisted(store, run, crawl)
    if run.window_from is None or run.window_until is None:
        return Withdrawal(True)
    key, since, first, last = run.source_key, run.started_at, run.window_from, run.window_until
    gone = store.unseen_records(key, seen_since=since, window_from=first, window_until=last)
    meetings = sum(1 for _, kind in gone if kind == "meeting")
    seen = store.seen_meetings(key, seen_since=since, window_from=first, window_until=last)
    if meetings and not seen:
        note = (
            f"nothing marked withdrawn: the source listed none of the {meetings} meetings stored "
            f"for {run.window_from} .. {run.window_until} (an empty answer is not trusted)"
        )
        return Withdrawal(False, notes=[note])
    return _mark(store, gone)


def _mark(store: Store, gone: list[tuple[str, str]]) -> Withdrawal:
    """Mark the records withdrawn (id, record type); counted per type and in all."""
    if gone:
        store.mark_withdrawn([record_id for record_id, _ in gone])
    counts: Counter[str] = Counter(f"withdrawn_{PLURAL[kind]}" for _, kind in gone)
    counts["withdrawn"] = len(gone)
    return Withdrawal(True, counts)


def withdraw_unlisted(store: Store, run: HarvestRun, crawl: CrawlReport) -> Withdrawal:
    """Mark withdrawn the documents a crawl that read the source's whole listing no longer saw."""
    gone = store.unseen_listed(run.source_key, seen_since=run.started_at)
    if gone and not crawl.counts.get("documents"):
        note = (
            f"nothing marked withdrawn: the source listed none of the {len(gone)} documents "
            "stored for it (an empty listing is not trusted)"
        )
        return Withdrawal(False, notes=[note])
    return _mark(store, gone)
