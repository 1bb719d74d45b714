"""Search engines behind one interface (`vindplaats.engine.base.Engine`).

This module is the only one naming both engines (`embedded/`, `elasticsearch/`); everything else
reaches an engine through `open_engine` and `engine_kind` and uses only the interface.
"""

from __future__ import annotations

from vindplaats.engine.base import Engine, EngineKind
from vindplaats.settings import Settings


def engine_kind(settings: Settings) -> EngineKind:
    """The engine class `VINDPLAATS_ENGINE` chooses (default: embedded tantivy in the data dir)."""
    if settings.engine == "elasticsearch":
        from vindplaats.engine.elasticsearch import ElasticsearchEngine

        return ElasticsearchEngine
    from vindplaats.engine.embedded import EmbeddedEngine

    return EmbeddedEngine


def open_engine(settings: Settings) -> Engine:
    """The engine chosen by `VINDPLAATS_ENGINE`, open."""
    return engine_kind(settings).from_settings(settings)


__all__ = ["engine_kind", "open_engine"]
