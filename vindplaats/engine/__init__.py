"""Search engines behind one interface (`vindplaats.engine.base.Engine`)."""

from __future__ import annotations

from vindplaats.engine.base import Engine
from vindplaats.settings import Settings


def open_engine(settings: Settings) -> Engine:
    """The engine chosen by `VINDPLAATS_ENGINE` (default: embedded tantivy in the data dir)."""
    if settings.engine == "elasticsearch":
        from vindplaats.engine.elasticsearch import ElasticsearchEngine

        return ElasticsearchEngine.from_settings(settings)
    from vindplaats.engine.embedded import EmbeddedEngine

    settings.index_dir.mkdir(parents=True, exist_ok=True)
    return EmbeddedEngine(settings.index_dir)
