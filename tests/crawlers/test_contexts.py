from __future__ import annotations

import itertools
from datetime import datetime

from crawlers.contexts import Context, ContextTracker
from normalize.cleaners import AMSTERDAM
from normalize.records import Meeting, Supplier

MEETING = Context(meeting_id="meeting:notubiz:x:1", committee_id="committee:notubiz:x:9")
AGENDA = Context(meeting_id="meeting:notubiz:x:1", agenda_item_id="agenda_item:notubiz:x:5")
VIA_REGISTER = Context(
    meeting_id="meeting:notubiz:x:1",
    agenda_item_id="agenda_item:notubiz:x:5",
    register_entry_id="register_entry:notubiz:x:7",
)
REGISTER_ONLY = Context(register_entry_id="register_entry:notubiz:x:7", register_name="Moties")


def test_the_best_context_wins_whatever_the_arrival_order() -> None:
    sightings = [REGISTER_ONLY, VIA_REGISTER, MEETING, AGENDA]
    for order in itertools.permutations(sightings):
        tracker: ContextTracker[str] = ContextTracker()
        for context in order:
            tracker.add("doc", context, "payload")
        assert tracker.best("doc")[0] == AGENDA


def test_add_reports_only_improvements_over_what_was_emitted() -> None:
    tracker: ContextTracker[None] = ContextTracker()
    assert tracker.add("doc", MEETING, None)
    tracker.emitted("doc", MEETING)
    assert not tracker.add("doc", REGISTER_ONLY, None)  # worse: nothing to re-emit
    assert tracker.add("doc", AGENDA, None)  # better: re-emit with the agenda context
    tracker.emitted("doc", AGENDA)
    assert not tracker.add("doc", AGENDA, None)
    assert "doc" in tracker and "other" not in tracker


def test_a_meetings_context_and_that_of_its_agenda_items() -> None:
    start = datetime(2026, 3, 4, 19, 30, tzinfo=AMSTERDAM)
    meeting = Meeting.build(
        Supplier.NOTUBIZ,
        "x",
        "1",
        name="Raad",
        start=start,
        organization_id="organization:notubiz:x:1",
        committee_id="committee:notubiz:x:9",
    )
    context = Context.of_meeting(meeting)
    assert context == Context("meeting:notubiz:x:1", None, "committee:notubiz:x:9", start)
    item = context.via_item("agenda_item:notubiz:x:5")
    assert item == Context(
        "meeting:notubiz:x:1", "agenda_item:notubiz:x:5", "committee:notubiz:x:9", start
    )
    assert item.rank() < context.rank()  # an agenda item's context beats its meeting's
