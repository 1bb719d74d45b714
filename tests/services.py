"""Access to the external services some tests need (Elasticsearch, Tika server, PostgreSQL).

`scripts/services start` starts them on loopback and prints their URLs as environment variables.
A test asks with `service_url(...)`: without the variable it is skipped with the reason, except
under CI (`CI` set), where a missing service fails the test.
"""

from __future__ import annotations

import os

import pytest

ELASTICSEARCH = "VINDPLAATS_TEST_ELASTICSEARCH_URL"
TIKA = "VINDPLAATS_TEST_TIKA_URL"
POSTGRES = "VINDPLAATS_TEST_DATABASE_URL"

_WHAT = {ELASTICSEARCH: "Elasticsearch", TIKA: "Tika server", POSTGRES: "PostgreSQL"}


def service_url(env_name: str) -> str:
    url = os.environ.get(env_name, "").strip()
    if url:
        return url
    reason = (
        f"{_WHAT[env_name]} not available: {env_name} is not set (run `scripts/services start`)"
    )
    if os.environ.get("CI"):
        pytest.fail(reason + " — required under CI", pytrace=False)
    pytest.skip(reason)
