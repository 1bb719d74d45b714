"""Changes as the event-polling draft's StoredEvents: valid against the official document (its
`data` oneOf included), stable ids, and the filters and order of `GET /events`."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.vindplaats.ori.test_mini_records import (
    LINKS,
    _agendapunt,
    _informatieobject,
    _vergadering,
    document,
    item,
    meeting,
)
from vindplaats.ori import spec
from vindplaats.ori.events_feed import Change, Query, event_id, select, stored_event
from vindplaats.ori.json_schema import errors
from vindplaats.settings import Settings

EVENTS = spec.load("ori-events", Settings().xsd_dir)
AT = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
BODIES = {meeting.id: _vergadering, item.id: _agendapunt, document.id: _informatieobject}


def change(record_id: str, kind: str = "UPDATE", at: datetime = AT, code: str = "gm0363"):
    body = BODIES[record_id]() if kind != "DELETE" else None
    return Change(record_id, kind, at, LINKS.url(record_id), code, body)  # type: ignore[arg-type]


@pytest.mark.parametrize("kind", ["CREATE", "UPDATE", "DELETE"])
@pytest.mark.parametrize("record_id", [meeting.id, item.id, document.id])
def test_every_kind_of_event_of_every_resource_is_a_valid_stored_event(kind, record_id):
    event = stored_event(change(record_id, kind))
    assert errors(EVENTS, "StoredEvent", event) == []
    assert event["eventType"] == kind
    assert event["resourceUrl"] == LINKS.url(record_id)
    assert event["timestamp"] == "2026-03-01T09:00:00Z"
    if kind == "DELETE":
        assert event["data"] == {"pid": LINKS.url(record_id)}
        assert "resourcePid" not in event
    else:
        assert "pid" not in event["data"] and event["resourcePid"] == LINKS.url(record_id)


def test_data_with_its_pid_would_match_two_members_of_the_drafts_oneof():
    event = stored_event(change(meeting.id))
    event["data"]["pid"] = LINKS.url(meeting.id)
    assert errors(EVENTS, "StoredEvent", event) != []


def test_an_event_id_is_stable_per_change_and_new_for_the_next_change():
    assert event_id(meeting.id, AT) == change(meeting.id).event_id
    assert event_id(meeting.id, AT + timedelta(microseconds=1)) != event_id(meeting.id, AT)
    assert event_id(item.id, AT) != event_id(meeting.id, AT)


def test_select_orders_by_time_and_filters_as_asked():
    changes = [
        change(meeting.id, "CREATE", AT),
        change(item.id, "UPDATE", AT + timedelta(hours=1), code="gm0001"),
        change(document.id, "DELETE", AT + timedelta(hours=2)),
    ]
    newest_first = [c.record_id for c in select(changes, Query())]
    assert newest_first == [document.id, item.id, meeting.id]
    oldest_first = [c.record_id for c in select(changes, Query(descending=False))]
    assert oldest_first == newest_first[::-1]
    since = Query(from_timestamp=AT + timedelta(minutes=1), descending=False)
    assert [c.record_id for c in select(changes, since)] == [item.id, document.id]
    until = Query(to_timestamp=AT + timedelta(hours=1))
    assert [c.record_id for c in select(changes, until)] == [item.id, meeting.id]
    assert [c.record_id for c in select(changes, Query(event_type="DELETE"))] == [document.id]
    assert [c.record_id for c in select(changes, Query(resource_type="Agendapunt"))] == [item.id]
    assert [c.record_id for c in select(changes, Query(organisation_code="GM0001"))] == [item.id]
