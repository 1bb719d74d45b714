"""The Elasticsearch index template, generated from the one field list (`mappings.FIELDS`).

`build_template()` is the generator; its output is committed as `TEMPLATE_FILE`
(`mappings/elasticsearch/documents-template.json`, regenerate with
`python -m vindplaats.engine.elasticsearch.mapping`), and the engine installs the committed
file. A test keeps the two equal.

Documents are root documents; their pages are `nested` objects (`pages.number`, `pages.text`), so a
search matches whole documents (`title`, `text`: every page) and picks each hit's best pages with
`inner_hits`. Analysis mirrors the embedded engine (`vindplaats.engine.analysis`):

- `nl_index` (titles at index time): whitespace tokens, `word_delimiter_graph` splitting on
  every non-alphanumeric character like tantivy's tokenizer but also keeping the original token
  (`preserve_original`: `2024-01`, `5.1.2e`), tokens over `MAX_TOKEN_CHARS` dropped, lowercase,
  ASCII folding and the Dutch Kraaij-Pohlmann stemmer (`dutch_kp`: its stems equal tantivy's
  `dutch` stemmer, which the `dutch` Snowball stemmer's do not);
- `nl_text` (document text and page text at index time): the same without the originals, and
  then the common grams (`common_grams` over `common_words.COMMON_STEMS`): for two adjacent
  stems of which either is common, also the term `a_b` (`de_meen` for `de gemeente`) at the
  first one's position, so lengths (BM25, which also picks the best pages) and positions stay
  those of the words, as in the embedded engine. The grams need the originals left out: a
  common word before a kept original would pair with it (`van_noord-holland`) instead of its
  first part (`van_noord`);
- `nl_phrase` (document text and page text at query time, their `search_analyzer`): the same
  chain with `common_grams` in query mode, which keeps a word only where it is in no gram, so a
  phrase of common words is answered from its grams: `"de gemeente"` is the one term `de_meen`,
  not the positions of two words found in nearly every document;
- `nl_search` (words at query time, and titles' `search_analyzer`): the stems alone, no grams,
  so a query splits into exactly the words the embedded engine looks for; the compiler names it
  for words, which need not be adjacent. Titles have no grams (nor do the embedded engine's):
  they are short, so their phrases are quick from positions;
- `nl_folded` (the `folded` sub-field of text fields): no stemming, for `prefix*` queries, which
  match words as written (the stemmer turns `gemeente` into `meen`).

An index made before the grams keeps the analysis it was made with: it finds the same phrases
from positions alone (the engine logs that a rebuild makes them fast), and `vindplaats index
rebuild` makes a version with grams.

Keyword fields are `keyword` (filters, facets, sort), dates `date` (`yyyy-MM-dd`), timestamps
`date` (`strict_date_time_no_millis`: whole seconds, as the embedded engine keeps them), integers
`integer`. `text` is indexed but left out of the stored `_source`: the pages hold the same text.
"""

from __future__ import annotations

import json
import sys
from importlib import resources
from typing import Any

from mappings import FIELDS, FieldDef
from vindplaats.engine.common_words import COMMON_STEMS

TEMPLATE_FILE = "elasticsearch/documents-template.json"
DEFAULT_PREFIX = "vindplaats"
PAGES = "pages"
TEXT_FIELD = "text"  # the document text; the other text field is the title
PAGE_NUMBER = "number"
PAGE_TEXT = "text"
FOLDED = "folded"
INDEX_ANALYZER = "nl_index"
TEXT_ANALYZER = "nl_text"
PHRASE_ANALYZER = "nl_phrase"
SEARCH_ANALYZER = "nl_search"
FOLDED_ANALYZER = "nl_folded"
MAX_TOKEN_CHARS = 63  # the embedded engine drops tokens of 64 bytes or more
MIN_PREFIX_CHARS = 2  # shortest prefix indexed for fast `prefix*` queries (`query.MIN_PREFIX`)
TEMPLATE_PRIORITY = 200

_WORD_PARTS: dict[str, Any] = {
    "type": "word_delimiter_graph",
    "generate_word_parts": True,
    "generate_number_parts": True,
    "split_on_case_change": False,
    "split_on_numerics": False,
    "stem_english_possessive": False,
}


_GRAMS: dict[str, Any] = {"type": "common_grams", "common_words": list(COMMON_STEMS)}


def _analyzer(*filters: str) -> dict[str, Any]:
    return {"type": "custom", "tokenizer": "whitespace", "filter": list(filters)}


