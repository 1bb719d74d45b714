"""A takedown as the API's readers see it, right after it commits and in the same worker:
the document is out of search, its own endpoints answer 410 Gone with a JSON body, and it is
out of the Atom feed, the CSV export, its meeting, the ORI v2 catalogue, mini-ORI and the
Woo-index export; a restore brings every one of them back at once. (The token and session
checks of `POST|DELETE /api/documents/{id}/takedown` are below, with the access module.)"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from search_api import create_app
from tests.search_api.sample import Sample, build_sample
from tests.vindplaats.woo.generated import KEY as WOO_KEY
from tests.vindplaats.woo.generated import generate
from vindplaats.operations.takedown import restore, take_down
from vindplaats.ori.ids import ori_uuid
from vindplaats.settings import load_settings
from vindplaats.store import Store, open_store


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Sample:
    return build_sample(tmp_path_factory.mktemp("takedown-api"))  # its own: takedowns change it


@pytest.fixture(scope="module")
def client(sample: Sample) -> Iterator[TestClient]:
    with TestClient(create_app(sample.settings)) as test_client:
        yield test_client


@pytest.fixture
def store(sample: Sample) -> Iterator[Store]:
    opened = open_store(sample.settings)
    yield opened
    opened.close()


def _outputs(client: TestClient, sample: Sample) -> dict[str, bool]:
    """Where the sample's begroting shows, output by output."""
    doc_id = sample.begroting_id
    search = client.get("/api/search", params={"q": "begroting"}).json()
    feed = client.get("/feed.atom", params={"q": "begroting"}).text
    export = client.get("/api/export", params={"format": "csv", "q": "begroting"}).text
    meeting = client.get(f"/api/meetings/{sample.meeting_id}").text
    ori = client.get(f"/ori/v2/informatieobjecten/{ori_uuid(doc_id)}")
    return {
        "search": doc_id in {hit["id"] for hit in search["hits"]},
        "document": client.get(f"/api/documents/{doc_id}").status_code == 200,
        "file": client.get(f"/api/documents/{doc_id}/file").status_code == 200,
        "page": client.get(f"/documenten/{doc_id}").status_code == 200,
        "feed": doc_id in feed,
        "export": doc_id in export,
        "meeting": doc_id in meeting,
        "ori": ori.status_code == 200,
    }


def test_a_takedown_leaves_every_output_at_once_and_a_restore_brings_it_back(
    client: TestClient, sample: Sample, store: Store
) -> None:
    before = _outputs(client, sample)
    assert all(before.values()), before
    take_down(store, sample.begroting_id, reason="BSN op pagina 2", actor="editor@testdam.nl")
    after = _outputs(client, sample)
    assert not any(after.values()), after
    gone = client.get(f"/api/documents/{sample.begroting_id}")
    assert gone.status_code == 410
    error = gone.json()["error"]
    assert error["code"] == "gone" and "taken down" in error["message"]
    assert "BSN op pagina 2" not in gone.text  # the reason is not public
    page = client.get(f"/documenten/{sample.begroting_id}")
    assert page.status_code == 410 and "offline gehaald" in page.text
    restore(store, sample.begroting_id, actor="editor@testdam.nl")
    assert _outputs(client, sample) == before


def test_the_woo_index_export_leaves_it_out_at_once(tmp_path: Path) -> None:
    base = "https://ori.alkmaar.nl"
    settings = load_settings(data_dir=tmp_path / "data", public_base_url=base + "/")
    generate(settings, 20)
    with TestClient(create_app(settings)) as client:
        index = client.get(f"/woo/{WOO_KEY}/sitemapindex-diwoo-infocat008.xml").text
        [sitemap] = re.findall(r"<loc>([^<]+)</loc>", index)
        locs = re.findall(r"<loc>([^<]+)</loc>", client.get(sitemap.removeprefix(base)).text)
        first = locs[0].removeprefix(base)
        native = first.split("/documenten/", 1)[1].split("/", 1)[0]
        doc_id = f"document:notubiz:{WOO_KEY}:{native}"
        store = open_store(settings)
        try:
            take_down(store, doc_id, reason="Bevat een BSN", actor="cli")
            later = client.get(sitemap.removeprefix(base)).text
            assert locs[0] not in later and len(re.findall("<loc>", later)) == len(locs) - 1
            assert client.get(first).status_code == 404
            restore(store, doc_id, actor="cli")
        finally:
            store.close()
        assert locs[0] in client.get(sitemap.removeprefix(base)).text
        assert client.get(first).status_code == 200


def test_the_takedown_endpoints_refuse_without_a_token(client: TestClient, sample: Sample) -> None:
    url = f"/api/documents/{sample.begroting_id}/takedown"
    refused = client.post(url, json={"reason": "Bevat een BSN"})
    assert refused.status_code == 401 and "error" in refused.json()
    assert client.delete(url).status_code == 401
    unknown = client.post("/api/documents/document:notubiz:testdam:0/takedown", json={})
    assert unknown.status_code == 404
    assert client.put(url).status_code == 405
    assert client.get(f"/api/documents/{sample.begroting_id}").status_code == 200  # still up
