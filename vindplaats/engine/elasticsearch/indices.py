"""Versioned indices and their aliases.

Documents live in indices named `<prefix>-documents-v<N>-<UTC timestamp>`, created from the
committed index template (`mapping`). Searches go through the read alias
`<prefix>-documents`, writes through the write alias `<prefix>-documents-write`; both point at
the same, current version. The first use creates version 1 with both aliases (if two processes
race, Elasticsearch refuses the second write index and the loser uses the winner's). A rebuild
creates the next version without aliases (`create_version`), fills it, then `swap` moves both
aliases in one atomic `_aliases` request that fails if the aliases moved meanwhile; the old
versions are deleted only after that.

An index is refused when its mapping lacks a field (`check_fields`: a rebuild makes it again).
One made before the common grams (`mapping`) is not: it keeps the analysis it was made with and
answers every query the same, only phrases of common words from positions, so the engine logs
that `vindplaats index rebuild` makes them fast.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from typing import Any

from elasticsearch import ApiError, Elasticsearch, NotFoundError

from mappings import FIELDS
from vindplaats.engine.elasticsearch.mapping import (
    MAX_PAGES,
    PHRASE_ANALYZER,
    TEXT_FIELD,
    index_pattern,
    template_for,
)
from vindplaats.errors import EngineError

NESTED_LIMIT = "index.mapping.nested_objects.limit"
log = logging.getLogger("vindplaats.engine")

_VERSION_RE = re.compile(r"-v(\d+)-\d+$")


class Indices:
    def __init__(self, client: Elasticsearch, prefix: str) -> None:
        self._client = client
        self.prefix = prefix
        self.read_alias = f"{prefix}-documents"
        self.write_alias = f"{prefix}-documents-write"
        self.template_name = f"{prefix}-documents"

    # -- inspection --------------------------------------------------------------------------

    def versions(self) -> list[str]:
        """Every version index of this prefix, oldest first."""
        try:
            pattern = index_pattern(self.prefix)
            found = self._client.indices.get(index=pattern, expand_wildcards="all")
        except NotFoundError:
            return []
        names = [name for name in found.body if _VERSION_RE.search(name)]
        return sorted(names, key=lambda name: (version_of(name), name))

    def aliased(self, alias: str) -> list[str]:
        """The indices `alias` points at (none if it does not exist)."""
        try:
            return sorted(self._client.indices.get_alias(name=alias).body)
        except NotFoundError:
            return []

    def exists(self) -> bool:
        return bool(self._client.indices.exists_alias(name=self.read_alias))

    def check_fields(self) -> None:
        """Refuse an index built by an older version (fields missing from its mapping); log
        one built without the common grams."""
        found = self._client.indices.get_mapping(index=self.read_alias).body
        missing = missing_fields(found)
        if missing:
            raise EngineError(
                f"the Elasticsearch index {self.read_alias} was built by another Vindplaats "
                f"version (a schema mismatch: it lacks {', '.join(missing)}): run `vindplaats "
                "index rebuild` to build it again from the store"
            )
        if without_grams(found):
            log.warning(
                "the Elasticsearch index %s has no common grams: phrases of common words are "
                "slow there until `vindplaats index rebuild`",
                self.read_alias,
            )

    # -- creation ------------------------------------------------------------------------------

    def install_template(self) -> None:
        template = template_for(self.prefix)
        self._client.indices.put_index_template(
            name=self.template_name,
            index_patterns=template["index_patterns"],
            priority=template["priority"],
            template=template["template"],
            meta=template["_meta"],
        )

    def _next_name(self) -> str:
        existing = [version_of(name) for name in self.versions()]
        number = max(existing, default=0) + 1
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d%H%M%S")
        return f"{self.prefix}-documents-v{number}-{stamp}"

    def ensure(self) -> None:
        """Create the first version with both aliases unless the read alias exists (then lift
        its page limit to the template's, for an index made before the template had it)."""
        if self.exists():
            self._lift_page_limit()
            return
        self.install_template()
        name = self._next_name()
        aliases = {self.read_alias: {}, self.write_alias: {"is_write_index": True}}
        try:
            self._client.indices.create(index=name, aliases=aliases)
        except ApiError as exc:
            if not self.exists():  # not a lost race: a real failure
                raise EngineError(f"cannot create the index {name}: {exc}") from exc
            self._drop_if_unaliased(name)

    def _lift_page_limit(self) -> None:
        """Raise the nested-page limit of the write index to the template's; a cluster that
        refuses (no right to read or change settings) keeps its limit, and a longer document is
        then refused with Elasticsearch's reason, as every rejected document is."""
        try:
            found = self._client.indices.get_settings(
                index=self.write_alias, name=NESTED_LIMIT, include_defaults=True, flat_settings=True
            ).body
            low = []
            for name, body in found.items():
                if not isinstance(body, dict):
                    continue
                value = (body.get("settings") or {}).get(NESTED_LIMIT)
                value = value or (body.get("defaults") or {}).get(NESTED_LIMIT)
                if value is None or int(value) < MAX_PAGES:
                    low.append(name)
            if low:
                settings = {NESTED_LIMIT: MAX_PAGES}
                self._client.indices.put_settings(index=",".join(low), settings=settings)
        except (ApiError, ValueError, TypeError, AttributeError) as exc:
            log.warning("the page limit of %s stays as it is: %s", self.write_alias, exc)

    def _drop_if_unaliased(self, name: str) -> None:
        try:
            if not self._client.indices.get_alias(index=name).body.get(name, {}).get("aliases"):
                self._client.indices.delete(index=name)
        except NotFoundError:
            pass

    def create_version(self, settings: dict[str, Any] | None = None) -> str:
        """A new, empty version from the (re-installed) template, with no aliases."""
        self.install_template()
        name = self._next_name()
        try:
            self._client.indices.create(index=name, settings=settings)
        except ApiError as exc:
            raise EngineError(f"cannot create the index {name}: {exc}") from exc
        return name

    # -- swapping ------------------------------------------------------------------------------

    def swap(self, new: str) -> list[str]:
        """Point both aliases at `new` in one atomic request; returns the indices they left."""
        old_read, old_write = self.aliased(self.read_alias), self.aliased(self.write_alias)
        actions: list[dict[str, Any]] = []
        for alias, indices in ((self.read_alias, old_read), (self.write_alias, old_write)):
            actions += [
                {"remove": {"index": index, "alias": alias, "must_exist": True}}
                for index in indices
                if index != new
            ]
        actions += [
            {"add": {"index": new, "alias": self.read_alias}},
            {"add": {"index": new, "alias": self.write_alias, "is_write_index": True}},
        ]
        try:
            self._client.indices.update_aliases(actions=actions)
        except ApiError as exc:
            raise EngineError(f"moving the aliases to {new} failed (no change): {exc}") from exc
        return sorted(set(old_read + old_write) - {new})

    def delete(self, names: list[str]) -> None:
        """Delete these version indices (never one the aliases point at)."""
        live = set(self.aliased(self.read_alias)) | set(self.aliased(self.write_alias))
        doomed = [name for name in names if name not in live and _VERSION_RE.search(name)]
        if doomed:
            self._client.indices.delete(index=",".join(doomed), ignore_unavailable=True)


def missing_fields(mappings: dict[str, Any]) -> list[str]:
    """The mapped fields (`mappings.FIELDS`) that an index's mapping (a `GET <index>/_mapping`
    answer, one entry per index) lacks: such an index was built by an older version."""
    missing: set[str] = set()
    for body in mappings.values():
        properties = (body.get("mappings") or {}).get("properties") or {}
        missing.update(f.name for f in FIELDS if f.name not in properties)
    return sorted(missing)


def without_grams(mappings: dict[str, Any]) -> list[str]:
    """The indices of a `GET <index>/_mapping` answer whose text is searched without the
    common grams: made from a template before them."""
    out = []
    for name, body in mappings.items():
        properties = (body.get("mappings") or {}).get("properties") or {}
        text = properties.get(TEXT_FIELD) or {}
        if text.get("search_analyzer") != PHRASE_ANALYZER:
            out.append(name)
    return sorted(out)


def version_of(name: str) -> int:
    match = _VERSION_RE.search(name)
    return int(match.group(1)) if match else 0


__all__ = ["Indices", "missing_fields", "version_of", "without_grams"]
