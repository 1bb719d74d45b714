"""The exception hierarchy. Every error Vindplaats raises on purpose is a `VindplaatsError`.

- `ConfigError`: a setting is missing or invalid (names the `VINDPLAATS_` key).
- `SourceError`: a source registration is invalid or unknown.
- `UnsafeURLError`: a URL was refused by the fetch guard (scheme, blocked address).
- `HarvestError`: a harvest run failed as a whole; `HarvestRefused`: refused before starting.
- `ExtractionError`: text extraction of one file failed (recorded on the document).
- `EngineError`: the search engine could not serve or index.
- `QueryError`: a search request was invalid (maps to HTTP 400).
- `NotFound`: an id does not exist (maps to HTTP 404).
"""

from __future__ import annotations


class VindplaatsError(Exception):
    """Root of all deliberate Vindplaats errors."""


class ConfigError(VindplaatsError):
    pass


class SourceError(VindplaatsError):
    pass


class UnsafeURLError(VindplaatsError):
    pass


class HarvestError(VindplaatsError):
    pass


class HarvestRefused(HarvestError):
    """A harvest refused before it started: an impossible window or combination of options, a
    supplier that blocked us (the CLI exits 2, as for other refusals)."""


class ExtractionError(VindplaatsError):
    pass


class EngineError(VindplaatsError):
    pass


class QueryError(VindplaatsError):
    pass


class NotFound(VindplaatsError):
    pass


__all__ = [
    "ConfigError",
    "EngineError",
    "ExtractionError",
    "HarvestError",
    "HarvestRefused",
    "NotFound",
    "QueryError",
    "SourceError",
    "UnsafeURLError",
    "VindplaatsError",
]
