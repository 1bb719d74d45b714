"""mini-ORI 1.0.0 at /ori/mini/v1/ over the sample: every answer valid against the official
document, paging complete, every reference and `url` resolving, writes refused with 401.

The shared sample's testdam has a made-up TOOI code (gm9999), which mini-ORI does not serve: these
tests use a copy of the sample (`tooi_sample`) in which testdam has a real one (gm0361); anderdam
still has none, so it is not served."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from search_api import create_app
from search_api.ori import mini_routes
from tests.search_api.sample import Sample, build_sample
from vindplaats.ori import spec
from vindplaats.ori.ids import ori_uuid
from vindplaats.ori.json_schema import errors
from vindplaats.settings import Settings
from vindplaats.store import open_store

MINI = spec.load("mini-ori", Settings().xsd_dir)
BASE = "/ori/mini/v1"
LISTS = {
    "vergaderingen": ("PaginatedVergaderingList", "Vergadering"),
    "agendapunten": ("PaginatedAgendapuntList", "Agendapunt"),
    "informatieobjecten": ("PaginatedInformatieObjectList", "InformatieObject"),
}
TESTDAM_TOOI = "https://identifier.overheid.nl/tooi/id/gemeente/gm0361"


def tooi_sample(data_dir: Path) -> Sample:
    """The sample, with a TOOI code of the lists for testdam (anderdam has none)."""
    sample = build_sample(data_dir)
    store = open_store(sample.settings)
    try:
        source = store.get_source("testdam")
        store.upsert_source(source.model_copy(update={"tooi_uri": TESTDAM_TOOI}))
    finally:
        store.close()
    return sample


@pytest.fixture(scope="module")
def tooi(tmp_path_factory: pytest.TempPathFactory) -> Sample:
    return tooi_sample(tmp_path_factory.mktemp("mini-data"))


@pytest.fixture(scope="module")
def api(tooi: Sample) -> Iterator[TestClient]:
    with TestClient(create_app(tooi.settings)) as test_client:
        yield test_client


def walk(client: TestClient, collection: str) -> list[dict[str, Any]]:
    """Every record of a collection, following `next` from the first page."""
    found: list[dict[str, Any]] = []
    url: str | None = f"{BASE}/{collection}"
    while url is not None:
        answer = client.get(url)
        assert answer.status_code == 200, answer.text
        body = answer.json()
        assert errors(MINI, LISTS[collection][0], body) == []
        found += body["results"]
        url = body["next"]
    return found


@pytest.mark.parametrize("collection", LISTS)
def test_each_list_is_valid_and_each_record_answers_at_its_own_url(api, collection):
    records = walk(api, collection)
    assert records
    for record in records:
        answer = api.get(record["url"])
        assert answer.status_code == 200
        assert answer.json() == record
        assert errors(MINI, LISTS[collection][1], answer.json()) == []


def test_the_sample_is_served_with_its_tooi_code_and_without_withdrawn_records(api, tooi):
    documents = {record["id"]: record for record in walk(api, "informatieobjecten")}
    assert ori_uuid(tooi.begroting_id) in documents
    assert ori_uuid(tooi.withdrawn_id) not in documents
    # anderdam has no TOOI code anywhere (source, organisation, catalogue): not served
    assert ori_uuid(tooi.letter_ids[0]) not in documents
    begroting = documents[ori_uuid(tooi.begroting_id)]
    assert begroting["organisatie"] == {"gemeente": "gm0361", "naam": "Gemeente Testdam"}
    assert begroting["wooinformatiecategorie"] == "c_db4862c3"
    assert api.get(begroting["link"]).status_code == 200
    missing = api.get(f"{BASE}/informatieobjecten/{ori_uuid(tooi.withdrawn_id)}")
    assert missing.status_code == 404


def test_every_reference_resolves_to_a_record_of_its_collection(api):
    seen = 0
    for collection in LISTS:
        for record in walk(api, collection):
            refs = [
                r["url"]
                for key in ("vergaderingen", "agendapunten")
                for r in record.get(key, [])
                if isinstance(r, dict)
            ]
            refs += [
                r
                for key in ("agendapunten", "subagendapunten")
                for r in record.get(key, [])
                if isinstance(r, str)
            ]
            refs += [
                record[key]["url"] for key in ("vergadering", "hoofdagendapunt") if key in record
            ]
            for url in refs:
                assert api.get(url).status_code == 200, (record["url"], url)
                seen += 1
    assert seen >= 10


def test_paging_lists_every_record_once_forward_and_back(api, monkeypatch):
    everything = [r["id"] for r in walk(api, "agendapunten")]
    monkeypatch.setattr(mini_routes, "PAGE_SIZE", 2)
    first = api.get(f"{BASE}/agendapunten").json()
    assert len(first["results"]) == 2 and first["next"].startswith("http://testserver/")
    assert first["previous"] is None
    paged = [r["id"] for r in walk(api, "agendapunten")]
    assert paged == everything and len(set(paged)) == len(paged) == 5
    assert api.get(first["next"]).json() == api.get(first["next"]).json()
    pages = [first]
    while pages[-1]["next"] is not None:
        pages.append(api.get(pages[-1]["next"]).json())
    assert [len(page["results"]) for page in pages] == [2, 2, 1]
    back = [pages[-1]]
    while back[-1]["previous"] is not None:
        back.append(api.get(back[-1]["previous"]).json())
    assert back == pages[::-1]
    assert pages[1]["previous"] == "http://testserver/ori/mini/v1/agendapunten"


def test_a_record_withdrawn_meanwhile_is_left_out_and_moves_no_other(tooi, monkeypatch):
    monkeypatch.setattr(mini_routes, "PAGE_SIZE", 2)
    with TestClient(create_app(tooi.settings)) as own:
        before = [r["id"] for r in walk(own, "informatieobjecten")]
        first = own.get(f"{BASE}/informatieobjecten").json()
        store = open_store(tooi.settings)
        try:
            gone = tooi.begroting_id  # document:notubiz:testdam:1001, the first in id order
            assert before[0] == ori_uuid(gone)
            store.mark_withdrawn([gone])
            second = own.get(first["next"]).json()
            assert [r["id"] for r in second["results"]] == before[2:4]
            assert [r["id"] for r in walk(own, "informatieobjecten")] == before[1:]
        finally:
            store.upsert_record(store.get_record(gone))  # seen again: back
            store.close()


@pytest.mark.parametrize(
    "path",
    [
        f"{BASE}/vergaderingen/00000000-0000-0000-0000-000000000000",
        f"{BASE}/vergaderingen/not-a-uuid",
        f"{BASE}/vergaderingen/a/b",
        f"{BASE}/agendapunten?na=%%%",
    ],
)
def test_unknown_ids_and_cursors_answer_the_documents_error_response(api, path):
    answer = api.get(path)
    assert answer.status_code == 404
    assert answer.headers["content-type"] == "application/json"
    body = answer.json()
    assert errors(MINI, "ErrorResponse", body) == [] and body["status"] == 404


def test_a_record_of_another_collection_is_not_found(api, tooi):
    assert api.get(f"{BASE}/agendapunten/{ori_uuid(tooi.meeting_id)}").status_code == 404


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", f"{BASE}/vergaderingen"),
        ("PUT", f"{BASE}/agendapunten/00000000-0000-0000-0000-000000000000"),
        ("DELETE", f"{BASE}/informatieobjecten/00000000-0000-0000-0000-000000000000"),
    ],
)
def test_writes_answer_401_without_a_body(api, method, path):
    answer = api.request(method, path, json={"naam": "x"})
    assert answer.status_code == 401 and answer.content == b""
    assert answer.headers["www-authenticate"].startswith("Bearer")


def test_urls_are_on_the_public_base_url_when_one_is_set(tooi: Sample):
    settings = tooi.settings.model_copy(update={"public_base_url": "https://ori.example.nl"})
    with TestClient(create_app(settings)) as public:
        record = public.get(f"{BASE}/vergaderingen").json()["results"][0]
    assert record["url"].startswith("https://ori.example.nl/ori/mini/v1/vergaderingen/")


def test_everything_under_the_base_answers_json_never_the_web_pages(api):
    wrong = api.request("PATCH", f"{BASE}/vergaderingen")
    assert wrong.status_code == 405 and wrong.json()["status"] == 405
    assert set(wrong.headers["allow"].split(", ")) == {"GET", "HEAD", "POST"}
    for path in (f"{BASE}/", f"{BASE}/besluiten", f"{BASE}/vergaderingen/a%0Ab"):
        answer = api.get(path)
        assert answer.status_code == 404, path
        assert errors(MINI, "ErrorResponse", answer.json()) == []


def test_an_organisation_whose_code_the_tooi_lists_lack_is_not_served(client):
    # the shared sample: testdam's gm9999 is in no TOOI list, anderdam has no code at all
    for collection in LISTS:
        assert walk(client, collection) == []


def test_the_agenda_items_of_a_withdrawn_meeting_are_not_served(tooi):
    with TestClient(create_app(tooi.settings)) as own:
        items = walk(own, "agendapunten")
        store = open_store(tooi.settings)
        try:
            store.mark_withdrawn([tooi.meeting_id])
            assert walk(own, "agendapunten") == []
            assert own.get(items[0]["url"]).status_code == 404
        finally:
            store.upsert_record(store.get_record(tooi.meeting_id))  # seen again: back
            store.close()
        assert walk(own, "agendapunten") == items
