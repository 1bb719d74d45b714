"""Holding a source's harvest lease while an operator command changes what was harvested from
it (`sources remove`, `reextract`): no harvest of it starts meanwhile, and the command is
refused (exit status 2) while one runs."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

from vindplaats.errors import HarvestError, SourceError
from vindplaats.leasing import holding, new_holder, source_lease
from vindplaats.settings import Settings
from vindplaats.store.base import Store


@contextmanager
def no_harvest_of(settings: Settings, store: Store, key: str, doing: str) -> Iterator[None]:
    """Hold the lease `source:<key>` for the block; SourceError when a harvest holds it."""
    stack = ExitStack()
    try:
        stack.enter_context(holding(settings, store, source_lease(key), holder=new_holder("cli")))
    except HarvestError:
        holder = store.lease_holder(source_lease(key)) or "another process"
        raise SourceError(
            f"cannot {doing} {key!r} while it is being harvested (by {holder}); try again when "
            "the harvest has finished"
        ) from None
    with stack:
        yield


__all__ = ["no_harvest_of"]
