"""The interface's own assets: versioned URLs, a year's caching, 304s also once gzipped (a weak
ETag), and nothing outside the package's static folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from search_api.app import create_app
from search_api.web.static_files import asset_url
from vindplaats.settings import load_settings


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    settings = load_settings(data_dir=tmp_path_factory.mktemp("static"))
    with TestClient(create_app(settings)) as client:
        yield client


def test_an_asset_is_served_from_its_versioned_url_and_cached_for_a_year(
    client: TestClient,
) -> None:
    url = asset_url("base.css")
    assert url.startswith("/static/base.css?v=")
    response = client.get(url)
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/css; charset=utf-8"
    assert "immutable" in response.headers["cache-control"]
    source = Path(__file__).parents[3] / "search_api/web/static/base.css"
    assert response.text == source.read_text(encoding="utf-8")


@pytest.mark.parametrize("encoding", ["identity", "gzip"])
def test_a_known_etag_answers_304_plain_or_gzipped(client: TestClient, encoding: str) -> None:
    first = client.get(asset_url("base.css"), headers={"Accept-Encoding": encoding})
    etag = first.headers["etag"]
    assert etag.startswith('W/"') == (encoding == "gzip")
    again = client.get(
        asset_url("base.css"), headers={"Accept-Encoding": encoding, "If-None-Match": etag}
    )
    assert again.status_code == 304
    assert again.content == b""


@pytest.mark.parametrize(
    "name", ["nothing.css", "..%2Ftemplating.py", "base.html", ".hidden.css", "templating.py"]
)
def test_anything_else_is_not_found(client: TestClient, name: str) -> None:
    assert client.get(f"/static/{name}").status_code == 404


def test_an_unknown_asset_is_a_clear_error_for_templates() -> None:
    with pytest.raises(LookupError, match="no asset"):
        asset_url("missing.css")
