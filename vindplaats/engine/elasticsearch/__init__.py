"""The Elasticsearch engine: the engine interface over an Elasticsearch 8 cluster (`engine`)."""

from __future__ import annotations

from vindplaats.engine.elasticsearch.engine import ElasticsearchEngine

__all__ = ["ElasticsearchEngine"]
