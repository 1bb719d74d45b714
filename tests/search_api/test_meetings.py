"""GET /api/meetings/{id}: the agenda tree and the meeting's documents."""

from __future__ import annotations

from starlette.testclient import TestClient

from tests.search_api.sample import Sample


def test_meeting_with_nested_ordered_agenda(client: TestClient, sample: Sample) -> None:
    response = client.get(f"/api/meetings/{sample.meeting_id}")
    assert response.status_code == 200
    meeting = response.json()
    assert meeting["name"] == "Raadsvergadering 5 november 2024"
    assert meeting["committee"] == {"id": meeting["committee_id"], "name": "Gemeenteraad"}
    assert meeting["organization"]["name"] == "Gemeente Testdam"
    agenda = meeting["agenda"]
    assert [i["name"] for i in agenda] == ["Opening", "Hamerstukken", "Motie fietspad"]
    heading = agenda[1]
    assert heading["is_heading"] is True
    assert heading["id"] == sample.heading_id
    assert [c["name"] for c in heading["children"]] == [
        "Begroting 2025",
        "Verordening afvalstoffenheffing",
    ]
    begroting = heading["children"][0]
    assert begroting["raw_position"] == "3a"
    assert begroting["documents"] == [
        {
            "id": sample.begroting_id,
            "title": "Begroting 2025",
            "links": {
                "self": f"/api/documents/{sample.begroting_id}",
                "file": f"/api/documents/{sample.begroting_id}/file",
                "original": "https://example.org/files/1001.pdf",
            },
        }
    ]
    assert [d["id"] for d in agenda[2]["documents"]] == [sample.motie_id]
    assert [d["id"] for d in meeting["documents"]] == [sample.failed_id]


def test_unknown_meeting_is_404(client: TestClient, sample: Sample) -> None:
    for meeting_id in ("meeting:notubiz:testdam:nope", sample.begroting_id, "x"):
        response = client.get(f"/api/meetings/{meeting_id}")
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"


def test_a_meeting_lists_its_register_entries_with_their_type(
    client: TestClient, sample: Sample
) -> None:
    entries = client.get(f"/api/meetings/{sample.meeting_id}").json()["register_entries"]
    assert [e["id"] for e in entries] == sample.register_entry_ids
    motion, received = entries
    assert (motion["document_type"], motion["document_type_label"]) == ("motie", "Motie")
    assert received == {
        "id": sample.register_entry_ids[1],
        "name": "Brief van de fietsersbond",
        "register_name": "Ingekomen stukken",
        "document_type": "ingekomen_stuk",
        "document_type_label": "Brief",
        "woo_category": "3.3.2a",
    }
