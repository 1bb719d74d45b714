"""The Elasticsearch test service, and the helpers of the tests that use it.

Each test module gets the node with a prefix of its own (`es_service`, in a module-scoped
fixture) whose indices and templates are deleted after the module; `engine_factory` gives a test
a fresh prefix under it, so tests never see each other's documents. Without
`VINDPLAATS_TEST_ELASTICSEARCH_URL` these tests skip (and fail under CI).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterator
from typing import NamedTuple

import pytest
from elasticsearch import Elasticsearch, NotFoundError

from tests.services import ELASTICSEARCH, service_url
from vindplaats.engine.analysis import folded, stems
from vindplaats.engine.common_words import phrase_grams
from vindplaats.engine.elasticsearch import ElasticsearchEngine
from vindplaats.engine.elasticsearch.mapping import template_for

EngineFactory = Callable[[], ElasticsearchEngine]


# Council vocabulary with the inflections the stemmers disagree on (plurals, -ing, ge-, -heid).
def _words(text: str) -> list[str]:
    return text.split()


VOCABULARY = _words(
    """
begroting begrotingen gemeente gemeenten gemeentelijke vergadering vergaderingen motie moties
amendement amendementen besluit besluiten besloten raadsvoorstel raadsvoorstellen wethouder
wethouders burgemeester fractie fracties commissie commissies inwoners bewoners woningbouw
woningen huurwoningen starters statushouders jeugdzorg zorgverleners armoede schulden
verordening verordeningen bestemmingsplan bestemmingsplannen omgevingsvisie vergunning
vergunningen bezwaar bezwaren subsidie subsidies maatregelen kosten belastingen leges tarieven
jaarrekening kadernota voorjaarsnota accountant rekenkamer veiligheid gezondheid mogelijkheden
activiteiten uitgaven ontvangsten ambtenaren zienswijzen lopen liep gelopen fietspaden
ondernemers winkelcentrum duurzaamheid energietransitie zonnepanelen windmolens riolering
afvalinzameling Zoëtermeer Financiën 's-Hertogenbosch Súdwest-Fryslân café geïnformeerd
"""
)


def delete_prefix(client: Elasticsearch, prefix: str) -> None:
    """Delete the indices and index templates of `prefix` (by name: wildcards are refused)."""
    try:
        names = sorted(client.indices.get(index=f"{prefix}*", expand_wildcards="all").body)
    except NotFoundError:
        names = []
    for start in range(0, len(names), 50):
        client.indices.delete(index=",".join(names[start : start + 50]), ignore_unavailable=True)
    try:
        templates = client.indices.get_index_template(name=f"{prefix}*").body["index_templates"]
    except NotFoundError:
        templates = []
    for template in templates:
        client.indices.delete_index_template(name=template["name"])


class EsService(NamedTuple):
    url: str
    prefix: str  # unique to one test module; every index and template under it is removed
    client: Elasticsearch


def es_service() -> Iterator[EsService]:
    """For a module-scoped fixture: the test node, a fresh prefix, and cleaning up after.

    Skips without `VINDPLAATS_TEST_ELASTICSEARCH_URL` (fails under CI).
    """
    url = service_url(ELASTICSEARCH)
    client = Elasticsearch(url, request_timeout=30)
    prefix = f"vptest-{uuid.uuid4().hex[:10]}"
    try:
        yield EsService(url, prefix, client)
    finally:
        delete_prefix(client, prefix)
        client.close()


def engine_factory(es: EsService) -> Iterator[EngineFactory]:
    """For a fixture: opens engines on a fresh prefix under `es.prefix` (several engines stand
    for several processes) and closes them after."""
    prefix = f"{es.prefix}-{uuid.uuid4().hex[:8]}"
    opened: list[ElasticsearchEngine] = []

    def make() -> ElasticsearchEngine:
        engine = ElasticsearchEngine(es.url, prefix, 30)
        opened.append(engine)
        return engine

    yield make
    for engine in opened:
        engine.close()


@pytest.fixture(scope="module")
def es() -> Iterator[EsService]:
    yield from es_service()


def test_node_answers_with_a_version_8(es: EsService) -> None:
    nodes = es.client.nodes.info()["nodes"].values()
    assert nodes and all(node["version"].startswith("8.") for node in nodes)
    health = es.client.cluster.health(wait_for_status="yellow", timeout="10s")
    assert health["status"] in ("green", "yellow")


def _analyze(
    client: Elasticsearch, index: str, analyzer: str, words: list[str], *, grams: bool = False
) -> list[str]:
    """The tokens `analyzer` makes of `words`: the words (unigrams), or else the grams."""
    tokens = client.indices.analyze(index=index, analyzer=analyzer, text=" ".join(words))
    return [t["token"] for t in tokens["tokens"] if (t["type"] == "gram") == grams]


def _typed(client: Elasticsearch, index: str, analyzer: str, text: str) -> list[tuple[str, str]]:
    """Every token `analyzer` makes of `text`, with its type (`word`, `gram`)."""
    tokens = client.indices.analyze(index=index, analyzer=analyzer, text=text)["tokens"]
    return [(t["token"], t["type"]) for t in tokens]


def test_template_analysis_gives_the_embedded_engines_terms(es: EsService) -> None:
    """The stems (and folded words) Elasticsearch indexes are the ones tantivy indexes.

    This is why the template uses `dutch_kp`: Elasticsearch's `dutch` Snowball stemmer gives
    other stems than tantivy's Dutch stemmer for about a third of this vocabulary.
    """
    es_client = es.client
    index = f"{es.prefix}-analysis"
    template = template_for(es.prefix)["template"]
    es_client.indices.create(index=index, settings=template["settings"])
    try:
        for analyzer, expected in (
            ("nl_search", stems),
            ("nl_text", stems),
            ("nl_folded", folded),
        ):
            got = _analyze(es_client, index, analyzer, VOCABULARY)
            assert got == expected(" ".join(VOCABULARY))
        words = _analyze(es_client, index, "nl_index", ["art.", "5.1.2e", "2024-01"])
        assert words == ["art.", "art", "5.1.2e", "5", "1", "2e", "2024-01", "2024", "01"]
    finally:
        es_client.indices.delete(index=index)


def test_template_analysis_gives_the_embedded_engines_common_grams(es: EsService) -> None:
    """Elasticsearch's `common_grams` (separator `_`) are the embedded engine's grams
    (`common_words.phrase_grams`); in query mode a phrase of common words is its grams alone."""
    es_client = es.client
    index = f"{es.prefix}-grams"
    es_client.indices.create(index=index, settings=template_for(es.prefix)["template"]["settings"])
    try:
        assert _analyze(es_client, index, "nl_text", ["de", "gemeente"], grams=True) == ["de_meen"]
        assert _typed(es_client, index, "nl_phrase", "de gemeente") == [("de_meen", "gram")]
        text = "In de raad van de gemeente Delft besloten 's-Hertogenbosch 2024-01"
        expected = [g for _, g in phrase_grams(list(enumerate(stems(text))))]
        assert _analyze(es_client, index, "nl_text", text.split(), grams=True) == expected
        assert _analyze(es_client, index, "nl_phrase", ["raad"]) == ["raad"]
    finally:
        es_client.indices.delete(index=index)


def test_the_prefix_is_a_valid_setting(es: EsService) -> None:
    assert re.fullmatch(r"[a-z0-9][a-z0-9_-]*", es.prefix)
