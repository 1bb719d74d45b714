"""`/ori/v2/` over the sample store, as a client sees it: every page and resource valid against
the official ORI 2.0 document, paging complete and stable, the official filters, references
and file links that resolve on our own server, and problem answers for what is not served."""

from __future__ import annotations

from typing import Any

import pytest
from starlette.testclient import TestClient

from tests.search_api.sample import Sample
from vindplaats.ori import spec
from vindplaats.ori.ids import ori_uuid
from vindplaats.ori.json_schema import component, validator
from vindplaats.ori.ori2_collections import COLLECTIONS
from vindplaats.settings import Settings

BASE = "/ori/v2"
SITE = "http://testserver"


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    return spec.load("ori-2", Settings().xsd_dir)


def schema_of(document: dict[str, Any], path: str, status: str = "200") -> dict[str, Any]:
    answer = document["paths"][path]["get"]["responses"][status]
    if "$ref" in answer:
        answer = document["components"]["responses"][answer["$ref"].rsplit("/", 1)[-1]]
    content = answer["content"]
    return dict(next(iter(content.values()))["schema"])


def walk(client: TestClient, collection: str, query: str = "") -> list[dict[str, Any]]:
    """Every resource of the collection, following `next` from page 1."""
    found: list[dict[str, Any]] = []
    url: str | None = f"{BASE}/{collection}{query}"
    seen: set[str] = set()
    while url is not None:
        assert url not in seen, f"next loops at {url}"
        seen.add(url)
        answer = client.get(url)
        assert answer.status_code == 200, answer.text
        body = answer.json()
        found += body["results"]
        url = body["next"]
        if url is not None:
            assert url.startswith(f"{SITE}{BASE}/{collection}?"), url
            url = url.removeprefix(SITE)
    return found


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_every_page_and_resource_is_valid_against_the_official_document(
    client: TestClient, document: dict[str, Any], collection: str
) -> None:
    page = validator(document, schema_of(document, f"/{collection}"))
    item = validator(document, schema_of(document, f"/{collection}/{{id}}"))
    answer = client.get(f"{BASE}/{collection}")
    assert answer.headers["api-version"] == "2.0.0-beta.4"
    assert answer.headers["content-type"] == "application/json"
    assert [e.message for e in page.iter_errors(answer.json())] == []
    for resource in walk(client, collection)[:25]:
        alone = client.get(resource["url"].removeprefix(SITE))
        assert alone.status_code == 200 and alone.json() == resource
        assert [e.message for e in item.iter_errors(alone.json())] == []


def test_walking_next_lists_every_record_once_and_pages_agree(client: TestClient) -> None:
    first = walk(client, "informatieobjecten")
    ids = [r["id"] for r in first]
    assert len(ids) == len(set(ids)) > 20  # more than one page
    assert ids == sorted(ids)
    assert [r["id"] for r in walk(client, "informatieobjecten")] == ids
    second = client.get(f"{BASE}/informatieobjecten?page=2").json()
    assert second["previous"] == f"{SITE}{BASE}/informatieobjecten?page=1"
    assert second["results"][0]["id"] == ids[20]


def test_withdrawn_records_are_not_served(client: TestClient, sample: Sample) -> None:
    uuid = ori_uuid(sample.withdrawn_id)
    assert uuid not in {r["id"] for r in walk(client, "informatieobjecten")}
    answer = client.get(f"{BASE}/informatieobjecten/{uuid}")
    assert answer.status_code == 404
    assert answer.headers["content-type"] == "application/problem+json"
    assert answer.json()["status"] == 404


def test_every_reference_and_file_link_resolves_on_our_server(
    client: TestClient, sample: Sample
) -> None:
    def urls(node: Any) -> list[str]:
        if isinstance(node, dict):
            return [u for value in node.values() for u in urls(value)]
        if isinstance(node, list):
            return [u for value in node for u in urls(value)]
        return [node] if isinstance(node, str) and node.startswith(SITE + BASE + "/") else []

    followed = 0
    for collection in COLLECTIONS:
        for resource in walk(client, collection):
            for url in urls({k: v for k, v in resource.items() if k != "url"}):
                target = url.removeprefix(SITE + BASE + "/").split("/")[0]
                answer = client.get(url.removeprefix(SITE))
                assert answer.status_code == 200, url
                assert answer.json()["url"] == url and target in url
                followed += 1
    assert followed > 20
    documents = {r["id"]: r for r in walk(client, "informatieobjecten")}
    assert "link" not in documents[ori_uuid(sample.failed_id)]  # our download of it failed
    linked = [r["link"] for r in documents.values() if "link" in r]
    ours = [link for link in linked if link.startswith(SITE + "/api/documents/")]
    assert ours
    for link in ours:
        assert client.get(link.removeprefix(SITE)).status_code == 200, link


