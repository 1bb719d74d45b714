"""Round trip: the DiWoo spider harvesting our own Woo-index export (`vindplaats.woo.export`) of a
generated organisation yields the same documents: ids from the file URLs, titles, information
categories, the publisher and the dates. The export is written for its https root and served on
loopback with that root written as the server's address (as a reverse proxy would)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date
from pathlib import Path

import pytest

from crawlers.diwoo_parse import url_native
from crawlers.report import CrawlReport
from crawlers.run import run_crawl
from normalize.dates import dutch_day
from normalize.records import Document
from tests.crawlers.conftest import crawl_settings
from tests.replay import Answer, ReplayServer, Request
from tests.vindplaats.woo.generated import KEY, TOOI, generate
from vindplaats.sources import build_source
from vindplaats.store import open_blobs, open_store
from vindplaats.woo.council_diwoo import map_document
from vindplaats.woo.export import Skipped, write_export
from vindplaats.woo.export_layout import file_path

ROOT = "https://woo.alkmaar.nl/publicaties"
HARVESTED = "alkmaar-woo"
TEXT = (".xml", ".txt")


class ExportServer(ReplayServer):
    """The files of an export directory at their paths below the root."""

    def __init__(self, folder: Path) -> None:
        super().__init__(self.answer)
        self.folder = folder.resolve()

    def answer(self, request: Request) -> Answer:
        path = (self.folder / request.path.lstrip("/")).resolve()
        if not path.is_file() or not path.is_relative_to(self.folder):
            return Answer.of(404, "text/html", b"<h1>Not Found</h1>")
        body = path.read_bytes()
        if path.suffix in TEXT:
            body = body.replace(ROOT.encode(), self.url.encode())
            return Answer.of(200, "text/plain" if path.suffix == ".txt" else "text/xml", body)
        return Answer.of(200, "application/octet-stream", body)


@dataclass
class RoundTrip:
    report: CrawlReport
    originals: dict[str, Document]  # the exported documents, by the native id of their URL
    harvested: dict[str, Document]  # what the spider stored, by native id
    skipped: list[Skipped]


@pytest.fixture(scope="module")
def round_trip(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RoundTrip]:
    tmp = tmp_path_factory.mktemp("diwoo-roundtrip")
    settings = crawl_settings(tmp / "data")
    generate(settings, 40)
    store = open_store(settings)
    skipped: list[Skipped] = []
    try:
        write_export(store, open_blobs(settings), KEY, ROOT, tmp / "export", on_skip=skipped.append)
        docs = [d for d in store.iter_records("document", KEY) if isinstance(d, Document)]
        left_out = {s.document_id for s in skipped}
        originals = {}
        for doc in docs:
            if doc.id not in left_out:
                mapped = map_document(doc, store.get_document_state(doc.id), None)
                assert mapped.file_type is not None
                loc = f"{ROOT}/{file_path(doc, mapped.file_type)}"
                originals[url_native(loc, ROOT)] = doc
        with ExportServer(tmp / "export") as server:
            store.upsert_source(
                build_source(
                    key=HARVESTED,
                    name="gemeente Alkmaar (Woo-index)",
                    supplier="diwoo",
                    base_url=server.url,
                    cbs_code="GM0361",
                )
            )
            report = run_crawl(
                settings, HARVESTED, window_from=date(2019, 1, 1), window_until=date(2019, 12, 31)
            )
        harvested = {
            d.native_id: d
            for d in store.iter_records("document", HARVESTED)
            if isinstance(d, Document)
        }
        yield RoundTrip(report, originals, harvested, skipped)
    finally:
        store.close()


def test_the_export_is_harvested_whole_without_errors(round_trip: RoundTrip) -> None:
    assert round_trip.report.status == "ok", round_trip.report.errors
    assert round_trip.report.counts["listed_in_full"] == 1
    assert len(round_trip.skipped) == 8  # 4 per 20 generated documents cannot be exported
    assert round_trip.report.counts["documents"] == len(round_trip.originals) == 32
    assert round_trip.report.counts["documents_downloaded"] == 32
    assert round_trip.report.counts.get("unknown_codes") is None


def test_ids_come_from_the_file_urls(round_trip: RoundTrip) -> None:
    assert set(round_trip.harvested) == set(round_trip.originals)


def test_titles_categories_publisher_and_dates_are_the_same(round_trip: RoundTrip) -> None:
    # some documents are dated after midnight in Amsterdam but before it in UTC
    dates = [o.date for o in round_trip.originals.values() if o.date is not None]
    assert any(dutch_day(d) != d.astimezone(UTC).date() for d in dates)
    for native, original in round_trip.originals.items():
        doc = round_trip.harvested[native]
        # a Woo publication is titled by its officiële titel, on both sides of the trip
        published = original.woo.officiele_titel if original.woo is not None else None
        assert doc.title == (published or original.title)
        assert doc.woo_category == original.woo_category
        assert doc.woo is not None and doc.woo.publisher is not None
        assert doc.woo.publisher.uri == TOOI
        assert doc.published == original.date  # the documenthandeling's time, to the second
        if original.woo is None:  # the exporter writes the Dutch day of a council record's date
            assert original.date is not None
            assert doc.woo.creatiedatum == dutch_day(original.date)
        else:  # a Woo publication keeps its own metadata
            assert doc.woo.creatiedatum == original.woo.creatiedatum
            assert [c.uri for c in doc.woo.themas] == [c.uri for c in original.woo.themas]
