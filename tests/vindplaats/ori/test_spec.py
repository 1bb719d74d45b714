"""The official ORI documents load offline, with ORI 2.0's remote common.yaml references local."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vindplaats.errors import ConfigError
from vindplaats.ori import spec
from vindplaats.settings import Settings

STANDARDS = Settings().xsd_dir


@pytest.mark.parametrize(
    ("standard", "collections"),
    [("ori-2", 17), ("mini-ori", 3), ("ori-events", 3)],
)
def test_each_document_loads_with_no_remote_reference_left(standard, collections):
    document = spec.load(standard, STANDARDS)
    text = json.dumps(document)
    assert '"$ref": "http' not in text
    plain = [path for path in document["paths"] if "{" not in path and "/events" not in path]
    assert len([p for p in plain if not p.startswith("/webhook")]) == collections


def test_remote_references_point_at_components_that_exist():
    document = spec.load("ori-2", STANDARDS)
    response = document["paths"]["/vergaderingen"]["get"]["responses"]["400"]
    name = response["$ref"].rsplit("/", 1)[-1]
    problem = document["components"]["responses"][name]
    assert "application/problem+json" in problem["content"]
    header = document["paths"]["/vergaderingen"]["get"]["responses"]["200"]["headers"]
    assert header["api-version"]["$ref"].rsplit("/", 1)[-1] in document["components"]["headers"]


def test_each_load_is_a_fresh_copy():
    first = spec.load("mini-ori", STANDARDS)
    first["paths"].clear()
    assert spec.load("mini-ori", STANDARDS)["paths"]


def test_an_unknown_remote_reference_is_named(tmp_path: Path):
    (tmp_path / "ori").mkdir()
    (tmp_path / spec.FILES["mini-ori"]).write_text(
        "openapi: 3.0.0\npaths:\n  /x:\n    get:\n      responses:\n        '200':\n"
        "          $ref: 'https://example.org/other.yaml#/components/responses/200'\n"
    )
    with pytest.raises(ConfigError, match=r"example\.org/other\.yaml"):
        spec.load("mini-ori", tmp_path)


def test_a_missing_directory_says_which_setting_names_it(tmp_path: Path):
    with pytest.raises(ConfigError, match="VINDPLAATS_XSD_DIR"):
        spec.load("ori-2", tmp_path / "nowhere")
