"""`crawlers.parlaeus_parse` and `crawlers.parlaeus_auth`: Parlaeus shapes to record fields, and
the token kept out of text."""

from __future__ import annotations

import json
import logging
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from crawlers.parlaeus_auth import SecretLogFilter, mask_rid, without_rid
from crawlers.parlaeus_parse import (
    committee_fields,
    document_fields,
    is_token_refusal,
    listing,
    meeting_fields,
    moment,
    person_fields,
    point_fields,
    point_nodes,
    status_error,
)
from normalize.cleaners import AMSTERDAM
from normalize.records import MeetingStatus

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "parlaeus"


def load(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text("utf-8"))


def test_errors_travel_in_the_status_field() -> None:
    assert status_error(load("cie_list.json")) is None
    assert status_error(load("agenda_detail_301.json")) is None
    assert status_error({"agenda": {}}) is None  # no status at all: fine
    assert status_error(load("agenda_detail_303.json")) == (
        "status 500: Interne fout bij het ophalen van de agenda"
    )
    assert status_error({"status": "403"}) == "status 403: no message"
    assert is_token_refusal({"status": 403, "message": "Geen toegang"})
    assert is_token_refusal({"status": "401"})
    assert not is_token_refusal({"status": 500}) and not is_token_refusal([1])


def test_lists_committees_and_persons() -> None:
    committees = [committee_fields(c) for c in listing(load("cie_list.json"))]
    assert committees[:3] == [
        {"name": "Gemeenteraad", "is_council": True},
        {"name": "CBM", "is_council": False},
        {"name": "Commissie Ruimte", "is_council": False},
    ]
    assert committee_fields({"cmid": 9, "committeecode": "RAAD"})["is_council"] is True
    assert person_fields(listing(load("person_list.json"))[1]) == {
        "name": "drs. P. Verbeek",
        "function": "Burgemeester",
        "party": None,
    }
    assert listing({"status": 200, "list": {"agid": 1}}) == [{"agid": 1}]
    assert listing("nonsense") == []


def test_meeting_times_and_status() -> None:
    agenda = load("agenda_detail_301.json")["agenda"]
    fields = meeting_fields(agenda, "Gemeenteraad")
    assert fields["start"] == datetime(2024, 3, 5, 20, 0, tzinfo=AMSTERDAM)
    assert fields["end"] == datetime(2024, 3, 5, 23, 15, tzinfo=AMSTERDAM)
    assert fields["description"] == "Openbare vergadering van de gemeenteraad van Zuidrade."
    assert fields["status"] is MeetingStatus.CONFIRMED
    cancelled = meeting_fields(load("agenda_detail_302.json")["agenda"], "CBM")
    assert cancelled["name"] == "Vergadering CBM 12 maart 2024"
    assert cancelled["end"] is None  # endtime "0"
    assert cancelled["status"] is MeetingStatus.CANCELLED
    assert moment("20240305", None) == datetime(2024, 3, 5, tzinfo=AMSTERDAM)
    assert moment("2024-03-05", "20:00") == datetime(2024, 3, 5, 20, 0, tzinfo=AMSTERDAM)
    assert moment("gisteren", "20:00") is None and moment(None, "20:00") is None


def test_points_nest_by_level() -> None:
    nodes, missing = point_nodes(load("agenda_detail_301.json")["agenda"])
    assert [(n.native_id, n.parent, n.order) for n in nodes] == [
        ("4001", None, 0),
        ("4002", None, 1),
        ("4003", "4002", 0),
        ("4004", "4002", 1),
        ("4005", None, 2),
        ("4006", "4005", 0),  # level 3 right under a level-1 point
        ("4007", None, 3),
    ]
    assert missing == 1
    assert point_fields(nodes[2]) == {
        "name": "Verordening afvalstoffenheffing 2024",
        "description": "Vaststelling van de verordening. Besluit: Conform besloten",
        "raw_position": "2a",
        "position": 2,
        "order": 0,
        "is_heading": False,
    }
    assert point_nodes({"points": "geen lijst"}) == ([], 0)


def test_documents() -> None:
    doc = {"dcid": 5, "link": "x", "title": " ", "number": "M1", "type": "Motie"}
    assert document_fields(doc) == {"title": "Document 5", "document_type": "Motie"}


def test_the_token_is_masked_in_text_and_urls() -> None:
    url = "https://x.parlaeus.nl/receive/opendata?fn=agenda_list&since=20240301&rid=s3cr%2Bt"
    assert mask_rid(f"{url}: status 500") == url.replace("s3cr%2Bt", "***") + ": status 500"
    assert (
        without_rid(url) == "https://x.parlaeus.nl/receive/opendata?fn=agenda_list&since=20240301"
    )
    assert without_rid("https://x.nl/a") == "https://x.nl/a"


def test_the_log_filter_rewrites_messages_and_tracebacks() -> None:
    secret_filter = SecretLogFilter(lambda text: mask_rid(text).replace("s3cr3t", "***"))
    try:
        raise ValueError("failed for s3cr3t")
    except ValueError:
        record = logging.LogRecord(
            "scrapy",
            logging.DEBUG,
            __file__,
            1,
            "Crawled <GET %s>",
            ("http://x/?rid=s3cr3t",),
            None,
        )
        record.exc_info = sys.exc_info()
    assert secret_filter.filter(record)
    assert record.getMessage() == "Crawled <GET http://x/?rid=***>"
    assert record.exc_text is not None and "s3cr3t" not in record.exc_text
    assert "failed for ***" in record.exc_text
