"""CORS behind `VINDPLAATS_CORS_ORIGINS`: off by default, exact origins, preflights answered."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol

import pytest
from starlette.testclient import TestClient

from search_api import create_app
from tests.search_api.sample import Sample
from vindplaats.errors import ConfigError
from vindplaats.settings import load_settings

SITE = "https://site.example"
PREFLIGHT = {"Origin": SITE, "Access-Control-Request-Method": "GET"}


@contextmanager
def app_client(sample: Sample, **update: object) -> Iterator[TestClient]:
    settings = sample.settings.model_copy(update={"api_rate_limit": "off", **update})
    with TestClient(create_app(settings)) as client:
        yield client


class _Headers(Protocol):
    def get_list(self, key: str) -> list[str]: ...


def vary(headers: _Headers) -> list[str]:
    values = headers.get_list("vary")
    return [v.strip().lower() for value in values for v in value.split(",")]


def test_cors_is_off_by_default(client: TestClient) -> None:
    response = client.get("/api/search?q=begroting", headers={"Origin": SITE})
    assert response.status_code == 200
    assert not [k for k in response.headers if k.lower().startswith("access-control-")]
    assert "origin" not in vary(response.headers)
    preflight = client.options("/api/search", headers=PREFLIGHT)
    assert preflight.status_code == 405  # the API's own answer: there is no CORS
    assert preflight.json()["error"]["code"] == "method_not_allowed"


def test_a_listed_origin_may_read_the_api(sample: Sample) -> None:
    with app_client(sample, cors_origins=f"https://other.example, {SITE}") as client:
        response = client.get("/api/search?q=begroting", headers={"Origin": SITE})
        assert response.status_code == 200
        assert response.headers["access-control-allow-origin"] == SITE
        exposed = response.headers["access-control-expose-headers"].lower()
        assert "etag" in exposed and "ratelimit-remaining" in exposed
        assert "x-request-id" in exposed
        assert "access-control-allow-credentials" not in response.headers
        assert "origin" in vary(response.headers)
        assert (
            client.get("/openapi.json", headers={"Origin": SITE}).headers[
                "access-control-allow-origin"
            ]
            == SITE
        )


@pytest.mark.parametrize(
    "origin", ["https://evil.example", "https://site.example.evil.example", "http://site.example"]
)
def test_another_origin_gets_no_permission(sample: Sample, origin: str) -> None:
    with app_client(sample, cors_origins=SITE) as client:
        response = client.get("/api/search?q=begroting", headers={"Origin": origin})
        assert response.status_code == 200
        assert "access-control-allow-origin" not in response.headers
        assert "origin" in vary(response.headers)
        preflight = client.options("/api/search", headers={**PREFLIGHT, "Origin": origin})
        assert preflight.status_code == 403
        assert preflight.json()["error"]["code"] == "forbidden"
        assert "access-control-allow-origin" not in preflight.headers


def test_a_star_allows_every_origin_without_credentials(sample: Sample) -> None:
    with app_client(sample, cors_origins="*") as client:
        response = client.get(
            f"/api/meetings/{sample.meeting_id}", headers={"Origin": "https://any.example"}
        )
        assert response.headers["access-control-allow-origin"] == "*"
        assert "access-control-allow-credentials" not in response.headers


def test_web_pages_and_metrics_are_not_shared(sample: Sample) -> None:
    with app_client(sample, cors_origins="*") as client:
        for path in ("/", "/metrics", "/healthz"):
            response = client.get(path, headers={"Origin": SITE})
            assert "access-control-allow-origin" not in response.headers, path
            assert client.options(path, headers=PREFLIGHT).status_code != 204, path


def test_a_preflight_is_answered_not_rate_limited_or_refused_as_a_method(
    sample: Sample,
) -> None:
    with app_client(sample, cors_origins=SITE, api_rate_limit="1/min") as client:
        for _ in range(3):
            preflight = client.options(
                "/api/search", headers={**PREFLIGHT, "Access-Control-Request-Headers": "range"}
            )
            assert preflight.status_code == 204
            assert preflight.headers["access-control-allow-origin"] == SITE
            assert preflight.headers["access-control-allow-methods"] == "GET, HEAD"
            assert "range" in preflight.headers["access-control-allow-headers"].lower()
            assert int(preflight.headers["access-control-max-age"]) > 0
            assert "access-control-allow-credentials" not in preflight.headers
            assert "origin" in vary(preflight.headers)
        assert client.get("/api/search?q=a", headers={"Origin": SITE}).status_code == 200
        refused = client.get("/api/search?q=a", headers={"Origin": SITE})
        assert refused.status_code == 429  # the first GET was counted, the preflights not
        assert refused.headers["access-control-allow-origin"] == SITE  # the page reads why


def test_a_preflight_for_another_method_is_refused(sample: Sample) -> None:
    with app_client(sample, cors_origins=SITE) as client:
        for method in ("POST", "DELETE"):
            response = client.options(
                "/api/search", headers={**PREFLIGHT, "Access-Control-Request-Method": method}
            )
            assert response.status_code == 403
            assert "GET and HEAD" in response.json()["error"]["message"]
        plain = client.options("/api/search", headers={"Origin": SITE})  # not a preflight
        assert plain.status_code == 405


def test_the_setting_takes_origins_only() -> None:
    settings = load_settings(cors_origins=" https://Site.Example , http://127.0.0.1:8080,* ")
    assert settings.cors_origins == "https://site.example,http://127.0.0.1:8080,*"
    assert load_settings().cors_origins == ""
    for bad in ("site.example", "https://site.example/", "ftp://site.example", "https://a b"):
        with pytest.raises(ConfigError, match="VINDPLAATS_CORS_ORIGINS"):
            load_settings(cors_origins=bad)
