"""The native text analyser (`native/vindplaats_text`, Rust), built by scripts/bootstrap: the
one place that imports it, so every user of it fails the same clear way when it is not built."""

from __future__ import annotations

from types import ModuleType

from vindplaats.errors import EngineError

try:
    import vindplaats_text as _module
except ImportError as exc:  # pragma: no cover - scripts/bootstrap builds it
    _MISSING: ImportError | None = exc
else:
    _MISSING = None


def native_text() -> ModuleType:
    """The `vindplaats_text` module; EngineError (how to build it) when it is not built."""
    if _MISSING is not None:
        raise EngineError(
            "the native text analyser (native/vindplaats_text) is not built: run "
            f"scripts/bootstrap (it needs cargo) ({_MISSING})"
        )
    return _module


__all__ = ["native_text"]
