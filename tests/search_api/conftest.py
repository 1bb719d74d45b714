"""Fixtures: one sample store + index per session, and a TestClient on the app over it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from search_api import create_app
from tests.search_api.sample import Sample, build_sample


@pytest.fixture(scope="session")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Sample:
    return build_sample(tmp_path_factory.mktemp("api-data"))


@pytest.fixture(scope="session")
def client(sample: Sample) -> Iterator[TestClient]:
    with TestClient(create_app(sample.settings)) as test_client:
        yield test_client