def _analysis() -> dict[str, Any]:
    """The analysis settings: one chain, with the originals (titles) or with the grams (text)."""
    common = ["nl_max_length", "lowercase", "asciifolding"]
    stems = ["nl_word_parts", *common, "nl_stemmer"]
    return {
        "filter": {
            "nl_word_parts_and_original": {**_WORD_PARTS, "preserve_original": True},
            "nl_word_parts": {**_WORD_PARTS, "preserve_original": False},
            "nl_max_length": {"type": "length", "max": MAX_TOKEN_CHARS},
            "nl_stemmer": {"type": "stemmer", "language": "dutch_kp"},
            "nl_grams": _GRAMS,
            "nl_grams_query": {**_GRAMS, "query_mode": True},
        },
        "analyzer": {
            INDEX_ANALYZER: _analyzer("nl_word_parts_and_original", *common, "nl_stemmer"),
            TEXT_ANALYZER: _analyzer(*stems, "nl_grams"),
            PHRASE_ANALYZER: _analyzer(*stems, "nl_grams_query"),
            SEARCH_ANALYZER: _analyzer(*stems),
            FOLDED_ANALYZER: _analyzer("nl_word_parts", *common),
        },
    }


def _folded(*, pages: bool) -> dict[str, Any]:
    folded: dict[str, Any] = {"type": "text", "analyzer": FOLDED_ANALYZER}
    if pages:
        folded["index_options"] = "freqs"  # page ranking scores the words a prefix expands to
    else:
        folded["index_options"] = "docs"
        folded["index_prefixes"] = {"min_chars": MIN_PREFIX_CHARS, "max_chars": 5}
    return folded


def _text(*, pages: bool = False) -> dict[str, Any]:
    """Document or page text: stems and common grams, phrases answered from the grams."""
    return {
        "type": "text",
        "analyzer": TEXT_ANALYZER,
        "search_analyzer": PHRASE_ANALYZER,
        "fields": {FOLDED: _folded(pages=pages)},
    }


def _title() -> dict[str, Any]:
    """A title: stems with the kept originals, no grams."""
    return {
        "type": "text",
        "analyzer": INDEX_ANALYZER,
        "search_analyzer": SEARCH_ANALYZER,
        "fields": {FOLDED: _folded(pages=False)},
    }


def field_mapping(field: FieldDef) -> dict[str, Any]:
    if field.kind == "text":
        return _text() if field.name == TEXT_FIELD else _title()
    if field.kind == "keyword":
        return {"type": "keyword"}
    if field.kind == "date":
        return {"type": "date", "format": "strict_date"}
    if field.kind == "timestamp":
        return {"type": "date", "format": "strict_date_time_no_millis"}
    if field.kind == "integer":
        return {"type": "integer"}
    raise ValueError(f"unknown field kind {field.kind!r} for {field.name!r}")  # pragma: no cover


# Pages of one document the index takes: the most any extraction keeps
# (`VINDPLAATS_EXTRACT_MAX_PAGES` is at most this).
MAX_PAGES = 1_000_000


def index_pattern(prefix: str) -> str:
    return f"{prefix}-documents-v*"


def build_template(prefix: str = DEFAULT_PREFIX) -> dict[str, Any]:
    """The composable index template for the versioned document indices of `prefix`."""
    properties: dict[str, Any] = {f.name: field_mapping(f) for f in FIELDS}
    properties[PAGES] = {
        "type": "nested",
        "properties": {PAGE_NUMBER: {"type": "integer"}, PAGE_TEXT: _text(pages=True)},
    }
    return {
        "index_patterns": [index_pattern(prefix)],
        "priority": TEMPLATE_PRIORITY,
        "_meta": {"description": "Vindplaats documents; generated from mappings/fields.json"},
        "template": {
            "settings": {
                "index": {
                    "number_of_shards": 1,
                    "auto_expand_replicas": "0-1",
                    # a page is a nested object: a document of any length (ES allows 10,000)
                    "mapping": {"nested_objects": {"limit": MAX_PAGES}},
                    "analysis": _analysis(),
                }
            },
            "mappings": {
                "dynamic": "strict",
                "_source": {"excludes": ["text"]},
                "properties": properties,
            },
        },
    }


def render(template: dict[str, Any]) -> str:
    return json.dumps(template, indent=2, ensure_ascii=False) + "\n"


def committed_template() -> dict[str, Any]:
    """The committed template file (what the engine installs)."""
    text = resources.files("mappings").joinpath(TEMPLATE_FILE).read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def template_for(prefix: str) -> dict[str, Any]:
    """The committed template, with the index pattern of `prefix`."""
    template = committed_template()
    template["index_patterns"] = [index_pattern(prefix)]
    return template


def main() -> None:
    sys.stdout.write(render(build_template()))


if __name__ == "__main__":
    main()


__all__ = [
    "FOLDED",
    "MAX_PAGES",
    "PAGES",
    "PAGE_NUMBER",
    "PAGE_TEXT",
    "PHRASE_ANALYZER",
    "SEARCH_ANALYZER",
    "TEMPLATE_FILE",
    "build_template",
    "committed_template",
    "index_pattern",
    "render",
    "template_for",
]