def test_filters_of_the_official_document(client: TestClient, sample: Sample) -> None:
    meeting = ori_uuid(sample.meeting_id)
    assert [r["id"] for r in walk(client, "vergaderingen", "?vergaderdatum=2024-11-05")] == [
        meeting
    ]
    assert walk(client, "vergaderingen", "?vergaderdatum=2024-11-06") == []
    assert (
        len(walk(client, "vergaderingen", "?status=gehouden&vergaderingstype=raadsvergadering"))
        == 1
    )
    # the sample's GM9999 names no TOOI municipality: it is not served, so nothing matches it
    assert walk(client, "vergaderingen", "?gemeentecode=GM9999") == []
    assert walk(client, "vergaderingen", "?gewijzigdSinds=2999-01-01T00:00:00Z") == []
    items = walk(client, "agendapunten", f"?vergaderingsIdentificatie={meeting[:10]}")
    assert len(items) == len(sample.agenda_ids)
    documents = walk(client, "informatieobjecten", f"?vergaderingsIdentificatie={meeting}")
    assert documents and all(meeting in str(d["vergaderingen"]) for d in documents)
    titled = walk(client, "informatieobjecten", "?titel=BEGROTING")
    assert titled and all("begroting" in d["titel"].lower() for d in titled)


@pytest.mark.parametrize(
    "query",
    [
        "vergaderingen?gewijzigdSinds=gisteren",
        "vergaderingen?vergaderdatum=2024-13-01",
        "vergaderingen?status=bezig",
        "agendapunten?vergaderingsIdentificatie=12345678901",
        "informatieobjecten?bronOrganisatie=abc",
        "vergaderingen?page=0",
    ],
)
def test_an_invalid_filter_or_page_is_a_400_problem(
    client: TestClient, document: dict[str, Any], query: str
) -> None:
    answer = client.get(f"{BASE}/{query}")
    assert answer.status_code == 400
    assert answer.headers["content-type"] == "application/problem+json"
    body = answer.json()
    check = validator(document, component("vng-common-BadRequestFoutbericht"))
    assert check.is_valid(body)
    assert body["invalidParams"][0]["name"] == query.split("?")[1].split("=")[0]


def test_unknown_pages_ids_and_paths_are_404_problems(client: TestClient) -> None:
    for path in ("vergaderingen?page=2", "vergaderingen/nope", "onbekend", "vergaderingen/a/b"):
        answer = client.get(f"{BASE}/{path}")
        assert answer.status_code == 404, path
        assert answer.headers["content-type"] == "application/problem+json"
        assert answer.headers["api-version"] == "2.0.0-beta.4"


def test_writes_are_501_and_other_methods_405(client: TestClient) -> None:
    for method, path in (("POST", "besluiten"), ("PUT", "besluiten/x"), ("DELETE", "fracties/x")):
        answer = client.request(method, f"{BASE}/{path}", json={})
        assert answer.status_code == 501 and answer.json()["status"] == 501
    answer = client.patch(f"{BASE}/vergaderingen")
    assert answer.status_code == 405 and answer.headers["allow"] == "GET, HEAD, POST"


def test_next_keeps_the_filters_and_head_answers_without_a_body(client: TestClient) -> None:
    first = client.get(f"{BASE}/informatieobjecten?titel=e").json()
    assert first["next"] == f"{SITE}{BASE}/informatieobjecten?titel=e&page=2"
    head = client.head(f"{BASE}/vergaderingen")
    assert head.status_code == 200 and head.content == b""
    assert head.headers["api-version"] == "2.0.0-beta.4"
