"""`IbabsRegisters`: the persons and registers part of the iBabs spider.

- Persons: `GetUsers`; a profile without function or party is completed by `GetUser`. On a site
  shared by several municipalities only people invited to or attending the source's own meetings
  are kept (the site lists everyone).
- Registers: `GetLists` → every list not excluded by the source's `exclude_pattern` (lists named
  after neither municipality belong to both) → `GetListsEntriesByFilterRequest`, from the
  window's first day (or the earlier `modified_since` of an incremental run). The feed is
  followed until an answer brings no new entry: each next request asks from the latest
  `MutationDate` seen, so a service that caps its answers (the old paging gave 20 rows) still
  yields every entry. Entries changed after the window's last day are left to a later run
  (`skipped_outside_window`). Entries the window's agendas list are read whatever their
  `MutationDate`. Each entry → `GetListEntry` → RegisterEntry and its documents;
  entries of motion-like lists are Motions too, with `GetListEntryVotesByListEntryId` → Votes
  (an empty answer is normal: about half of the sites publish no per-member votes).
"""

from __future__ import annotations

import hashlib
from datetime import datetime, time

from scrapy.http import Request, Response
from twisted.python.failure import Failure

from crawlers.contexts import Context
from crawlers.counts import SKIPPED_BY_PATTERN, SKIPPED_OUTSIDE_WINDOW
from crawlers.ibabs_base import IbabsBase
from crawlers.ibabs_lists import (
    EntryBase,
    entries,
    entry_fields,
    entry_values,
    is_motion_list,
    lists,
    motion_fields,
    votes,
)
from crawlers.ibabs_parse import Profile, documents, included, profile, profiles
from crawlers.soap import NS_BASE, NS_REQUEST, Outcome, Struct, child
from crawlers.spider_records import Output
from normalize.cleaners import AMSTERDAM
from normalize.records import Motion, Person, RegisterEntry, Vote


