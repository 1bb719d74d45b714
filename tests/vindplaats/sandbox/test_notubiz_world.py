"""The NotuBiz part of the sample world (`SandboxWorld`): deterministic, sized as promised, and
mutable for tests."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import httpx

from tests.vindplaats.sandbox.conftest import get_json
from vindplaats.sandbox import Sandbox, SandboxWorld
from vindplaats.sandbox.concepts import FileKind


def test_two_worlds_are_equal() -> None:
    first, second = SandboxWorld(), SandboxWorld()
    assert first == second
    for key in first.source_keys:
        assert first.expected(key) == second.expected(key)


def test_the_world_has_the_promised_shape() -> None:
    world = SandboxWorld()
    assert [(m.key, m.organisation_id) for m in world.municipalities] == [
        ("voorbeeldstad", 9001),
        ("zandaam", 9002),
        ("oosterproef", 9003),
    ]
    window_start = datetime.combine(world.date_from, datetime.min.time())
    window_end = datetime.combine(world.date_until, datetime.max.time())
    for municipality in world.municipalities:
        assert 8 <= len(municipality.meetings) <= 12
        assert all(window_start <= m.start <= window_end for m in municipality.meetings)
        assert len(world.expected(municipality.key).non_public_meeting_ids) == 1
        december = [m for m in municipality.meetings if m.start >= datetime(2026, 12, 1)]
        assert december and all(not m.documents for m in december)
    documents = world.documents()
    assert 40 <= len(documents) <= 65  # 59 before the 3 motion PDFs of Oosterproef
    kinds = [d.kind for d in documents]
    for kind in (FileKind.SCANNED, FileKind.CORRUPT, FileKind.EMPTY, FileKind.MISSING):
        assert kinds.count(kind) == 1
    assert kinds.count(FileKind.DOCX) >= 3
    assert sum(d.quirk_url for d in documents) == 1
    assert sum(d.unique_word_page is not None for d in documents) == 1


def test_expected_splits_documents_by_place() -> None:
    expected = SandboxWorld().expected("voorbeeldstad")
    union = (
        expected.meeting_document_ids
        | expected.agenda_item_document_ids
        | expected.register_document_ids
    )
    assert union == expected.document_ids
    assert expected.heading_ids < expected.agenda_item_ids
    assert expected.scanned_document_ids.isdisjoint(expected.text_layer_document_ids)
    assert expected.broken_document_ids == (
        expected.missing_document_ids | expected.corrupt_document_ids | expected.empty_document_ids
    )


def _meeting_json(sandbox: Sandbox, client: httpx.Client, meeting_id: int) -> dict[str, Any]:
    body: dict[str, Any] = get_json(client, f"{sandbox.notubiz_url}/events/meetings/{meeting_id}")
    meeting: dict[str, Any] = body["meeting"]
    return meeting


def test_mutations_show_up_immediately(client: httpx.Client) -> None:
    with Sandbox() as sandbox:
        world = sandbox.world
        expected = world.expected("zandaam")
        meeting_id = min(expected.public_meeting_ids)
        before = _meeting_json(sandbox, client, meeting_id)

        added = world.add_document(meeting_id, title="Nagekomen stuk")
        after = _meeting_json(sandbox, client, meeting_id)
        assert added in {d["id"] for d in after["documents"]}
        assert after["last_modified"] > before["last_modified"]
        assert added in world.expected("zandaam").meeting_document_ids
        assert client.get(f"{sandbox.notubiz_url}/document/{added}/1").status_code == 200

        old = client.get(f"{sandbox.notubiz_url}/document/{added}/1").content
        assert world.bump_document_version(added) == 2
        documents = _meeting_json(sandbox, client, meeting_id)["documents"]
        doc = next(d for d in documents if d["id"] == added)
        assert doc["version"] == 2 and doc["url"].endswith(f"/document/{added}/2")
        assert [v["id"] for v in doc["versions"]] == [2, 1]  # newest first, as in real answers
        new = client.get(doc["url"]).content
        assert new.startswith(b"%PDF-") and new != old
        assert client.get(f"{sandbox.notubiz_url}/document/{added}/1").content == old

        register_doc = min(expected.register_document_ids)
        world.remove_document(register_doc)
        assert register_doc not in world.expected("zandaam").document_ids
        assert client.get(f"{sandbox.notubiz_url}/document/{register_doc}/1").status_code == 404


def test_adding_to_an_agenda_item(client: httpx.Client) -> None:
    with Sandbox() as sandbox:
        world = sandbox.world
        meeting = world.meeting(min(world.expected("oosterproef").public_meeting_ids))
        assert meeting is not None
        item = meeting.agenda_items()[-1]
        added = world.add_document(meeting.id, agenda_item_id=item.id)
        assert added in world.expected("oosterproef").agenda_item_document_ids
        assert item.last_modified == world.now == meeting.last_modified
