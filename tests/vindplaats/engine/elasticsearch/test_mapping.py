"""One field list, two engines: the committed Elasticsearch template and the tantivy schema."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from mappings import FACET_FIELDS, FIELDS
from vindplaats.engine.common_words import COMMON_STEMS, GRAM_JOIN
from vindplaats.engine.elasticsearch.mapping import (
    FOLDED,
    PAGES,
    TEMPLATE_FILE,
    build_template,
    committed_template,
    render,
    template_for,
)
from vindplaats.engine.embedded.schema import build_schema

ES_TYPES = {
    "text": "text",
    "keyword": "keyword",
    "date": "date",
    "timestamp": "date",
    "integer": "integer",
}


def _tantivy_fields() -> dict[str, dict[str, Any]]:
    """The tantivy schema's fields by name, from its pickled form (the binding has no getter)."""
    pickled: Any = build_schema().__reduce__()[1][0]
    return {field["name"]: field for field in pickled["inner"]}


def test_committed_template_is_the_generated_one() -> None:
    text = resources.files("mappings").joinpath(TEMPLATE_FILE).read_text("utf-8")
    assert text == render(build_template()), (
        "mappings/elasticsearch/documents-template.json is stale: regenerate it with "
        "`python -m vindplaats.engine.elasticsearch.mapping > mappings/elasticsearch/"
        "documents-template.json`"
    )
    assert committed_template() == json.loads(text)


def test_every_field_exists_in_both_engines_with_its_kind() -> None:
    properties = committed_template()["template"]["mappings"]["properties"]
    tantivy = _tantivy_fields()
    for field in FIELDS:
        assert properties[field.name]["type"] == ES_TYPES[field.kind], field.name
        assert field.name in tantivy, field.name
        kind = tantivy[field.name]
        if field.kind == "text":
            assert kind["type"] == "text"
            # the embedded index analyses document text once, itself (`embedded.native`)
            analysed = "pre_analysed" if field.name == "text" else "nl_stemmed"
            assert kind["options"]["indexing"]["tokenizer"] == analysed
            assert FOLDED in properties[field.name]["fields"]
        elif field.kind == "keyword":
            assert (kind["type"], kind["options"]["indexing"]["tokenizer"]) == ("text", "raw")
        elif field.kind in ("date", "timestamp"):
            assert kind["type"] == "date"
        else:
            assert kind["type"] == "i64"
    extra = set(properties) - {f.name for f in FIELDS} - {PAGES}
    assert not extra, f"template fields missing from mappings/fields.json: {extra}"


def test_facet_and_filter_fields_are_keywords_in_the_template() -> None:
    properties = committed_template()["template"]["mappings"]["properties"]
    assert FACET_FIELDS
    for name in FACET_FIELDS:
        assert properties[name]["type"] == "keyword"


def test_template_for_a_prefix_only_changes_the_index_pattern() -> None:
    template = template_for("other")
    assert template["index_patterns"] == ["other-documents-v*"]
    assert template["template"] == committed_template()["template"]


def test_analysis_uses_the_stemmer_matching_tantivy_and_keeps_originals() -> None:
    analysis = committed_template()["template"]["settings"]["index"]["analysis"]
    assert analysis["filter"]["nl_stemmer"] == {"type": "stemmer", "language": "dutch_kp"}
    kept = analysis["filter"]["nl_word_parts_and_original"]
    assert kept["type"] == "word_delimiter_graph"
    assert kept["preserve_original"] is True
    assert "nl_word_parts_and_original" in analysis["analyzer"]["nl_index"]["filter"]


def test_text_is_searched_through_the_common_grams_and_titles_without() -> None:
    """The grams come after the stemmer, so they join stems (`de_meen`) with the join the
    embedded engine uses (`common_grams` joins with `_`)."""
    template = committed_template()["template"]
    analysis = template["settings"]["index"]["analysis"]
    assert GRAM_JOIN == "_"
    for name, query_mode in (("nl_grams", None), ("nl_grams_query", True)):
        grams = analysis["filter"][name]
        assert (grams["type"], grams["common_words"]) == ("common_grams", list(COMMON_STEMS))
        assert grams.get("query_mode") == query_mode
    for analyzer, grams in (("nl_text", "nl_grams"), ("nl_phrase", "nl_grams_query")):
        chain = analysis["analyzer"][analyzer]["filter"]
        assert chain[-2:] == ["nl_stemmer", grams]
        assert "nl_word_parts_and_original" not in chain
    properties = template["mappings"]["properties"]
    page_text = properties[PAGES]["properties"]["text"]
    for field in (properties["text"], page_text):
        assert (field["analyzer"], field["search_analyzer"]) == ("nl_text", "nl_phrase")
    assert (properties["title"]["analyzer"], properties["title"]["search_analyzer"]) == (
        "nl_index",
        "nl_search",
    )
