"""A stored council document's DiWoo metadata as the Woo-index export writes it: its creatiedatum
is the Dutch (Europe/Amsterdam) day of its date, whatever zone the date is written in."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from normalize.records import Document, Supplier
from vindplaats.woo.council_diwoo import map_document


def _council(when: datetime) -> Document:
    return Document.build(
        Supplier.NOTUBIZ,
        "alkmaar",
        "700001",
        title="Raadsvoorstel herinrichting Stationsplein",
        original_url="https://api.notubiz.nl/document/700001/1",
        file_name="Raadsvoorstel.pdf",
        content_type="application/pdf",
        document_type="Raadsvoorstellen",
        date=when,
        organization_id="organization:notubiz:alkmaar:1",
    )


@pytest.mark.parametrize(
    ("when", "day"),
    [
        # 00:30 in Amsterdam in winter (CET): the previous evening in UTC
        (datetime(2019, 1, 8, 23, 30, tzinfo=UTC), date(2019, 1, 9)),
        # 00:30 in Amsterdam in summer (CEST, two hours ahead)
        (datetime(2025, 6, 30, 22, 30, tzinfo=UTC), date(2025, 7, 1)),
        # 23:30 in Amsterdam is still that day, though it is the next one in Tokyo
        (datetime(2025, 3, 11, 7, 30, tzinfo=timezone(timedelta(hours=9))), date(2025, 3, 10)),
        (datetime(2019, 1, 7, 19, 30, tzinfo=UTC), date(2019, 1, 7)),
    ],
)
def test_creatiedatum_is_the_dutch_day_of_the_documents_date(when: datetime, day: date) -> None:
    mapped = map_document(_council(when), None, None)
    assert mapped.metadata.creatiedatum == day
    handeling = mapped.metadata.documenthandelingen[0]
    assert handeling.at_time == when  # the time itself is kept, in its own zone
