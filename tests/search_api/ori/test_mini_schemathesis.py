"""Schemathesis with the OFFICIAL mini-ORI 1.0.0 document against /ori/mini/v1/ on the real
server (uvicorn over the sample, `live_url`): every check, every phase, no failure.

The document is read with `vindplaats.ori.spec.load` and written to a temporary file (it is never
copied into the project); its `servers` entry (`/ori-mock`) is replaced by `--url`. The server
serves a copy of the sample in which testdam has a real TOOI code (`tooi_sample`). The UUIDs of
served sample records are offered as a dictionary, so the id routes are fuzzed with records that
exist as well as with random ids. Writes are answered 401 (read-only), which every positive and
negative check accepts. Bounded (`MAX_EXAMPLES` per operation and phase) and seeded (`SEED`), so
every CI run sends the same cases; marked `slow`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from search_api import create_app
from tests.search_api.live import served
from tests.search_api.ori.test_mini_api import tooi_sample
from tests.search_api.sample import Sample
from tests.search_api.schemathesis_run import official_document, run_schemathesis
from vindplaats.ori.ids import ori_uuid
from vindplaats.ori.spec import Standard

pytestmark = pytest.mark.slow

MAX_EXAMPLES = 100
# every check of schemathesis 4.32, each enabled in the config file: named on the command line
# (`--checks all`) a check would win over an operation's `enabled = false` in the config
CHECKS = (
    "not_a_server_error", "status_code_conformance", "content_type_conformance",
    "response_headers_conformance", "response_schema_conformance", "negative_data_rejection",
    "positive_data_acceptance", "missing_required_header", "unsupported_method",
    "allow_header_conformance", "use_after_free", "ensure_resource_availability",
    "ignored_auth", "object_level_authorization",
)  # fmt: skip
SEED = 20261202
BASE = "/ori/mini/v1"


@contextmanager
def tooi_server(data_dir: Path) -> Iterator[tuple[str, Sample]]:
    """(base URL, sample): uvicorn over a TOOI-coded copy of the sample, rate limit off."""
    sample = tooi_sample(data_dir)
    settings = sample.settings.model_copy(update={"api_rate_limit": "off"})
    with served(create_app(settings), wait=30) as (url, _):
        yield url, sample


@pytest.fixture(scope="module")
def tooi_live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Sample]]:
    with tooi_server(tmp_path_factory.mktemp("mini-live")) as found:
        yield found


def bindings(dictionaries: dict[str, list[str]], paths: dict[str, tuple[str, str]]) -> str:
    """A schemathesis config offering `dictionaries` for the path parameters of `paths`
    (path → (parameter, dictionary))."""
    lines = ["[checks]", *(f"{name}.enabled = true" for name in CHECKS), ""]
    for name, values in dictionaries.items():
        lines += [f"[dictionaries.{name}]", f"values = {json.dumps(values)}", ""]
    for path, (parameter, name) in paths.items():
        binding = f'{{ dictionary = "{name}", probability = 0.5 }}'
        lines += ["[[operations]]", f'include-path = "{path}"']
        lines += [f'parameters = {{ "path.{parameter}" = {binding} }}', ""]
    return "\n".join(lines)


def run_official(
    standard: Standard, url: str, config: str, tmp_path: Path, min_cases: int
) -> dict[str, Any]:
    """Run schemathesis with the official document of `standard` against `url`; its summary,
    asserted free of failures and errors. The checks are those the config file enables."""
    return run_schemathesis(
        str(official_document(standard, tmp_path)),
        config,
        tmp_path,
        url=url,
        min_cases=min_cases,
        max_examples=MAX_EXAMPLES,
        seed=SEED,
        timeout=280,
        checks_all=False,
        label=standard,
    )


@pytest.mark.timeout(300)
def test_schemathesis_with_the_official_mini_ori_document_finds_no_failure(
    tooi_live: tuple[str, Sample], tmp_path: Path
) -> None:
    live_url, sample = tooi_live
    dictionaries = {
        "meetings": [ori_uuid(sample.meeting_id)],
        "items": [ori_uuid(record_id) for record_id in sample.agenda_ids.values()],
        "documents": [ori_uuid(sample.begroting_id), ori_uuid(sample.html_id)],
    }
    paths = {
        "/vergaderingen/{id}": ("id", "meetings"),
        "/agendapunten/{id}": ("id", "items"),
        "/informatieobjecten/{id}": ("id", "documents"),
    }
    run_official("mini-ori", live_url + BASE, bindings(dictionaries, paths), tmp_path, 300)
