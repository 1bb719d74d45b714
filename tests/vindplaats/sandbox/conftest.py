"""Shared fixtures: one sandbox per test session (files built once), an httpx client, and a
helper that walks the NotuBiz API the way a complete harvest would."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from vindplaats.sandbox import Sandbox

PARAMS = {"format": "json", "version": "1.17.0"}


@pytest.fixture(scope="session")
def files_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("sandbox-files")


@pytest.fixture(scope="session")
def sandbox(files_dir: Path) -> Iterator[Sandbox]:
    """A read-only sandbox shared by the session (tests that mutate start their own)."""
    with Sandbox(files_dir=files_dir) as running:
        running.prepare_files()
        yield running


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=30) as http:
        yield http


def get_json(client: httpx.Client, url: str, **params: str | int) -> Any:
    response = client.get(url, params={**PARAMS, **params})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json; charset=utf-8"
    return response.json()


def absolute(self_link: str, api_url: str) -> str:
    """NotuBiz `self` links have no scheme: give them the API's."""
    return f"{api_url.split('://')[0]}://{self_link}"


@dataclass
class Harvest:
    """What walking the API found for one organisation."""

    public_meetings: set[int] = field(default_factory=set)
    refused_meetings: set[int] = field(default_factory=set)
    agenda_items: set[int] = field(default_factory=set)
    headings: set[int] = field(default_factory=set)
    register_items: set[int] = field(default_factory=set)
    meeting_documents: set[int] = field(default_factory=set)
    agenda_item_documents: set[int] = field(default_factory=set)
    register_documents: set[int] = field(default_factory=set)
    document_urls: dict[int, str] = field(default_factory=dict)
    pages: int = 0


def harvest(client: httpx.Client, api_url: str, organisation_id: int) -> Harvest:
    """Walk events (every page), meetings, agenda trees and module items."""
    found = Harvest()
    page = 1
    while True:
        listing = get_json(
            client,
            f"{api_url}/events",
            organisation_id=organisation_id,
            date_from="2025-09-01 00:00:00",
            date_to="2026-12-31 23:59:59",
            page=page,
        )
        found.pages += 1
        for event in listing["events"]:
            detail = get_json(client, f"{api_url}/events/meetings/{event['id']}")
            if "error_code" in detail:  # NotuBiz errors: HTTP 200 with message/error_code
                found.refused_meetings.add(event["id"])
                continue
            _meeting(client, api_url, detail["meeting"], found)
        if not listing["pagination"]["has_more_pages"]:
            return found
        page += 1


def _meeting(client: httpx.Client, api_url: str, meeting: dict[str, Any], found: Harvest) -> None:
    found.public_meetings.add(meeting["id"])
    _documents(meeting["documents"], found.meeting_documents, found)
    _modules(client, api_url, meeting["module_items"], found)
    stack = list(meeting["agenda_items"])
    while stack:
        item = stack.pop()
        found.agenda_items.add(item["id"])
        if item["type"] == "label":
            found.headings.add(item["id"])
        _documents(item["documents"], found.agenda_item_documents, found)
        _modules(client, api_url, item["module_items"], found)
        stack.extend(item["agenda_items"])


def _modules(
    client: httpx.Client, api_url: str, links: list[dict[str, Any]], found: Harvest
) -> None:
    for link in links:
        item = get_json(client, absolute(link["self"], api_url))["item"]
        found.register_items.add(item["id"])
        docs = list(item.get("attachments", {}).get("document", []))
        for attribute in item["attributes"]:
            if attribute["datatype"] == "document":
                docs.extend(value["document"] for value in attribute["values"])
        _documents(docs, found.register_documents, found)


def _documents(docs: list[dict[str, Any]], into: set[int], found: Harvest) -> None:
    for doc in docs:
        into.add(doc["id"])
        found.document_urls[doc["id"]] = doc["url"]