class IbabsRegisters(IbabsBase):
    max_feed_requests = 1000  # per list: a feed that never ends is cut off (and reported)

    @property
    def feed_end(self) -> datetime:
        """Entries changed after the window's last day belong to a later run (a backfill
        chunk takes only what changed in its own period)."""
        return datetime.combine(self.window_until, time(23, 59, 59), tzinfo=AMSTERDAM)

    def register_requests(self) -> Output:
        """Persons first (votes name their voters by the user ids `GetUsers` lists), then the
        entries the agendas list and the lists' feeds."""
        yield self.soap(
            "GetUsers", {"Sitename": self.site}, self.parse_users, errback=self.no_users
        )

    def lists_request(self) -> Request:
        return self.soap("GetLists", {"Sitename": self.site}, self.parse_lists)

    # -- persons ------------------------------------------------------------------------------
    def parse_users(self, response: Response) -> Output:
        result = self.result(response)
        for found in profiles(result.element) if result is not None else []:
            if self.shared and found.user_id.lower() not in self.participants:
                self.counts[SKIPPED_BY_PATTERN] += 1
                continue
            self.people.add(found.user_id.lower())
            if found.complete:
                yield from self.person(found, response.url)
            else:
                params = {"Sitename": self.site, "UserId": found.user_id}
                yield self.soap(
                    "GetUser",
                    params,
                    self.parse_user,
                    cb_kwargs={"listed": found},
                    errback=self.no_user,
                )
        if not self.no_access:
            yield from self.linked_requests()
            yield self.lists_request()

    def no_users(self, failure: Failure) -> Output:
        self.soap_failed(failure)
        yield from self.linked_requests()
        yield self.lists_request()

    def parse_user(self, response: Response, listed: Profile) -> Output:
        result = self.result(response)
        if result is None:
            return
        detail = profile(result.element)
        if detail is None and result.outcome is Outcome.EMPTY:
            detail = listed  # no public profile: the name GetUsers gave is all there is
        elif detail is None or detail.user_id.lower() != listed.user_id.lower():
            self.record_error(f"GetUser: no profile of user {listed.user_id} in the answer")
            detail = listed
        yield from self.person(detail if detail.name else listed, response.url)

    def no_user(self, failure: Failure) -> Output:
        """GetUser failed: the person is kept with what GetUsers listed."""
        self.soap_failed(failure)
        request = getattr(failure, "request", None)
        listed = request.cb_kwargs.get("listed") if request is not None else None
        if isinstance(listed, Profile):
            yield from self.person(listed, self.base_url)

    def person(self, found: Profile, url: str) -> Output:
        if not found.name:
            self.record_error(f"user {found.user_id} has no name, skipped")
            return
        record = self.owned_record(
            Person,
            found.user_id,
            url,
            name=found.name,
            party=found.party,
            function=found.function,
        )
        if record is not None:
            yield record

    # -- lists and their feed -----------------------------------------------------------------
    def feed_start(self) -> datetime:
        """Where the register feeds start: the window's first day, or the incremental
        `modified_since` when that is earlier (what changed since the last complete run)."""
        since = datetime.combine(self.window_from, time(0, 0), tzinfo=AMSTERDAM)
        if self.modified_since is not None and self.modified_since < since:
            return self.modified_since
        return since

    def parse_lists(self, response: Response) -> Output:
        result = self.result(response)
        since = self.feed_start()
        for list_id, list_name in lists(result.element) if result is not None else []:
            if not included(list_name, None, self.exclude):
                self.counts[SKIPPED_BY_PATTERN] += 1
                continue
            yield self.entries_request(list_id, list_name, since, 1, set())

    def entries_request(
        self, list_id: str, list_name: str, since: datetime, number: int, seen: set[str]
    ) -> Request:
        request = Struct(
            (
                ("Sitename", NS_BASE, self.site),
                ("ListId", NS_REQUEST, list_id),
                ("SinceDate", NS_REQUEST, since.astimezone(AMSTERDAM)),
            )
        )
        return self.soap(
            "GetListsEntriesByFilterRequest",
            {"filterRequest": request},
            self.parse_entries,
            cb_kwargs={
                "list_id": list_id,
                "list_name": list_name,
                "since": since,
                "number": number,
                "seen": seen,
            },
        )

    def parse_entries(
        self,
        response: Response,
        list_id: str,
        list_name: str,
        since: datetime,
        number: int,
        seen: set[str],
    ) -> Output:
        result = self.result(response)
        if result is None:
            return
        found = entries(result.element)
        new = [e for e in found if e.entry_id.lower() not in seen]
        for entry in new:
            seen.add(entry.entry_id.lower())
            if entry.mutation is not None and entry.mutation > self.feed_end:
                self.counts[SKIPPED_OUTSIDE_WINDOW] += 1
                continue
            self.see_modified(entry.mutation)
            yield from self.entry_request(entry, list_id, list_name)
        latest = max((e.mutation for e in found if e.mutation is not None), default=None)
        if not new or latest is None or latest > self.feed_end:
            return
        if latest <= since:
            self.record_error(
                f"register {list_name!r}: the feed does not advance past {since:%Y-%m-%d %H:%M:%S}"
                " (more entries share that MutationDate than one answer holds); some may be missing"
            )
        elif number >= self.max_feed_requests:
            self.record_error(f"register {list_name!r}: stopped after {number} feed requests")
        else:
            yield self.entries_request(list_id, list_name, latest, number + 1, seen)

    # -- entries, motions, votes --------------------------------------------------------------
    def linked_requests(self) -> Output:
        """The entries the window's agendas list, whatever their MutationDate: an agenda may
        list an entry that last changed before the feed's start."""
        for key in sorted(self.linked):
            base = self.linked[key]
            if base.list_id:
                yield from self.entry_request(base, base.list_id, base.list_name)

    def entry_request(self, base: EntryBase, list_id: str, list_name: str | None) -> Output:
        """`GetListEntry`, once per entry (an entry can be on an agenda and in the feed)."""
        key = base.entry_id.lower()
        if key in self.entries_requested:
            return
        self.entries_requested.add(key)
        params = {"Sitename": self.site, "ListId": list_id, "EntryId": base.entry_id}
        kwargs = {"base": base, "list_name": list_name or base.list_name}
        yield self.soap("GetListEntry", params, self.parse_entry, cb_kwargs=kwargs)

    def parse_entry(self, response: Response, base: EntryBase, list_name: str | None) -> Output:
        result = self.result(response)
        if result is None:
            return
        nested = child(result.element, "ListEntry")
        holder = nested if nested is not None else result.element
        values = entry_values(holder)
        docs = self.public_documents(documents(holder))
        context = self.entry_contexts.get(base.entry_id.lower(), Context())
        entry = self.build(
            RegisterEntry,
            base.entry_id,
            **entry_fields(values, base, list_name),
            organization_id=self.organization_id,
            meeting_id=context.meeting_id,
            agenda_item_id=context.agenda_item_id,
            document_ids=self.document_ids(docs),
            source_url=response.url,
        )
        if entry is None:
            return
        yield entry
        doc_context = context.via_entry(entry.id, list_name)
        yield from self.sight_documents(docs, doc_context, response.url)
        if not is_motion_list(list_name or base.list_name, base.can_vote):
            return
        motion = self.motion_record(
            base.entry_id, motion_fields(values, base, list_name), entry, context, response.url
        )
        if motion is None:
            return
        yield motion
        params = {"Sitename": self.site, "EntryId": base.entry_id}
        yield self.soap(
            "GetListEntryVotesByListEntryId", params, self.parse_votes, cb_kwargs={"motion": motion}
        )

    def voter_id(self, user_id: str | None) -> str | None:
        """The voter's Person id, when `GetUsers` listed (and this source kept) the voter."""
        if user_id is None or user_id.lower() not in self.people:
            return None
        return self.ref_id("person", user_id)

    def parse_votes(self, response: Response, motion: Motion) -> Output:
        result = self.result(response)
        for row in votes(result.element) if result is not None else []:
            if not row.user_name:
                self.record_error(f"a vote without a name on motion {motion.native_id}")
                continue
            voter = row.user_id or "n" + hashlib.sha256(row.user_name.encode()).hexdigest()[:12]
            record = self.build(
                Vote,
                f"{motion.native_id}.{voter}",
                motion_id=motion.id,
                voter_name=row.user_name,
                voter_person_id=self.voter_id(row.user_id),
                party=row.party,
                choice=row.choice,
                source_url=response.url,
            )
            if record is not None:
                yield record
