"""The sandbox's GemeenteOplossingen API: two towns (v1 and v2), their shapes and their files."""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any

import httpx
import pypdf
import pytest

from vindplaats.sandbox import Sandbox
from vindplaats.sandbox.go_files import PaperFiles
from vindplaats.sandbox.go_model import Towns
from vindplaats.sandbox.go_towns import build_go_towns
from vindplaats.sandbox.texts import SAMPLE_NOTICE

WINDOW_V1 = {"date_from": "1756677600", "date_to": "1798757999"}  # 2025-09-01 .. 2026-12-31
WINDOW_V2 = {"date_from": "2025-09-01", "date_to": "2026-12-31"}


def get(client: httpx.Client, url: str, **params: Any) -> Any:
    response = client.get(url, params=params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json; charset=utf-8"
    return response.json()


def api(sandbox: Sandbox, key: str) -> str:
    return f"{sandbox.go_url}/{key}/api"


def test_the_towns_are_built_the_same_way_every_time() -> None:
    assert build_go_towns() == build_go_towns()
    assert Towns(build_go_towns()).source_keys == ["duinwijk-go", "polderveen-go"]


def test_dmus_are_the_committees(sandbox: Sandbox, client: httpx.Client) -> None:
    dmus = get(client, f"{api(sandbox, 'duinwijk-go')}/v1/dmus")
    assert [d["name"] for d in dmus][:2] == ["Gemeenteraad", "Commissie Ruimte"]
    assert {d["id"] for d in dmus} == sandbox.go_world.expected("duinwijk-go").committee_ids


def test_v1_lists_meetings_as_an_array_with_time_in_the_date(
    sandbox: Sandbox, client: httpx.Client
) -> None:
    meetings = get(client, f"{api(sandbox, 'duinwijk-go')}/v1/meetings", **WINDOW_V1)
    town = sandbox.go_world.town("duinwijk-go")
    assert [m["id"] for m in meetings] == [s.id for s in town.sittings]
    first = meetings[0]
    assert datetime.fromisoformat(first["date"]).utcoffset() is not None
    assert set(first) == {
        *("id", "date", "startTime", "description", "location", "dmu", "canceled"),
        *("inactive", "items", "documents"),
    }
    assert first["description"] == ""  # named by the harvester from committee and date
    assert [i["sortorder"] for i in first["items"]] == [1, 2, 3, 4, ""]
    assert sum(m["canceled"] for m in meetings) == 1
    assert sum(m["inactive"] for m in meetings) == 1
    narrow = get(
        client, f"{api(sandbox, 'duinwijk-go')}/v1/meetings", date_from="1756677600",
        date_to="1757973600",
    )  # fmt: skip
    assert [m["id"] for m in narrow] == [town.sittings[0].id]  # only the 15 September meeting


def test_v2_pages_through_result_with_total_count(sandbox: Sandbox, client: httpx.Client) -> None:
    url = f"{api(sandbox, 'polderveen-go')}/v2/meetings"
    first = get(client, url, **WINDOW_V2, limit=100, offset=0)["result"]
    assert first["totalCount"] == 10 and len(first["meetings"]) == 4
    assert first["meetings"][0]["date"] == "2025-09-17"
    assert first["meetings"][0]["startTime"] == "19:30"
    pages = [get(client, url, **WINDOW_V2, offset=offset)["result"] for offset in (0, 4, 8)]
    seen = [m["id"] for page in pages for m in page["meetings"]]
    assert seen == [s.id for s in sandbox.go_world.town("polderveen-go").sittings]


@pytest.mark.parametrize(
    ("path", "params", "status"),
    [
        ("duinwijk-go/api/v2/meetings", WINDOW_V2, 404),  # a v1 town has no v2 route
        ("polderveen-go/api/v1/meetings", WINDOW_V1, 404),
        ("duinwijk-go/api/v1/meetings", {"date_from": "gisteren", "date_to": "1"}, 400),
        ("polderveen-go/api/v2/meetings", {"date_from": "1-9-2025", "date_to": "x"}, 400),
        ("duinwijk-go/api/v1/documents", {"publicationDate_from": "x"}, 400),
        ("nergensdorp/api/v1/dmus", {}, 404),
        ("duinwijk-go/api/v1/meetings/1/documents/2", {}, 404),
    ],
)
def test_bad_requests(
    sandbox: Sandbox, client: httpx.Client, path: str, params: dict[str, str], status: int
) -> None:
    response = client.get(f"{sandbox.go_url}/{path}", params=params)
    assert response.status_code == status
    assert "error" in response.json()


def test_documents_outside_agendas_by_publication_date(
    sandbox: Sandbox, client: httpx.Client
) -> None:
    url = f"{api(sandbox, 'duinwijk-go')}/v1/documents"
    listed = get(client, url, publicationDate_from="2025-09-01T00:00:00",
                 publicationDate_to="2026-12-31T23:59:59")  # fmt: skip
    expected = sandbox.go_world.expected("duinwijk-go").loose_document_ids
    assert {d["id"] for d in listed} == expected
    assert all(d["publicationDate"]["timezone"] == "Europe/Amsterdam" for d in listed)
    later = get(client, url, publicationDate_from="2026-03-01T00:00:00",
                publicationDate_to="2026-12-31T23:59:59")  # fmt: skip
    assert len(later) == 2


def test_files_are_pdfs_with_dutch_text(sandbox: Sandbox, client: httpx.Client) -> None:
    town = sandbox.go_world.town("duinwijk-go")
    sitting = town.sittings[0]
    paper = town.papers[sitting.items[2].documents[0]]
    response = client.get(
        f"{api(sandbox, 'duinwijk-go')}/v1/meetings/{sitting.id}/documents/{paper.id}"
    )
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(response.content)).pages)
    assert "Gemeente Duinwijk" in text and "Badhuiskwartier" in text
    assert SAMPLE_NOTICE.split(",")[0] in text
    loose = town.papers[town.loose[0]]
    again = client.get(f"{api(sandbox, 'duinwijk-go')}/v1/documents/{loose.id}")
    assert again.status_code == 200 and again.content.startswith(b"%PDF-")
    assert PaperFiles().get(town, paper) == response.content  # same bytes on every run
