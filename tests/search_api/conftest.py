"""Fixtures: one sample store + index per session, a TestClient on the app over it, and the real
server (uvicorn on a loopback port) over the same sample."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from search_api import create_app
from tests.search_api.live import served
from tests.search_api.sample import Sample, build_sample


@pytest.fixture(scope="session")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Sample:
    return build_sample(tmp_path_factory.mktemp("api-data"))


@pytest.fixture(scope="session")
def client(sample: Sample) -> Iterator[TestClient]:
    with TestClient(create_app(sample.settings)) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def live_url(sample: Sample) -> Iterator[str]:
    """The base URL of the app served by uvicorn on 127.0.0.1 (an OS-chosen port), rate limit
    off so that many requests from one client reach the endpoints."""
    settings = sample.settings.model_copy(update={"api_rate_limit": "off"})
    with served(create_app(settings), wait=30) as (url, _):
        yield url
