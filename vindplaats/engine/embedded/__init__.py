"""The embedded engine: an on-disk tantivy index in one directory, no server (`engine`)."""

from __future__ import annotations

from vindplaats.engine.embedded.engine import EmbeddedEngine

__all__ = ["EmbeddedEngine"]
